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
}

export function createRecordingHost(): RecordingHost {
  const watchers = new Set<{ units: Set<string>; onStatus: (s: UnitStatus__Output) => void }>();
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
    publish: (status) => {
      for (const w of watchers) if (w.units.has(status.name)) w.onStatus(status);
    },
    close: () => watchers.clear(),
  };
  return recorder;
}
