// The WorkerHost service (worker.proto): the calls a worker makes on the core, passed to the
// engine's HostHandlers after their arguments are checked. Job types and modes arrive as the
// proto's enums and are turned into systemctl's spelling here, once.
import {
  SysmasterError, jobModeFromWire, jobTypeFromWire, type HostEventKind, type JobMode, type JobType, type UnitStatus,
} from '@sysmaster/proto';
import type { StrictHandlers } from './handler-types';

/** The most units one WatchUnits stream may name (worker.proto WatchUnitsRequest). */
const MAX_WATCHED_UNITS = 1_000;

/** What the engine does for a worker (see worker.proto, service WorkerHost). */
export interface HostHandlers {
  /** Enqueues a job as sctl would and resolves with its id. */
  enqueueJob(unit: string, type: JobType, mode: JobMode, fromType: string): Promise<number>;
  /** Logs what a worker reports and acts on it (worker.proto HostEventKind). */
  reportEvent(unit: string, kind: HostEventKind, message: string, fields: Record<string, string>): void;
  /** The current status of each unit, then every change of them until the returned function is called. */
  watchUnits(units: string[], onStatus: (status: UnitStatus) => void): () => void;
  /** The number of queued jobs not of `exceptUnits`, then every change of it, until the returned function is called. */
  watchJobQueue(exceptUnits: string[], onJobs: (jobs: number) => void): () => void;
}

export function hostHandlers(host: HostHandlers): StrictHandlers<'WorkerHost'> {
  return {
    EnqueueJob: async (req) => {
      const from = req.from_type || 'unnamed';
      if (!req.unit) throw new SysmasterError('ERR_INVALID_ARGUMENT', `EnqueueJob from the ${from} worker names no unit.`);
      const type = jobTypeFromWire(req.type);
      if (type === null) throw new SysmasterError('ERR_INVALID_ARGUMENT', `EnqueueJob for ${req.unit} from the ${from} worker names no job type.`);
      const mode = jobModeFromWire(req.mode);
      if (mode === null) throw new SysmasterError('ERR_INVALID_ARGUMENT', `EnqueueJob for ${req.unit} from the ${from} worker names an unknown job mode (${String(req.mode)}).`);
      const jobId = await host.enqueueJob(req.unit, type, mode, from);
      return { job_id: jobId };
    },
    ReportEvent: async (req) => {
      if (!req.unit) throw new SysmasterError('ERR_INVALID_ARGUMENT', `ReportEvent of kind "${req.kind}" names no unit.`);
      host.reportEvent(req.unit, req.kind, req.message, req.fields);
      return {};
    },
    WatchUnits: async (call) => {
      const names = call.request.units;
      if (names.length === 0 || names.length > MAX_WATCHED_UNITS) {
        throw new SysmasterError('ERR_INVALID_ARGUMENT', `WatchUnits takes 1 to ${MAX_WATCHED_UNITS} unit names, not ${names.length}.`);
      }
      follow(call, (write) => host.watchUnits(names, write));
    },
    WatchJobQueue: async (call) => {
      const except = call.request.except_units;
      if (except.length > MAX_WATCHED_UNITS) {
        throw new SysmasterError('ERR_INVALID_ARGUMENT', `WatchJobQueue leaves out at most ${MAX_WATCHED_UNITS} units, not ${except.length}.`);
      }
      follow(call, (write) => host.watchJobQueue(except, (jobs) => write({ jobs })));
    },
  };
}

/**
 * Feeds a server stream from a watch: `watch` is given a writer and returns its stop function,
 * which runs once, when the worker goes away (cancel, close, error) or a write fails.
 */
function follow<T>(call: { write(message: T): unknown; on(event: string, listener: () => void): unknown }, watch: (write: (message: T) => void) => () => void): void {
  let stop: (() => void) | null = null;
  let ended = false;
  const end = (): void => {
    ended = true;
    stop?.();
    stop = null;
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
  const stopWatch = watch((message) => {
    try { call.write(message); } catch { end(); }
  });
  // A write that failed during the first, synchronous snapshot ended the stream before there
  // was a stop function to call.
  if (ended) stopWatch();
  else stop = stopWatch;
}
