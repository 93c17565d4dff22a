// The worker pool: one process per unit type, adopted or spawned, watched, kept alive and kept
// in its place. The life of each worker is the table of worker-lifecycle.ts; this file does the
// effects that table names, and asks transition() before each, so a callback of an incarnation
// that is already over is refused instead of acted on.
//
// Start: first try the socket — a worker that answers Describe (left by a previous core) is
// adopted, not respawned; otherwise spawn the registered program (setsid, clean environment,
// output appended to logDir()/sm-<type>.log) and retry Describe until it answers, it exits (a
// crash: restarted after a backoff), or its registration's TimeoutStartSec= passes (failed,
// with the reason; the process is killed). A Describe naming another type fails it too.
//
// Ready: every Watch status passes the StatusGuard (garbage and floods are dropped and counted)
// on its way to onStatus. Liveness (liveness.ts) is the silence the core observed: a Describe
// ping goes out every second, and a worker silent for KEEPALIVE_MISSES seconds —
// not counting time the core itself was stalled — is hung: it gets SIGKILL, like init does for
// the core. When the Watch stream ends (a crash, or that kill), the pool waits for the pid to be
// gone, then starts the worker again after a backoff, re-Loads its units (onRestarted) and
// resyncs their states with List. Other types never wait for any of this: each worker has its
// own entry, and a request for a restarting type waits only for that type.
//
// daemon-reload re-reads the registrations (reloadRegistrations): a new type is started and its
// units loaded; a removed one is retired — left running, no longer used — when it still has
// units, else stopped; a failed one is tried again if its registration changed; a changed
// ExecStart= is used at the next start of the worker.
import {
  connect, contractMismatch, logDir, workerSocket, SysmasterError, type Client, type LoadRequest, type LoadResponse__Output, type UnitStatus__Output,
  type CleanWhat, type DescribeResponse__Output, type ManagerProcess, type KillWhom, type LogsRequest,
} from '@sysmaster/proto';
import type { Logger } from '../log';
import type { LogStream } from '../unit-logs';
import type { RegistryProblem, WorkerRegistration } from './registry';
import { Liveness } from './liveness';
import { StatusGuard } from './status-guard';
import { newEntry, processOf, spawnWorker, tryDescribe, workerNotices, type Entry, type PoolSys } from './pool-entry';
import {
  KEEPALIVE_INTERVAL_MS, KEEPALIVE_MISSES, STREAK_RESET_MS, backoffMs, transition, type WorkerEvent, type WorkerState,
} from './worker-lifecycle';

export type { PoolSys } from './pool-entry';

export interface WorkerPoolOptions {
  registrations: Map<string, WorkerRegistration>;
  sys: PoolSys;
  log: Logger;
  /** Every status a worker reports (Watch and List) that the guard let through. */
  onStatus: (type: string, status: UnitStatus__Output) => void;
  /** Called after a worker was started again (or added by daemon-reload), before List: (re-)Load the type's units. */
  onRestarted: (type: string) => Promise<void>;
  /** Re-reads the registrations at daemon-reload (default: registrations stay as they were). */
  readRegistrations?: () => { workers: Map<string, WorkerRegistration>; problems: RegistryProblem[] };
  /** Whether the core holds units of `type` (a removed registration's worker is then left running). */
  hasUnits?: (type: string) => boolean;
  /** Overrides every registration's TimeoutStartSec= (tests). */
  readyTimeoutMs?: number;
  /** The environment the core passes on (SYSMASTER_* and LANG are taken from it). */
  env?: NodeJS.ProcessEnv;
}


