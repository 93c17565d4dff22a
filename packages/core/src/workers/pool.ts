// The worker pool: one process per unit type, adopted or spawned, watched and respawned.
//
// Life of a worker, per type (never two at once: bringUp runs again only after awaitExit saw it go):
//   starting → first try the socket: a worker that answers Describe (left by a previous core) is
//              adopted, not respawned; otherwise spawn the registered program (setsid, clean
//              environment, output appended to logDir()/sm-<type>.log) and retry Describe
//              until it answers or readyTimeoutMs passes (→ failed, with the reason).
//   ready    → Watch stream open: every UnitStatus goes to onStatus (the snapshot first, so a
//              new core resyncs from it). When the stream ends, the worker's pid is watched
//              (watchProcessExit: an adopted worker is not our child); once it is gone the
//              worker is started again after a backoff, its units are re-Loaded (onRestarted)
//              and List resyncs their states.
//   failed   → stays failed until daemon-reload; its units load as 'error' naming the reason.
import fs from 'node:fs';
import type { ExecContext } from '@sysmaster/sys';
import {
  connect, logDir, workerSocket, SysmasterError, type Client, type LoadRequest, type LoadResponse__Output, type UnitStatus__Output,
  type DescribeResponse__Output, type KillWhom,
} from '@sysmaster/proto';
import type { Logger } from '../log';
import type { WorkerRegistration } from './registry';

/** The OS effects of the pool. */
export interface PoolSys {
  spawn(ctx: ExecContext): number;
  watchProcessExit(pid: number, onExit: () => void): () => void;
}

export interface WorkerPoolOptions {
  registrations: Map<string, WorkerRegistration>;
  sys: PoolSys;
  log: Logger;
  /** Every status a worker reports (Watch and List). */
  onStatus: (type: string, status: UnitStatus__Output) => void;
  /** Called after a worker was started again, before List: re-Load the type's units. */
  onRestarted: (type: string) => Promise<void>;
  readyTimeoutMs?: number;
  /** The environment the core passes on (SYSMASTER_* and LANG are taken from it). */
  env?: NodeJS.ProcessEnv;
}

type WorkerState = 'starting' | 'ready' | 'failed';

interface Entry {
  reg: WorkerRegistration;
  state: WorkerState;
  failure: string;
  client: Client<'UnitWorker'> | null;
  describe: DescribeResponse__Output | null;
  pid: number;
  ready: Promise<void>;
  cancelExitWatch: (() => void) | null;
  stream: { cancel(): void } | null;
  restarts: number;
  startedAt: number;
}

