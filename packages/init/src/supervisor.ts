// The core supervisor: keeps exactly one core (the `sysmaster` process) alive.
//
// It is one table, `state × event → action`, in the manner of s6's supervisor. The states:
//
//   idle             nothing started yet
//   running          a core runs; a keepalive (Manager.Keepalive) is sent every interval
//   killing          the core missed too many keepalives and got SIGKILL; waiting for its exit
//   restart-pending  the core is gone; a new one is started when the restart timer fires
//   stopped          supervision ended (shutdown): exits are noted, nothing is restarted
//
// Events: start (first start, or adoption after init re-executed), timer (restart delay over),
// exit (the reaper saw the core end), alive (a keepalive answered), miss (a keepalive failed or
// timed out), reexec (the core said it re-executes itself: same pid, new image), stop
// (shutdown). An event a state has no entry for is logged and ignored.
//
// Liveness: misses count only once the core has answered at least once (a core loading a large
// unit graph is not "hung"), or once it has run for BOOT_GRACE_MS without answering. A core that
// re-executes itself is a new image under the same pid: it gets the same allowance, shorter
// (REEXEC_GRACE_MS), since the system is up and its workers answer at once. After
// `keepaliveMisses` consecutive counted misses the core is killed with SIGKILL; its exit then
// arrives through the reaper like any other and the restart path is taken.
//
// Restart delay: every core exit adds one to a crash streak, and a keepalive answer resets it.
// The first restart waits `coreRestartDelaySec`; each further one in the streak doubles it, up
// to MAX_RESTART_DELAY_MS. init never gives up: PID 1 must keep the system manageable. When a
// streak reaches RESCUE_STREAK (the core cannot come back on its own), the rescue hook runs once
// per streak with the reason (init then says so on the console and, as the system's PID 1, opens
// a shell there) while the restarts go on.
import type { Clock } from './sys-seam';
import type { ExitInfo } from './sys-seam';

export type CoreState = 'idle' | 'running' | 'killing' | 'restart-pending' | 'stopped';
export type CoreEvent = 'start' | 'timer' | 'exit' | 'alive' | 'miss' | 'reexec' | 'stop';

/** A core whose keepalive was never answered starts counting misses after this long. */
export const BOOT_GRACE_MS = 30_000;
/** A core that re-executed itself and has not answered yet starts counting misses after this long. */
export const REEXEC_GRACE_MS = 15_000;
/** The cap of the crash-loop backoff. */
export const MAX_RESTART_DELAY_MS = 5_000;
/** A crash streak this long calls the rescue hook (about 10 s of a core that dies at once). */
export const RESCUE_STREAK = 5;
/** The floor used to grow the backoff when CoreRestartDelaySec=0. */
const BACKOFF_BASE_MS = 100;

export interface SupervisorSettings {
  keepaliveIntervalSec: number;
  keepaliveMisses: number;
  coreRestartDelaySec: number;
}

/** What the supervisor needs from the world (fakes in tests). */
export interface SupervisorDeps {
  /** Starts core incarnation number `generation` (1-based); returns its pid; throws on failure. */
  spawnCore(generation: number): number;
  /** Sends a signal to a pid (already gone is fine). */
  kill(pid: number, signal: NodeJS.Signals): void;
  /** Calls Manager.Keepalive on the current core; resolves when it answered within timeoutMs. */
  ping(timeoutMs: number): Promise<void>;
  /** The core cannot come back on its own (RESCUE_STREAK exits in a row): `reason` is the last one. */
  rescue?(reason: string, streak: number): void;
  clock: Clock;
  log: { info(message: string, meta?: object): void; warn(message: string, meta?: object): void; error(message: string, meta?: object): void };
}

/** A snapshot for Init.Status. */
export interface SupervisorStatus {
  state: CoreState;
  corePid: number;
  coreStarts: number;
  /** True once any core has answered a keepalive since init started. */
  everAnswered: boolean;
  /** Why the last core was replaced: its exit, a hang, or its re-exec ("" when none was). */
  lastReplacement: string;
}

type Action = (this: Supervisor, payload: unknown) => CoreState;

