// A HostClient that records calls instead of reaching a core: for a worker type's unit tests,
// which run its units without a core (the e2e tests run the real one).
import type { HostEventKind, JobMode, JobType, UnitStatus__Output } from '@sysmaster/proto';
import type { HostClient } from './host-client';

export interface RecordingHost extends HostClient {
  /** "unit type mode" per enqueueJob, in order. */
  jobs: string[];
  /** "unit kind message" per reportEvent, in order. */
  events: string[];
  /** Delivers a status to every watchUnits callback that named its unit. */
  publish(status: UnitStatus__Output): void;
  /** The jobs of the pretend core's queue, by unit: set them, then call queueChanged(). */
  queuedJobs: string[];
  /** Tells every watchJobQueue callback the count of queuedJobs not of its left-out units, as the core would. */
  queueChanged(): void;
}

export function createRecordingHost(): RecordingHost {
  const watchers = new Set<{ units: Set<string>; onStatus: (s: UnitStatus__Output) => void }>();
  const queueWatchers = new Set<{ except: Set<string>; onJobs: (jobs: number) => void }>();
  const count = (except: Set<string>): number => recorder.queuedJobs.filter((unit) => !except.has(unit)).length;
  const recorder: RecordingHost = {
    jobs: [],
    events: [],
    enqueueJob: async (unit: string, type: JobType, mode: JobMode = 'replace') => recorder.jobs.push(`${unit} ${type} ${mode}`),
    reportEvent: async (unit: string, kind: HostEventKind, message: string) => {
      recorder.events.push(`${unit} ${kind} ${message}`);
    },
    watchUnits: (units, onStatus) => {
      const watcher = { units: new Set(units), onStatus };
      watchers.add(watcher);
      return { close: () => watchers.delete(watcher) };
    },
    queuedJobs: [],
    watchJobQueue: (exceptUnits, onJobs) => {
      const watcher = { except: new Set(exceptUnits), onJobs };
      queueWatchers.add(watcher);
      queueMicrotask(() => { if (queueWatchers.has(watcher)) onJobs(count(watcher.except)); });
      return { close: () => queueWatchers.delete(watcher) };
    },
    queueChanged: () => {
      for (const w of [...queueWatchers]) w.onJobs(count(w.except));
    },
    publish: (status) => {
      for (const w of watchers) if (w.units.has(status.name)) w.onStatus(status);
    },
    close: () => { watchers.clear(); queueWatchers.clear(); },
  };
  return recorder;
}
