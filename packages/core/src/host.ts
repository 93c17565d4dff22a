// The core's side of WorkerHost (worker.proto): what it does when a worker enqueues a job,
// reports an event or watches other units. The gRPC layer (api/host-service.ts) has checked the
// arguments; this is the behaviour.
import type { HostEventKind, JobMode, JobType, UnitStatus } from '@sysmaster/proto';
import type { HostHandlers } from './api';
import type { Logger } from './log';
import type { Manager } from './manager';

export function coreHostHandlers(manager: Manager, log: Logger): HostHandlers {
  return {
    enqueueJob: async (unit: string, type: JobType, mode: JobMode, fromType: string) => {
      log.info(`the ${fromType} worker asks for ${unit}/${type} (${mode})`, { unit, worker: fromType });
      const jobs = await manager.enqueue(type, [unit], mode, 'worker');
      return jobs[0]?.id ?? 0;
    },
    reportEvent: (unit: string, kind: HostEventKind, message: string, fields: Record<string, string>) => {
      switch (kind) {
        case 'warning': log.warn(`${unit}: ${message}`, { unit, fields }); break;
        case 'notify': log.debug(`${unit}: notify: ${message}`, { unit, fields }); break;
        case 'info': log.info(`${unit}: ${message}`, { unit, fields }); break;
      }
      manager.hostEvent(unit, kind, message, fields);
    },
    watchUnits: (units: string[], onStatus: (status: UnitStatus) => void) => {
      const wanted = new Set<string>();
      for (const name of units) {
        const status = manager.unitStatus(name);
        wanted.add(status.name);
        onStatus(status);
      }
      const onUnit = (status: UnitStatus): void => {
        if (wanted.has(status.name ?? '')) onStatus(status);
      };
      manager.events.on('unit', onUnit);
      return () => manager.events.off('unit', onUnit);
    },
    watchJobQueue: (exceptUnits: string[], onJobs: (jobs: number) => void) => {
      const except = new Set(exceptUnits);
      let last = -1;
      let stopped = false;
      const send = (): void => {
        if (stopped) return;
        const jobs = manager.jobs().filter((job) => !except.has(job.unit)).length;
        if (jobs !== last) { last = jobs; onJobs(jobs); }
      };
      // A job event may come before the engine drops the finished job: count again right after.
      const onJob = (): void => { send(); setImmediate(send); };
      send();
      manager.events.on('job', onJob);
      return () => { stopped = true; manager.events.off('job', onJob); };
    },
  };
}