/** The table. Each action does its effects and returns the next state. */
const TABLE: Record<CoreState, Partial<Record<CoreEvent, Action>>> = {
  idle: {
    start(payload) { return this.startOrAdopt(payload as AdoptState | undefined); },
    stop() { return 'stopped'; },
  },
  running: {
    alive() { return this.noteAlive(); },
    miss() { return this.noteMiss(); },
    reexec() { return this.noteReexec(); },
    exit(payload) { return this.coreExited(payload as ExitInfo); },
    stop() { return this.stopSupervising(); },
  },
  killing: {
    alive() { return 'killing'; },
    miss() { return 'killing'; },
    exit(payload) { return this.coreExited(payload as ExitInfo); },
    stop() { return this.stopSupervising(); },
  },
  'restart-pending': {
    timer() { return this.spawnNext(); },
    stop() { return this.stopSupervising(); },
  },
  stopped: {
    exit() { this.corePid = 0; return 'stopped'; },
    alive() { return 'stopped'; },
    miss() { return 'stopped'; },
    stop() { return 'stopped'; },
  },
};

/** A running core taken over from the previous init image (Init.Reexec). */
export interface AdoptState {
  corePid: number;
  coreStarts: number;
  lastReplacement?: string;
}

export class Supervisor {
  private state: CoreState = 'idle';
  /** @internal the current core's pid, 0 when none. */
  corePid = 0;
  private coreStarts = 0;
  private startedAt = 0;
  private answered = false;
  private everAnswered = false;
  private graceMs = BOOT_GRACE_MS;
  private lastReplacement = '';
  private misses = 0;
  private streak = 0;
  /** Bumped whenever the core changes, so a late keepalive answer of an old core is ignored. */
  private epoch = 0;
  private pingInFlight = false;
  private cancelTick: (() => void) | undefined;
  private cancelRestart: (() => void) | undefined;

  constructor(private readonly settings: SupervisorSettings, private readonly deps: SupervisorDeps) {}

  /** Starts the first core, or adopts `adopt` (a core that survived init's re-exec). */
  start(adopt?: AdoptState): void {
    this.dispatch('start', adopt);
  }

  /** Feeds one exit from the reaper; returns true when it was the core's. */
  handleExit(info: ExitInfo): boolean {
    if (info.pid === 0 || info.pid !== this.corePid) return false;
    this.dispatch('exit', info);
    return true;
  }

  /** The core is about to execve itself (Init.CoreReexecuting). */
  coreReexecuting(): void {
    this.dispatch('reexec', undefined);
  }

  /** Ends supervision (shutdown): the core is no longer pinged nor restarted. */
  stop(): void {
    this.dispatch('stop', undefined);
  }

  status(): SupervisorStatus {
    return { state: this.state, corePid: this.corePid, coreStarts: this.coreStarts, everAnswered: this.everAnswered, lastReplacement: this.lastReplacement };
  }

  private dispatch(event: CoreEvent, payload: unknown): void {
    const action = TABLE[this.state][event];
    if (!action) {
      this.deps.log.warn(`core supervisor: event ${event} ignored in state ${this.state}`);
      return;
    }
    const next = action.call(this, payload);
    this.transition(next, event);
  }

  private transition(to: CoreState, reason: CoreEvent): void {
    if (to === this.state) return;
    this.deps.log.info(`core ${this.state} -> ${to}`, { reason, corePid: this.corePid });
    this.state = to;
  }

  /** @internal action */
  startOrAdopt(adopt: AdoptState | undefined): CoreState {
    this.lastReplacement = adopt?.lastReplacement ?? '';
    if (adopt && adopt.corePid > 0) {
      this.coreStarts = adopt.coreStarts;
      this.beginIncarnation(adopt.corePid);
      // It answered the previous image; a hang right after re-exec is a hang.
      this.answered = true;
      this.everAnswered = true;
      return 'running';
    }
    if (adopt) this.coreStarts = adopt.coreStarts;
    return this.spawnNext();
  }

  /** @internal action: start core incarnation coreStarts+1, or schedule a retry. */
  spawnNext(): CoreState {
    this.cancelRestart = undefined;
    const generation = this.coreStarts + 1;
    let pid: number;
    try {
      pid = this.deps.spawnCore(generation);
    } catch (error) {
      this.coreStarts = generation;
      this.deps.log.error('cannot start the core', { generation, error: String((error as Error)?.message ?? error) });
      return this.scheduleRestart();
    }
    this.coreStarts = generation;
    this.deps.log.info('core started', { pid, generation });
    this.beginIncarnation(pid);
    return 'running';
  }

