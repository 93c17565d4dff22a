// The WorkerHost service (worker.proto): the calls a worker makes on the core, passed to the
// engine's HostHandlers after their arguments are checked.
import { SysmasterError } from '@sysmaster/proto';
import type { StrictHandlers } from './handler-types';

/** What the engine does for a worker (see worker.proto, service WorkerHost). */
export interface HostHandlers {
  /** Enqueues a job as sctl would and resolves with its id. */
  enqueueJob(unit: string, type: string, mode: string, fromType: string): Promise<number>;
  /** Logs a message a unit's process sent and acts on manager-level requests in it. */
  reportEvent(unit: string, kind: string, message: string, fields: Record<string, string>): void;
}

export function hostHandlers(host: HostHandlers): StrictHandlers<'WorkerHost'> {
  return {
    EnqueueJob: async (req) => {
      if (!req.unit) throw new SysmasterError('ERR_INVALID_ARGUMENT', `EnqueueJob from worker "${req.from_type}" names no unit.`);
      if (!req.type) throw new SysmasterError('ERR_INVALID_ARGUMENT', `EnqueueJob for ${req.unit} from worker "${req.from_type}" names no job type.`);
      const jobId = await host.enqueueJob(req.unit, req.type, req.mode || 'replace', req.from_type);
      return { job_id: jobId };
    },
    ReportEvent: async (req) => {
      if (!req.unit) throw new SysmasterError('ERR_INVALID_ARGUMENT', `ReportEvent of kind "${req.kind}" names no unit.`);
      host.reportEvent(req.unit, req.kind, req.message, req.fields);
      return {};
    },
  };
}
