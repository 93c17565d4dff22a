// Shared builders for the service worker tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  connect, grpc, implement, jobTypeFromWire, serveOnPath,
  type Client, type LoadRequest__Output, type SysmasterError, type UnitStatus, type UnitStatus__Output,
} from '@sysmaster/proto';
import { createLogger, createRecordingHost, type HandedOver, type RecordingHost } from '@sysmaster/worker-kit';
import { ServiceUnits } from '../src/service-units';
import { FakeOs } from './fake-os';

const quiet = createLogger('test', { silent: true });

const tempDirs: string[] = [];
process.on('exit', () => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A LoadRequest for `name` whose [Service] section holds `lines` ("Key=Value"), line numbers from 2. */
export function loadRequest(name: string, lines: string[], file = `/etc/sysmaster/system/${name}`): LoadRequest__Output {
  return {
    name, fragment_path: file, dropin_paths: [], unit_settings: {},
    specifiers: { n: name, N: name.replace(/\.service$/, ''), p: name.replace(/\.service$/, ''), i: '' },
    sections: [{
      name: 'Service', file, line: 1,
      entries: lines.map((line, index) => {
        const eq = line.indexOf('=');
        return { key: line.slice(0, eq), value: line.slice(eq + 1), file, line: index + 2 };
      }),
    }],
  };
}

export interface Harness {
  os: FakeOs;
  units: ServiceUnits;
  events: UnitStatus[];
  stateDir: string;
  /** The fake core: `jobs` holds every job the worker asked for, `events` every reported event. */
  core: RecordingHost;
  last(): UnitStatus;
}

/**
 * How the fake core answers a restart job the worker asks for: 'run' carries it out as the core's
 * job engine does for a unit in auto-restart (Stop with UnitRequest.restart, then Start), at once;
 * 'start-only' only calls Start; 'record' only records it; an error refuses it.
 */
export type RestartJobs = 'run' | 'start-only' | 'record' | SysmasterError;

/** `handedOver`: the worker is this process re-executed (UnitWorker.Reexec) with these kept fds. */
export function harness(fake = new FakeOs(), stateDir?: string, restartJobs: RestartJobs = 'run', handedOver: HandedOver | null = null): Harness {
  let dir = stateDir;
  if (!dir) {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-'));
    tempDirs.push(top);
    dir = path.join(top, 'worker-service');
  }
  const events: UnitStatus[] = [];
  const core = createRecordingHost();
  const record = core.enqueueJob.bind(core);
  core.enqueueJob = (unit, type, mode) => {
    const recorded = record(unit, type, mode);
    if (typeof restartJobs === 'object') return recorded.then(() => { throw restartJobs; });
    if (type === 'restart' && restartJobs !== 'record') {
      // At once, so that a test that moves the fake clock sees the restart without awaiting.
      if (restartJobs === 'run') units.stop(unit, { restart: true });
      units.start(unit);
    }
    return recorded;
  };
  const units: ServiceUnits = new ServiceUnits({ host: { log: quiet, emit: (s) => events.push(s), core, handedOver }, os: fake, stateDir: dir });
  return { os: fake, units, events, stateDir: dir, core, last: () => { const e = events.at(-1); if (!e) throw new Error('no event'); return e; } };
}

/** The sub-states the events went through, without repeats. */
export function subStatePath(events: UnitStatus[]): string[] {
  const out: string[] = [];
  for (const e of events) if (e.sub_state !== undefined && out.at(-1) !== e.sub_state) out.push(e.sub_state);
  return out;
}

/**
 * Polls a real worker's Status of `name` until `ok` holds; on timeout throws with the last status
 * and the tail of the worker's log (`logFile`).
 */
export async function waitForStatus(client: Client<'UnitWorker'>, name: string, ok: (s: UnitStatus__Output) => boolean,
  what: string, logFile: string, ms = 5000): Promise<UnitStatus__Output> {
  const end = Date.now() + ms;
  let last: UnitStatus__Output | undefined;
  while (Date.now() < end) {
    last = await client.Status({ name });
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
  throw new Error(`${name}: timed out waiting for ${what}; last status ${JSON.stringify(last)}\n${log}`);
}

/**
 * A stand-in for the core for tests of the real worker process: serves WorkerHost on
 * `hostSocket`, records each EnqueueJob as "unit type" and carries out a restart job as the core's
 * job engine does (Stop with UnitRequest.restart, then Start, on the worker at `workerSocket`).
 */
export async function serveStandInCore(hostSocket: string, workerSocket: string): Promise<{ jobs: string[]; close(): void }> {
  const jobs: string[] = [];
  const server = new grpc.Server();
  implement(server, 'WorkerHost', {
    EnqueueJob: async (req) => {
      const type = jobTypeFromWire(req.type);
      jobs.push(`${req.unit} ${type}`);
      if (type === 'restart') {
        const worker = connect('UnitWorker', workerSocket);
        setImmediate(() => {
          void worker.Stop({ name: req.unit, restart: true })
            .then(() => worker.Start({ name: req.unit }))
            .catch(() => undefined)
            .finally(() => worker.close());
        });
      }
      return { job_id: jobs.length };
    },
    ReportEvent: async () => ({}),
  });
  await serveOnPath(server, hostSocket);
  return { jobs, close: () => server.forceShutdown() };
}