  private beginIncarnation(pid: number): void {
    this.epoch += 1;
    this.corePid = pid;
    this.startedAt = this.deps.clock.now();
    this.answered = false;
    this.graceMs = BOOT_GRACE_MS;
    this.misses = 0;
    this.scheduleTick();
  }

  private scheduleTick(): void {
    this.cancelTick?.();
    this.cancelTick = this.deps.clock.after(this.settings.keepaliveIntervalSec * 1000, () => {
      this.cancelTick = undefined;
      this.tick();
    });
  }

  /** One keepalive round; the next is scheduled while the core is running. */
  private tick(): void {
    if (this.state !== 'running') return;
    this.scheduleTick();
    if (this.pingInFlight) return;
    const epoch = this.epoch;
    this.pingInFlight = true;
    // The deadline is a little under the interval so that rounds never overlap.
    const timeoutMs = Math.max(10, this.settings.keepaliveIntervalSec * 900);
    this.deps.ping(timeoutMs).then(
      () => { this.pingInFlight = false; if (epoch === this.epoch) this.dispatch('alive', undefined); },
      () => { this.pingInFlight = false; if (epoch === this.epoch) this.dispatch('miss', undefined); },
    );
  }

  /** @internal action */
  noteAlive(): CoreState {
    if (!this.answered) this.deps.log.info('core answers keepalives', { pid: this.corePid });
    this.answered = true;
    this.everAnswered = true;
    this.misses = 0;
    this.streak = 0;
    return 'running';
  }

  /** @internal action: same pid, a new image that has not answered yet (see Liveness above). */
  noteReexec(): CoreState {
    this.deps.log.info('core re-executes itself', { pid: this.corePid });
    this.epoch += 1; // an answer of the old image still in flight does not count for the new one
    this.pingInFlight = false;
    this.startedAt = this.deps.clock.now();
    this.answered = false;
    this.graceMs = REEXEC_GRACE_MS;
    this.misses = 0;
    this.lastReplacement = 're-executed (daemon-reexec)';
    return 'running';
  }

  /** @internal action */
  noteMiss(): CoreState {
    const inGrace = !this.answered && this.deps.clock.now() - this.startedAt < this.graceMs;
    if (inGrace) return 'running';
    this.misses += 1;
    this.deps.log.warn('core missed a keepalive', { pid: this.corePid, misses: this.misses });
    if (this.misses < this.settings.keepaliveMisses) return 'running';
    this.deps.log.error('core is hung; killing it', { pid: this.corePid, misses: this.misses });
    this.lastReplacement = `hung: missed ${this.misses} keepalives`;
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.deps.kill(this.corePid, 'SIGKILL');
    return 'killing';
  }

  /** @internal action */
  coreExited(info: ExitInfo): CoreState {
    this.deps.log.warn('core exited', { pid: info.pid, code: info.code, signal: info.signal });
    if (this.state !== 'killing') this.lastReplacement = info.signal ? `killed by ${info.signal}` : `exited with status ${info.code}`;
    this.epoch += 1;
    this.corePid = 0;
    this.cancelTick?.();
    this.cancelTick = undefined;
    return this.scheduleRestart();
  }

  private scheduleRestart(): CoreState {
    this.streak += 1;
    if (this.streak === RESCUE_STREAK) this.deps.rescue?.(this.lastReplacement || 'it could not be started', this.streak);
    const delayMs = this.restartDelayMs();
    this.deps.log.info('core restart scheduled', { delayMs, streak: this.streak });
    this.cancelRestart = this.deps.clock.after(delayMs, () => this.dispatch('timer', undefined));
    return 'restart-pending';
  }

  /** The delay before the next start: the configured one, doubled per further crash, capped. */
  restartDelayMs(): number {
    const base = this.settings.coreRestartDelaySec * 1000;
    if (this.streak <= 1) return Math.min(base, MAX_RESTART_DELAY_MS);
    return Math.min(MAX_RESTART_DELAY_MS, Math.max(base, BACKOFF_BASE_MS) * 2 ** (this.streak - 1));
  }

  /** @internal action */
  stopSupervising(): CoreState {
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.cancelRestart?.();
    this.cancelRestart = undefined;
    this.epoch += 1;
    return 'stopped';
  }
}