/** While a worker floods, its Watch stream is read one second in this many (paused otherwise). */
const FLOOD_READ_EVERY = 4;
/** How many times a worker call cut off by the worker's loss is made (onWorker). */
const RETRIES = 4;
/** A worker started again after it ran once must answer Describe within this (or its TimeoutStartSec=, if shorter). */
const RESTART_READY_MS = 15_000;
const CHANNEL_OPTIONS = { 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 500 };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WorkerPool {
  private readonly entries = new Map<string, Entry>();
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (const reg of options.registrations.values()) this.entries.set(reg.type, this.newEntry(reg));
  }

  /** The registered types, and retired ones whose units are still loaded (their names stay valid). */
  types(): string[] {
    return [...this.entries.values()].filter((e) => e.state !== 'closed').map((e) => e.reg.type);
  }

  /** Brings every registered worker up (adopting or spawning); resolves when each is ready or failed. */
  async startAll(): Promise<void> {
    for (const entry of this.entries.values()) this.begin(entry, 'start', 'the core starts');
    await Promise.all([...this.entries.values()].map((e) => e.ready));
  }

  /** The owned sections of the worker of `type` once it is ready, or why it cannot be used. */
  async worker(type: string): Promise<{ sections: string[] } | { error: string }> {
    const entry = this.entries.get(type);
    if (!entry) return { error: `no worker is registered for unit type "${type}"` };
    await entry.ready;
    if (entry.state === 'retired') return { error: `the registration of the ${type} worker was removed` };
    if (entry.state !== 'ready' || !entry.describe) return { error: `the ${type} worker is not available: ${entry.failure || 'it is restarting'}` };
    return { sections: entry.describe.sections };
  }

  /** What the worker of `type` declared; kept while it restarts, null once retired. */
  describe(type: string): DescribeResponse__Output | null {
    const entry = this.entries.get(type);
    return entry && entry.state !== 'retired' && entry.state !== 'closed' ? entry.describe : null;
  }

  /** Each worker as GetManagerProcesses shows it. */
  processes(): ManagerProcess[] {
    return [...this.entries.values()].filter((e) => e.state !== 'closed').sort((a, b) => a.reg.type.localeCompare(b.reg.type)).map(processOf);
  }

  /** Sentences the units of `type` show in `sctl status` about their worker; [] when it is well. */
  notices(type: string): string[] {
    const entry = this.entries.get(type);
    return entry ? workerNotices(entry) : [];
  }

  async load(type: string, request: LoadRequest): Promise<LoadResponse__Output> {
    const reply = await this.onWorker(type, (c) => c.Load(request, { timeoutMs: 10_000 }));
    this.entries.get(type)?.liveness?.heard(); // a worker busy with loads is alive
    return reply;
  }

  async start(unit: string): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.Start({ name: unit }, { timeoutMs: 10_000 }));
  }

  async stop(unit: string, options: { restart?: boolean } = {}): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.Stop({ name: unit, restart: options.restart ?? false }, { timeoutMs: 10_000 }));
  }

  async reload(unit: string): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.Reload({ name: unit }, { timeoutMs: 10_000 }));
  }

  async kill(unit: string, signal: number, whom: KillWhom): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.Kill({ name: unit, signal, whom }, { timeoutMs: 10_000 }));
  }

  async clean(unit: string, what: CleanWhat): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.Clean({ name: unit, what }, { timeoutMs: 30_000 }));
  }

  /** The worker's current status of one unit (live cgroup counters included). */
  async status(unit: string): Promise<UnitStatus__Output> {
    return this.onWorker(typeOf(unit), (c) => c.Status({ name: unit }, { timeoutMs: 2_000 }));
  }

  async resetFailed(unit: string): Promise<void> {
    await this.onWorker(typeOf(unit), (c) => c.ResetFailed({ name: unit }, { timeoutMs: 10_000 }));
  }

  /** Opens UnitWorker.Logs on the unit's worker; throws ERR_UNAVAILABLE while it is not ready. */
  logs(unit: string, request: LogsRequest): LogStream {
    const entry = this.entries.get(typeOf(unit));
    if (!entry || entry.state !== 'ready' || !entry.client) {
      throw new SysmasterError('ERR_UNAVAILABLE', `The ${typeOf(unit)} worker is not available to read the log of ${unit}: ${entry?.failure || 'it is restarting'}.`);
    }
    return entry.client.Logs(request, request.follow ? {} : { timeoutMs: 30_000 });
  }

  /**
   * Live upgrade of the worker of `type` (UnitWorker.Reexec): the same pid runs the code now on
   * disk, keeping its units and their processes; requests for the type wait meanwhile. Resolves
   * with whether it did; on failure the worker is either still the old code (it refused) or on
   * the crash path (it died or never answered: restarted, its units re-adopted). Never rejects.
   */
  async reexec(type: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.entries.get(type);
    const client = entry?.client;
    if (!entry || entry.state !== 'ready' || !client || !entry.describe) return { ok: false, message: `the ${type} worker is not ready (${entry?.state ?? 'not registered'})` };
    if (!entry.describe.capabilities?.can_reexec) return { ok: false, message: `the ${type} worker cannot re-execute (capability can_reexec is false)` };
    const { epoch } = entry;
    if (!this.move(entry, 'reexec', 'daemon-reexec')) return { ok: false, message: `the ${type} worker is ${entry.state}` };
    this.stopWatching(entry);
    this.pending(entry);
    let pid: number;
    try {
      pid = (await client.Reexec({ exec_path: '' }, { timeoutMs: 5_000 })).pid;
    } catch (error) {
      const why = `it refused to re-execute: ${(error as Error).message}`;
      if (entry.epoch === epoch) this.resumeWith(entry, epoch, entry.describe, 'reexec-refused', why);
      return { ok: false, message: `the ${type} worker ${why}` };
    }
    const fresh = await this.newImage(entry, epoch, pid, () => entry.state === 'reexecuting');
    if (entry.epoch !== epoch || (entry.state as WorkerState) !== 'reexecuting') return { ok: false, message: `the ${type} worker was replaced meanwhile` };
    if (!fresh && entry.exited) {
      entry.lastLoss = 'it died while re-executing';
      this.scheduleRestart(entry);
      return { ok: false, message: `the ${type} worker died while re-executing; it is started again and re-adopts its units` };
    }
    const refusal = fresh ? contractMismatch(`the ${type} worker's new code`, fresh.contract_version).refuse : null;
    if (!fresh || refusal) {
      this.hung(entry, epoch, this.startTimeoutMs(entry));
      return { ok: false, message: `${refusal ?? `the ${type} worker did not come back from its re-exec within ${this.startTimeoutMs(entry) / 1000}s`}; it was killed and is started again` };
    }
    entry.reexecs++;
    if (!this.resumeWith(entry, epoch, fresh, 'described', `pid ${pid} answered Describe with its new code`)) return { ok: false, message: `the ${type} worker is ${entry.state}` };
    return { ok: true, message: `the ${type} worker re-executed (pid ${pid})` };
  }

  /** Asks the worker for its units and reports them through onStatus (the guard applies). */
  async resync(type: string): Promise<void> {
    const entry = this.entries.get(type);
    const reply = await (await this.client(type)).List({}, { timeoutMs: 10_000 });
    for (const status of reply.units) if (entry?.guard.problem(status) === null) this.options.onStatus(type, status);
  }

  /** daemon-reload: applies the registrations as they are on disk now. Never rejects. */
  async reloadRegistrations(): Promise<void> {
    const read = this.options.readRegistrations;
    if (!read || this.closing) return;
    const { workers, problems } = read();
    for (const p of problems) this.options.log.error(`worker registration ${p.file}: ${p.key ? `${p.key}: ` : ''}${p.message}`);
    const revived: Entry[] = [];
    for (const entry of [...this.entries.values()]) {
      const reg = workers.get(entry.reg.type);
      if (!reg) this.unregister(entry);
      else if (this.reregister(entry, reg)) revived.push(entry);
    }
    for (const reg of workers.values()) {
      if (this.entries.has(reg.type)) continue;
      const entry = this.newEntry(reg);
      this.entries.set(reg.type, entry);
      this.options.log.info(`a worker for unit type ${reg.type} was registered (${reg.file})`, { worker: reg.type });
      this.begin(entry, 'start', `registered by ${reg.file}`);
      revived.push(entry);
    }
    await Promise.all(revived.map((entry) => this.afterRestart(entry)));
  }

  /** Stops watching (the workers keep running: they outlive the core). */
  close(): void {
    this.closing = true;
    for (const entry of this.entries.values()) {
      this.move(entry, 'close', 'the core stops watching its workers');
      this.detach(entry);
      entry.settleReady?.();
    }
  }

  private newEntry(reg: WorkerRegistration): Entry {
    return newEntry(reg, new StatusGuard(reg.type, this.options.log));
  }

  private move(entry: Entry, event: WorkerEvent, why: string): boolean {
    return transition(entry, entry.reg.type, event, why, this.options.log) !== null;
  }

  /**
   * `call` on the worker of `type`; a call cut off because the worker went away (ERR_UNAVAILABLE:
   * it crashed or re-executed mid-call) is made again once it is back, a few times. The calls the
   * core makes are safe to repeat: Load, Start, Stop, Reload, Status, ResetFailed and Clean of a
   * unit already in the asked state have no effect (a Kill is sent again: a signal twice).
   */
  private async onWorker<T>(type: string, call: (client: Client<'UnitWorker'>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.client(type);
      try {
        return await call(client);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_UNAVAILABLE' || attempt >= RETRIES || this.closing) throw error;
        await sleep(200); // by then the pool has seen the stream end and holds requests for the restart
      }
    }
  }

  private async client(type: string): Promise<Client<'UnitWorker'>> {
    const entry = this.entries.get(type);
    if (!entry || entry.state === 'retired' || entry.state === 'closed') {
      throw new SysmasterError('ERR_UNAVAILABLE', `No worker is registered for unit type "${type}".`);
    }
    await entry.ready;
    if (entry.state !== 'ready' || !entry.client) {
      throw new SysmasterError('ERR_UNAVAILABLE', `The ${type} worker is not available: ${entry.failure || 'it is restarting'}.`);
    }
    return entry.client;
  }

  /** A promise requests wait on until the next start attempt of `entry` is over. */
  private pending(entry: Entry): void {
    if (entry.settleReady) return;
    entry.ready = new Promise<void>((resolve) => {
      entry.settleReady = () => {
        entry.settleReady = null;
        resolve();
      };
    });
  }

  /** Moves `entry` on `event` into starting and runs one start attempt (entry.ready follows it). */
  private begin(entry: Entry, event: 'start' | 'backoff-over' | 'retry', why: string): void {
    if (!this.move(entry, event, why)) return;
    this.pending(entry);
    void this.bringUp(entry)
      .catch((error: unknown) => this.refuse(entry, entry.epoch, `starting it failed: ${(error as Error).message}`, false))
      .finally(() => entry.settleReady?.());
  }

  /** One start attempt: adopt or spawn, then wait for Describe. Never rejects. */
  private async bringUp(entry: Entry): Promise<void> {
    const { type } = entry.reg;
    const epoch = ++entry.epoch;
    this.detach(entry);
    const client = connect('UnitWorker', workerSocket(type), CHANNEL_OPTIONS);
    entry.client = client;
    entry.exited = false;
    let describe = await tryDescribe(client, 300);
    let spawned = false;
    if (describe) {
      this.options.log.info(`adopted the running ${type} worker (pid ${describe.pid})`, { worker: type, pid: describe.pid });
    } else {
      try {
        entry.pid = spawnWorker(this.options.sys, entry.reg, this.options.env ?? process.env);
      } catch (error) {
        return this.refuse(entry, epoch, `cannot start ${entry.reg.program}: ${(error as Error).message}`, false);
      }
      spawned = true;
      this.watchExit(entry, entry.pid, epoch);
      this.options.log.info(`started the ${type} worker (pid ${entry.pid})`, { worker: type, pid: entry.pid });
      describe = await this.awaitDescribe(entry, client, epoch);
    }
    if (entry.epoch !== epoch) return;
    if (!describe) {
      if (entry.exited) return this.lost(entry, 'it exited before answering Describe', epoch);
      const why = `it did not answer Describe on ${workerSocket(type)} within ${this.startTimeoutMs(entry) / 1000}s (see ${logDir()}/sm-${type}.log)`;
      // A worker that ran before answers again once whatever held it is gone (a stop, a full
      // disk): kill it and take the crash path, with its backoff, instead of failing for good.
      if (spawned && entry.restarts > 0) {
        this.signal(entry, 'SIGKILL');
        return this.lost(entry, why, epoch);
      }
      return this.refuse(entry, epoch, why, spawned);
    }
    if (describe.type !== type) {
      return this.refuse(entry, epoch, `the program registered in ${entry.reg.file} describes itself as type "${describe.type}", not "${type}"`, spawned);
    }
    const contract = contractMismatch(`the ${type} worker (${entry.reg.program})`, describe.contract_version);
    if (contract.refuse) return this.refuse(entry, epoch, contract.refuse, spawned);
    if (contract.warning) this.options.log.warn(contract.warning, { worker: type });
    if (!this.move(entry, 'described', `pid ${describe.pid || entry.pid} answered Describe`)) return;
    entry.describe = describe;
    if (!spawned || (describe.pid && describe.pid !== entry.pid)) {
      entry.pid = describe.pid || entry.pid;
      this.watchExit(entry, entry.pid, epoch);
    }
    entry.startedAt = Date.now();
    entry.failure = '';
    entry.guard = new StatusGuard(type, this.options.log);
    this.openWatch(entry, epoch);
    this.startKeepalive(entry, epoch);
  }

  /** How long a spawned worker may take to answer Describe: its registration's TimeoutStartSec=. */
  private startTimeoutMs(entry: Entry): number {
    const configured = this.options.readyTimeoutMs ?? entry.reg.startTimeoutMs;
    return entry.restarts > 0 ? Math.min(configured, RESTART_READY_MS) : configured;
  }

  private async awaitDescribe(entry: Entry, client: Client<'UnitWorker'>, epoch: number): Promise<DescribeResponse__Output | null> {
    const deadline = Date.now() + this.startTimeoutMs(entry);
    let describe: DescribeResponse__Output | null = null;
    while (!describe && Date.now() < deadline && !this.closing && !entry.exited && entry.epoch === epoch) {
      await sleep(50);
      describe = await tryDescribe(client, 500);
    }
    return describe;
  }

  /** The start attempt failed for good: the worker is unusable until daemon-reload. */
  private refuse(entry: Entry, epoch: number, reason: string, kill: boolean): void {
    if (entry.epoch !== epoch || !this.move(entry, 'refused', reason)) return;
    entry.failure = reason;
    this.options.log.error(`the ${entry.reg.type} worker failed: ${reason}`, { worker: entry.reg.type });
    if (kill && entry.pid > 0) this.signal(entry, 'SIGKILL');
    this.detach(entry);
  }

  private watchExit(entry: Entry, pid: number, epoch: number): void {
    entry.cancelExitWatch?.();
    entry.cancelExitWatch = null;
    if (pid <= 0) return;
    const onExit = (): void => {
      if (entry.epoch !== epoch) return;
      entry.cancelExitWatch = null;
      entry.exited = true;
      // starting: the Describe loop sees it; ready: the end of the Watch stream follows.
      if (entry.state === 'lost') this.scheduleRestart(entry);
    };
    try {
      entry.cancelExitWatch = this.options.sys.watchProcessExit(pid, onExit);
    } catch {
      entry.exited = true; // ESRCH: already gone
    }
  }

  private openWatch(entry: Entry, epoch: number): void {
    const { type } = entry.reg;
    const stream = entry.client!.Watch({});
    entry.stream = stream;
    const onLost = (why: string): void => {
      if (entry.stream !== stream || this.closing) return;
      entry.stream = null;
      this.lost(entry, `its Watch stream ended (${why})`, epoch);
    };
    stream.on('data', (status: UnitStatus__Output) => {
      entry.liveness?.heard();
      if (entry.guard.admit(status, (flooding) => this.onFlood(entry, flooding)) !== 'pass') return;
      try {
        this.options.onStatus(type, status);
      } catch (error) {
        this.options.log.error(`handling a status of ${status.name} failed: ${(error as Error).message}`);
      }
    });
    stream.on('error', (error: Error) => onLost(error.message));
    stream.on('end', () => onLost('end of stream'));
  }

  /** Once a second: a flooding worker's stream is read only one second in FLOOD_READ_EVERY. */
  private throttle(entry: Entry): void {
    const { stream } = entry;
    entry.floodTicks = entry.guard.flooding ? entry.floodTicks + 1 : 0;
    const pause = entry.guard.flooding && entry.floodTicks % FLOOD_READ_EVERY !== 0 && stream !== null;
    if (entry.paused && stream) stream.resume();
    if (pause) stream.pause();
    entry.paused = pause;
    entry.guard.tick((flooding) => this.onFlood(entry, flooding), pause);
  }

  /** A flood ended: what was dropped meanwhile is recovered from List. */
  private onFlood(entry: Entry, flooding: boolean): void {
    if (flooding || entry.state !== 'ready') return;
    const { type } = entry.reg;
    this.resync(type).catch((error: unknown) => this.options.log.warn(`resync of the ${type} worker after a flood: ${(error as Error).message}`));
  }

  /** Keepalive, once a second: ping the worker, SIGKILL it when it is hung (liveness.ts). */
  private startKeepalive(entry: Entry, epoch: number): void {
    const liveness = new Liveness(KEEPALIVE_INTERVAL_MS, KEEPALIVE_INTERVAL_MS * KEEPALIVE_MISSES);
    entry.liveness = liveness;
    entry.keepalive = setInterval(() => {
      this.throttle(entry);
      if (entry.state !== 'ready' || entry.epoch !== epoch || !entry.client) return;
      const verdict = liveness.tick();
      if (verdict === 'hung') return this.hung(entry, epoch, liveness.silenceMs());
      if (entry.pinging) return;
      entry.pinging = true;
      entry.client.Describe({}, { timeoutMs: liveness.hangAfterMs })
        .then(() => liveness.heard(), () => undefined) // no answer: the silence keeps growing
        .finally(() => {
          entry.pinging = false;
        });
    }, KEEPALIVE_INTERVAL_MS);
    entry.keepalive.unref();
  }

  private hung(entry: Entry, epoch: number, silenceMs: number): void {
    const why = `hung: it missed ${KEEPALIVE_MISSES} keepalives in a row`;
    if (!this.move(entry, 'hung', why)) return;
    this.options.log.error(`the ${entry.reg.type} worker (pid ${entry.pid}) is ${why} (silent for ${silenceMs} ms while the core ran on time); killing it`, { worker: entry.reg.type, pid: entry.pid });
    entry.lastLoss = why;
    this.stopWatching(entry);
    this.pending(entry);
    this.signal(entry, 'SIGKILL');
    if (entry.exited && entry.epoch === epoch) this.scheduleRestart(entry);
  }

  /** The worker is gone or going (its stream ended, or it died while starting): restart it once its pid is gone. */
  private lost(entry: Entry, why: string, epoch: number): void {
    if (entry.epoch !== epoch) return;
    const starting = entry.state === 'starting';
    if (!starting && !this.move(entry, 'stream-lost', why)) return;
    entry.lastLoss = starting ? why : `crashed: ${why}`;
    this.stopWatching(entry);
    this.pending(entry);
    if (starting || entry.exited || entry.pid <= 0) this.scheduleRestart(entry);
    else void this.reattach(entry, epoch);
  }

  /** The stream ended but the pid lives: take the worker back if it answers with a new image, else kill it as hung. */
  private async reattach(entry: Entry, epoch: number): Promise<void> {
    const answer = await this.newImage(entry, epoch, entry.pid, () => entry.state === 'lost');
    if (entry.epoch !== epoch || entry.state !== 'lost' || entry.exited) return;
    if (!answer || contractMismatch(`the ${entry.reg.type} worker`, answer.contract_version).refuse) return this.hung(entry, epoch, this.startTimeoutMs(entry));
    entry.reexecs++;
    entry.lastLoss = '';
    this.resumeWith(entry, epoch, answer, 'described', `pid ${answer.pid} answers again with a new image (it re-executed)`);
  }

  /** Polls Describe until `pid` answers with an image newer than the one known; null on a deadline, an exit or `still()` false. */
  private async newImage(entry: Entry, epoch: number, pid: number, still: () => boolean): Promise<DescribeResponse__Output | null> {
    const before = Number(entry.describe?.image_started_usec ?? 0);
    const deadline = Date.now() + this.startTimeoutMs(entry);
    while (Date.now() < deadline && entry.epoch === epoch && still() && !entry.exited && !this.closing && entry.client) {
      await sleep(50);
      const answer = await tryDescribe(entry.client, 500);
      if (answer && answer.pid === pid && Number(answer.image_started_usec) > before) return answer;
    }
    return null;
  }

  /** The worker (its new image, or the old one that refused) is back: watch it again, let requests through, resync. */
  private resumeWith(entry: Entry, epoch: number, describe: DescribeResponse__Output, event: 'described' | 'reexec-refused', why: string): boolean {
    if (!this.move(entry, event, why)) return false;
    const { type } = entry.reg;
    entry.describe = describe;
    entry.guard = new StatusGuard(type, this.options.log);
    this.openWatch(entry, epoch);
    this.startKeepalive(entry, epoch);
    entry.settleReady?.();
    this.resync(type).catch((error: unknown) => this.options.log.warn(`resync of the ${type} worker: ${(error as Error).message}`));
    return true;
  }

  private scheduleRestart(entry: Entry): void {
    const lived = Date.now() - entry.startedAt;
    entry.streak = entry.startedAt > 0 && lived > STREAK_RESET_MS ? 0 : entry.streak + 1;
    const delay = backoffMs(entry.streak);
    if (!this.move(entry, 'exited', `pid ${entry.pid} is gone; starting it again in ${delay} ms`)) return;
    entry.restarts++;
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = null;
      this.begin(entry, 'backoff-over', `restart ${entry.restarts} after ${entry.lastLoss}`);
      void this.afterRestart(entry);
    }, delay);
  }

  /** Once a (re)start attempt is over and the worker is ready: re-Load its units, then List. */
  private async afterRestart(entry: Entry): Promise<void> {
    await entry.ready;
    if (entry.state !== 'ready') return;
    try {
      await this.options.onRestarted(entry.reg.type);
      await this.resync(entry.reg.type);
    } catch (error) {
      this.options.log.error(`reloading the units of the ${entry.reg.type} worker: ${(error as Error).message}`);
    }
  }

  /**
   * daemon-reload found no registration for `entry` any more: a worker with units is retired
   * (left running, no longer used); one without is stopped and forgotten.
   */
  private unregister(entry: Entry): void {
    const { type } = entry.reg;
    if (entry.state === 'retired' || entry.state === 'closed') return;
    const running = entry.state !== 'idle' && entry.state !== 'failed';
    if (!this.move(entry, 'unregistered', `its registration ${entry.reg.file} was removed`)) return;
    this.detach(entry);
    entry.settleReady?.();
    if (running && (this.options.hasUnits?.(type) ?? false)) {
      this.options.log.warn(`the registration of the ${type} worker was removed: the worker (pid ${entry.pid}) is left running but no longer used, since units of type ${type} are loaded`, { worker: type });
      return;
    }
    if ((entry.state as WorkerState) === 'retired') this.move(entry, 'close', 'it has no units');
    if (running && entry.pid > 0 && !entry.exited) {
      this.options.log.info(`the registration of the ${type} worker was removed and it has no units: stopping it (pid ${entry.pid})`, { worker: type });
      this.signal(entry, 'SIGTERM');
    }
    this.entries.delete(type);
  }

  /** daemon-reload found `reg` for an existing entry. Returns true when a start attempt began. */
  private reregister(entry: Entry, reg: WorkerRegistration): boolean {
    const changed = reg.program !== entry.reg.program || reg.argv.join(' ') !== entry.reg.argv.join(' ');
    if (changed) {
      this.options.log.info(`the ExecStart= of the ${reg.type} worker changed (${reg.argv.join(' ')}); it takes effect when the worker next starts`, { worker: reg.type });
    }
    entry.reg = reg;
    // A failed worker is tried again only when its registration changed: the same program would
    // most likely fail the same way, and daemon-reload would wait for it (up to its TimeoutStartSec=).
    if (entry.state === 'failed' && !changed) {
      this.options.log.warn(`the ${reg.type} worker stays failed (${entry.failure}); change its registration to try again`, { worker: reg.type });
      return false;
    }
    if (entry.state !== 'failed' && entry.state !== 'retired') return false;
    this.begin(entry, 'retry', 'daemon-reload');
    return true;
  }

  private signal(entry: Entry, signal: NodeJS.Signals): void {
    try {
      this.options.sys.kill(entry.pid, signal);
    } catch (error) {
      this.options.log.debug(`${signal} to the ${entry.reg.type} worker (pid ${entry.pid}): ${(error as Error).message}`);
    }
  }

  /** Ends the Watch stream and the keepalive of the current incarnation (the client stays for Describe). */
  private stopWatching(entry: Entry): void {
    if (entry.keepalive) clearInterval(entry.keepalive);
    entry.keepalive = null;
    entry.liveness = null;
    entry.paused = false;
    const stream = entry.stream;
    entry.stream = null;
    stream?.cancel();
  }

  /** Drops every handle on the current incarnation. */
  private detach(entry: Entry): void {
    this.stopWatching(entry);
    if (entry.restartTimer) clearTimeout(entry.restartTimer);
    entry.restartTimer = null;
    entry.cancelExitWatch?.();
    entry.cancelExitWatch = null;
    entry.client?.close();
    entry.client = null;
  }
}

/** The type of a unit name: the text after its last dot. */
function typeOf(unit: string): string {
  const dot = unit.lastIndexOf('.');
  return dot < 0 ? '' : unit.slice(dot + 1);
}