const CHANNEL_OPTIONS = { 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 500 };
const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WorkerPool {
  private readonly entries = new Map<string, Entry>();
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (const reg of options.registrations.values()) {
      this.entries.set(reg.type, {
        reg, state: 'starting', failure: '', client: null, describe: null, pid: 0, ready: Promise.resolve(),
        cancelExitWatch: null, stream: null, restarts: 0, startedAt: 0,
      });
    }
  }

  types(): string[] {
    return [...this.entries.keys()];
  }

  /** Brings every registered worker up (adopting or spawning); resolves when each is ready or failed. */
  async startAll(): Promise<void> {
    for (const entry of this.entries.values()) entry.ready = this.bringUp(entry);
    await Promise.all([...this.entries.values()].map((e) => e.ready));
  }

  /** The owned sections of the worker of `type` once it is ready, or why it cannot be used. */
  async worker(type: string): Promise<{ sections: string[] } | { error: string }> {
    const entry = this.entries.get(type);
    if (!entry) return { error: `no worker is registered for unit type "${type}"` };
    await entry.ready;
    if (entry.state !== 'ready' || !entry.describe) return { error: `the ${type} worker is not available: ${entry.failure}` };
    return { sections: entry.describe.sections };
  }

  describe(type: string): DescribeResponse__Output | null {
    return this.entries.get(type)?.describe ?? null;
  }

  async load(type: string, request: LoadRequest): Promise<LoadResponse__Output> {
    return (await this.client(type)).Load(request, { timeoutMs: 10_000 });
  }

  async start(unit: string): Promise<void> {
    await (await this.clientFor(unit)).Start({ name: unit }, { timeoutMs: 10_000 });
  }

  async stop(unit: string, options: { restart?: boolean } = {}): Promise<void> {
    await (await this.clientFor(unit)).Stop({ name: unit, restart: options.restart ?? false }, { timeoutMs: 10_000 });
  }

  async reload(unit: string): Promise<void> {
    await (await this.clientFor(unit)).Reload({ name: unit }, { timeoutMs: 10_000 });
  }

  async kill(unit: string, signal: number, whom: KillWhom): Promise<void> {
    await (await this.clientFor(unit)).Kill({ name: unit, signal, whom }, { timeoutMs: 10_000 });
  }

  /** The worker's current status of one unit (live cgroup counters included). */
  async status(unit: string): Promise<UnitStatus__Output> {
    return (await this.clientFor(unit)).Status({ name: unit }, { timeoutMs: 2_000 });
  }

  async resetFailed(unit: string): Promise<void> {
    await (await this.clientFor(unit)).ResetFailed({ name: unit }, { timeoutMs: 10_000 });
  }

  /** Asks every ready worker for its units and reports them through onStatus. */
  async resync(type: string): Promise<void> {
    const reply = await (await this.client(type)).List({}, { timeoutMs: 10_000 });
    for (const status of reply.units) this.options.onStatus(type, status);
  }

  /** Stops watching (the workers keep running: they outlive the core). */
  close(): void {
    this.closing = true;
    for (const entry of this.entries.values()) {
      entry.cancelExitWatch?.();
      entry.stream?.cancel();
      entry.client?.close();
    }
  }

  private async clientFor(unit: string): Promise<Client<'UnitWorker'>> {
    const dot = unit.lastIndexOf('.');
    return this.client(dot < 0 ? '' : unit.slice(dot + 1));
  }

  private async client(type: string): Promise<Client<'UnitWorker'>> {
    const entry = this.entries.get(type);
    if (!entry) throw new SysmasterError('ERR_UNAVAILABLE', `No worker is registered for unit type "${type}".`);
    await entry.ready;
    if (entry.state !== 'ready' || !entry.client) {
      throw new SysmasterError('ERR_UNAVAILABLE', `The ${type} worker is not available: ${entry.failure || 'it is restarting'}.`);
    }
    return entry.client;
  }

  /** Adopts or spawns the worker, then opens its Watch stream. Never rejects. */
  private async bringUp(entry: Entry): Promise<void> {
    const { type } = entry.reg;
    const { log } = this.options;
    entry.state = 'starting';
    entry.client?.close();
    const client = connect('UnitWorker', workerSocket(type), CHANNEL_OPTIONS);
    entry.client = client;
    let describe = await this.tryDescribe(client, 300);
    if (describe) {
      log.info(`adopted the running ${type} worker (pid ${describe.pid})`, { worker: type, pid: describe.pid });
    } else {
      try {
        entry.pid = this.spawn(entry.reg);
      } catch (error) {
        return this.markFailed(entry, `cannot start ${entry.reg.program}: ${(error as Error).message}`);
      }
      log.info(`started the ${type} worker (pid ${entry.pid})`, { worker: type, pid: entry.pid });
      const deadline = Date.now() + (this.options.readyTimeoutMs ?? 10_000);
      while (!describe && Date.now() < deadline && !this.closing) {
        await sleep(50);
        describe = await this.tryDescribe(client, 500);
      }
      if (!describe) {
        return this.markFailed(entry, `it did not answer Describe on ${workerSocket(type)} within ${(this.options.readyTimeoutMs ?? 10_000) / 1000}s (see ${logDir()}/sm-${type}.log)`);
      }
    }
    if (describe.type !== type) {
      return this.markFailed(entry, `the program registered in ${entry.reg.file} describes itself as type "${describe.type}", not "${type}"`);
    }
    entry.describe = describe;
    entry.pid = describe.pid || entry.pid;
    entry.state = 'ready';
    entry.startedAt = Date.now();
    this.openWatch(entry);
  }

  private markFailed(entry: Entry, reason: string): void {
    entry.state = 'failed';
    entry.failure = reason;
    this.options.log.error(`the ${entry.reg.type} worker failed: ${reason}`, { worker: entry.reg.type });
  }

  private async tryDescribe(client: Client<'UnitWorker'>, timeoutMs: number): Promise<DescribeResponse__Output | null> {
    try {
      return await client.Describe({}, { timeoutMs });
    } catch {
      return null;
    }
  }

  private spawn(reg: WorkerRegistration): number {
    const env = this.options.env ?? process.env;
    const vars = [`PATH=${SERVICE_PATH}`, `LANG=${env.LANG || 'C.UTF-8'}`, `SYSMASTER_WORKER_TYPE=${reg.type}`];
    for (const [key, value] of Object.entries(env)) {
      if (!key.startsWith('SYSMASTER_') || value === undefined) continue;
      if (key === 'SYSMASTER_WORKER_TYPE' || key === 'SYSMASTER_CORE_GENERATION' || key === 'SYSMASTER_INIT_STATE') continue;
      vars.push(`${key}=${value}`);
    }
    fs.mkdirSync(logDir(), { recursive: true });
    return this.options.sys.spawn({
      path: reg.program, argv: reg.argv, env: vars, setsid: true,
      stdin: { kind: 'null' }, stdout: { kind: 'file', path: `${logDir()}/sm-${reg.type}.log`, mode: 'append' }, stderr: { kind: 'stdout' },
    });
  }

  private openWatch(entry: Entry): void {
    const { type } = entry.reg;
    const client = entry.client!;
    const stream = client.Watch({});
    entry.stream = stream;
    let lost = false;
    const onLost = (why: string): void => {
      if (lost || this.closing) return;
      lost = true;
      this.options.log.warn(`the Watch stream of the ${type} worker ended (${why})`, { worker: type });
      this.awaitExit(entry);
    };
    stream.on('data', (status: UnitStatus__Output) => {
      try {
        this.options.onStatus(type, status);
      } catch (error) {
        this.options.log.error(`handling a status of ${status.name} failed: ${(error as Error).message}`);
      }
    });
    stream.on('error', (error: Error) => onLost(error.message));
    stream.on('end', () => onLost('end of stream'));
  }

  /** The Watch stream ended: wait for the worker's pid to be gone, then start it again. */
  private awaitExit(entry: Entry): void {
    entry.state = 'starting';
    let settle!: () => void;
    entry.ready = new Promise<void>((resolve) => (settle = resolve));
    const restart = (): void => {
      entry.cancelExitWatch = null;
      if (this.closing) return settle();
      const lived = Date.now() - entry.startedAt;
      entry.restarts = lived > 10_000 ? 0 : entry.restarts + 1;
      const backoff = Math.min(5_000, 100 * 2 ** Math.min(entry.restarts, 6));
      this.options.log.warn(`the ${entry.reg.type} worker (pid ${entry.pid}) is gone; starting it again in ${backoff} ms`, { worker: entry.reg.type });
      void sleep(backoff)
        .then(() => this.bringUp(entry))
        .then(async () => {
          settle();
          if (entry.state !== 'ready') return;
          await this.options.onRestarted(entry.reg.type);
          await this.resync(entry.reg.type);
        })
        .catch((error: unknown) => this.options.log.error(`restarting the ${entry.reg.type} worker: ${(error as Error).message}`))
        .finally(settle);
    };
    if (entry.pid <= 0) return restart();
    try {
      entry.cancelExitWatch = this.options.sys.watchProcessExit(entry.pid, restart);
    } catch {
      restart(); // ESRCH: already gone
    }
  }
}
