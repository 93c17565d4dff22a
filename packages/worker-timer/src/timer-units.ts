// The timer unit type: each timer waits for its next elapse (timer-schedule.ts), then asks the
// core to start its Unit= (WorkerHost.EnqueueJob) and stays "running" until that unit is
// inactive again, then waits for the next elapse; with nothing left to wait for it is "elapsed"
// (still active, RemainAfterElapse=yes or a unit-based value) or "dead". The triggered unit's
// state comes from WorkerHost.WatchUnits, which OnUnitActiveSec=/OnUnitInactiveSec= count from.
//
// State survives a kill -9: every change is written (DurableJsonRecords) and a new worker finds
// its timers as they were; the core reloads them after a restart and Load arms a waiting timer
// again from what was saved (monotonic instants stay valid within one boot, and the records live
// under /run, so they do not outlive it). Persistent= stamps live on disk (timer-env.ts).
//
// Clock steps: Node's timers run on CLOCK_MONOTONIC, so a wall-clock step does not move them.
// Once a second the worker compares realtime − monotonic with the last reading (the drift
// check that stands in for systemd's timerfd TFD_TIMER_CANCEL_ON_SET): a change of more than
// half a second is a clock change, and a change of the local zone name (TZ, /etc/localtime) a
// timezone change. Either re-arms every waiting timer; a timer with OnClockChange= or
// OnTimezoneChange= also triggers. That check is the only reader of the zone: arming a timer
// uses the zone it last saw, and the machine id is read once, when the worker starts.
import path from 'node:path';
import {
  DOWN_STATES, SysmasterError, runtimePaths,
  type LoadRequest__Output, type LoadResponse, type UnitStatus, type UnitStatus__Output,
} from '@sysmaster/proto';
import {
  DurableJsonRecords, defineStateMachine,
  type ActiveStateMap, type Logger, type UnitTypeWorker, type UnitWatch, type WorkerHost,
} from '@sysmaster/worker-kit';
import { formatTimespan } from '@sysmaster/unit-file';
import { readTimerConfig, type TimerConfig } from './timer-config';
import { linuxTimerEnvironment, type TimerEnvironment } from './timer-env';
import { batchedWake, computeSchedule, randomDelay, stableHash, type Instant } from './timer-schedule';

export type TimerState = 'dead' | 'waiting' | 'running' | 'elapsed' | 'failed';
type TimerEvent = 'arm' | 'trigger' | 'exhaust' | 'exhaust-remain' | 'stop' | 'fail' | 'reset-failed';

const ACTIVE_STATE: ActiveStateMap<TimerState> = {
  dead: 'inactive', waiting: 'active', running: 'active', elapsed: 'active', failed: 'failed',
};

/** state × event → next state. `arm`: wait for the next elapse; `exhaust`: nothing left to wait for. */
const TRANSITIONS = {
  dead: { arm: 'waiting', exhaust: 'dead', 'exhaust-remain': 'elapsed', 'reset-failed': 'dead' },
  failed: { arm: 'waiting', exhaust: 'dead', 'exhaust-remain': 'elapsed', 'reset-failed': 'dead' },
  waiting: { arm: 'waiting', trigger: 'running', exhaust: 'dead', 'exhaust-remain': 'elapsed', stop: 'dead', fail: 'failed' },
  running: { arm: 'waiting', exhaust: 'dead', 'exhaust-remain': 'elapsed', stop: 'dead', fail: 'failed' },
  elapsed: { arm: 'waiting', exhaust: 'dead', 'exhaust-remain': 'elapsed', stop: 'dead', fail: 'failed' },
} as const satisfies Record<TimerState, Partial<Record<TimerEvent, TimerState>>>;

/** What is saved of a timer (timestamps in microseconds, 0 for never). */
interface TimerRuntime {
  sub: TimerState;
  result: string;
  activated: Instant;
  lastTrigger: Instant;
  unitInactiveExitMonotonic: number;
  unitInactiveEnterMonotonic: number;
  /** The armed elapses, random delay included; null when not armed. */
  nextMonotonic: number | null;
  nextRealtime: number | null;
  inactiveExit: number; activeEnter: number; activeExit: number; inactiveEnter: number; stateChange: number;
  activeEnterMonotonic: number; inactiveExitMonotonic: number;
}

interface TimerUnit {
  name: string;
  runtime: TimerRuntime;
  config: TimerConfig | null;
  /** The LoadRequest the config came from, kept in the record so a new image arms the timer without waiting for a Load. */
  request: LoadRequest__Output | null;
  cancelWake: (() => void) | null;
  watch: { unit: string; handle: UnitWatch } | null;
}

function fresh(): TimerRuntime {
  const never = { realtime: 0, monotonic: 0 };
  return {
    sub: 'dead', result: 'success', activated: never, lastTrigger: never, unitInactiveExitMonotonic: 0,
    unitInactiveEnterMonotonic: 0, nextMonotonic: null, nextRealtime: null, inactiveExit: 0, activeEnter: 0, activeExit: 0,
    inactiveEnter: 0, stateChange: 0, activeEnterMonotonic: 0, inactiveExitMonotonic: 0,
  };
}

const CLOCK_CHECK_MS = 1000;
const CLOCK_STEP_USEC = 500_000;
const DUE_SLACK_USEC = 1000;

/** "Wed 2026-12-02 01:00:00.123456 UTC": systemd's timestamp with microseconds, always in UTC. */
function formatTimerTimestamp(usec: number | null): string {
  if (!usec) return '';
  const d = new Date(Math.floor(usec / 1000));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  return `${day} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} `
    + `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(Math.floor(usec) % 1_000_000, 6)} UTC`;
}

export interface TimerUnitsOptions {
  host: WorkerHost;
  /** Folder of the per-unit records; default runtimePaths().stateDir/worker-timer. */
  stateDir?: string;
  env?: TimerEnvironment;
}

/** Every timer unit the worker holds. */
export class TimerUnits implements UnitTypeWorker {
  private readonly units = new Map<string, TimerUnit>();
  private readonly host: WorkerHost;
  private readonly log: Logger;
  private readonly env: TimerEnvironment;
  private readonly store: DurableJsonRecords;
  private readonly machine;
  /** /etc/machine-id, read once: FixedRandomDelay= and the batching offset depend on it. */
  private readonly machineId: string;
  private readonly perturbation: number;
  private clockCheck: (() => void) | null = null;
  private lastOffset: number;
  /** The local zone as of the last clock check (once a second), which re-arms on a change. */
  private lastZone: string;

  constructor(options: TimerUnitsOptions) {
    this.host = options.host;
    this.log = options.host.log;
    this.env = options.env ?? linuxTimerEnvironment();
    this.machine = defineStateMachine<TimerState, TimerEvent>(TRANSITIONS, { log: this.log, name: 'timer' });
    this.machineId = this.env.machineId();
    this.perturbation = stableHash(this.machineId) % 60_000_000;
    const now = this.env.now();
    this.lastOffset = now.realtime - now.monotonic;
    this.lastZone = this.env.localTimeZone();
    const dir = options.stateDir ?? path.join(runtimePaths().stateDir, 'worker-timer');
    this.store = new DurableJsonRecords(dir, (name) => this.record(name),
      (error) => this.log.error(`state in ${dir}: ${(error as Error).message}`));
    this.restore();
  }

  /** A unit's record: its runtime, and the request its config came from. */
  private record(name: string): (TimerRuntime & { request?: LoadRequest__Output }) | undefined {
    const unit = this.units.get(name);
    if (!unit) return undefined;
    return unit.request ? { ...unit.runtime, request: unit.request } : unit.runtime;
  }

  /**
   * Reads the records; a unit whose record holds its LoadRequest is configured from it at once,
   * so a waiting timer is armed again (and a running one watches its unit) without waiting for
   * the core to Load it: after a re-exec the core does not Load again, after a crash it does.
   */
  private restore(): void {
    const configured: Array<[TimerUnit, LoadRequest__Output]> = [];
    for (const [name, saved] of this.store.readAll()) {
      const { request, ...runtime } = (saved ?? {}) as Partial<TimerRuntime> & { request?: LoadRequest__Output };
      if (!(runtime.sub && runtime.sub in ACTIVE_STATE)) continue;
      const unit: TimerUnit = { name, runtime: { ...fresh(), ...runtime }, config: null, request: null, cancelWake: null, watch: null };
      this.units.set(name, unit);
      if (request?.name === name) configured.push([unit, request]);
    }
    for (const [unit, request] of configured) {
      try { this.configure(unit, request); } catch (error) { this.log.error(`${unit.name}: restoring its configuration failed: ${(error as Error).message}`); }
    }
    this.log.info(`restored ${this.units.size} timer(s) from ${this.store.dir}, ${configured.length} armed from their saved configuration`);
  }

  /** Applies `request` to `unit`: a good config replaces the old one, and a waiting timer is armed again. */
  private configure(unit: TimerUnit, request: LoadRequest__Output): ReturnType<typeof readTimerConfig> {
    const loaded = readTimerConfig(request, this.log);
    unit.config = loaded.errors.length === 0 ? loaded.config : null;
    unit.request = unit.config ? request : null;
    this.store.markDirty(unit.name);
    if (unit.config) {
      this.watchTriggered(unit, unit.config.unit);
      if (unit.runtime.sub === 'waiting') this.enterWaiting(unit, 'configuration loaded');
      this.ensureClockCheck();
    }
    return loaded;
  }

  load(request: LoadRequest__Output): LoadResponse {
    let unit = this.units.get(request.name);
    if (!unit) {
      unit = { name: request.name, runtime: fresh(), config: null, request: null, cancelWake: null, watch: null };
      this.units.set(request.name, unit);
    }
    const loaded = this.configure(unit, request);
    return {
      errors: loaded.errors, warnings: loaded.warnings, dependencies: loaded.dependencies,
      default_dependencies: loaded.defaultDependencies, properties: loaded.properties, can_reload: false,
    };
  }

  unload(name: string): void {
    const unit = this.get(name);
    if (ACTIVE_STATE[unit.runtime.sub] === 'active') throw new SysmasterError('ERR_WRONG_STATE', `${name} is active; stop it before unloading`);
    unit.watch?.handle.close();
    this.units.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void {
    const unit = this.get(name);
    if (ACTIVE_STATE[unit.runtime.sub] === 'active') { this.host.emit(this.status(name)); return; }
    const config = this.configOf(unit);
    const now = this.env.now();
    const r = unit.runtime;
    r.activated = now;
    r.lastTrigger = { realtime: 0, monotonic: 0 };
    r.result = 'success';
    if (config.persistent) {
      const stamp = this.env.readStamp(name);
      if (stamp > 0 && stamp <= now.realtime) r.lastTrigger = { realtime: stamp, monotonic: 0 };
      else if (stamp === 0) this.writeStamp(name, now.realtime);
    }
    this.enterWaiting(unit, 'start requested');
  }

  stop(name: string): void {
    const unit = this.get(name);
    if (ACTIVE_STATE[unit.runtime.sub] !== 'active') { this.host.emit(this.status(name)); return; }
    this.disarm(unit);
    unit.runtime.result = 'success';
    this.move(unit, 'stop', 'stop requested');
  }

  resetFailed(name: string): void {
    const unit = this.get(name);
    if (unit.runtime.sub === 'failed') { unit.runtime.result = 'success'; this.move(unit, 'reset-failed', 'reset-failed requested'); }
  }

  status(name: string): UnitStatus {
    const r = this.get(name).runtime;
    return {
      name, active_state: ACTIVE_STATE[r.sub], sub_state: r.sub, result: r.result, main_pid: 0, control_pid: 0, exit_code: '',
      exit_status: 0, inactive_exit_usec: r.inactiveExit, active_enter_usec: r.activeEnter, active_exit_usec: r.activeExit,
      inactive_enter_usec: r.inactiveEnter, state_change_usec: r.stateChange, cgroup: '', status_text: '', restarts: 0,
      log_path: '', spontaneous: false, active_enter_monotonic_usec: r.activeEnterMonotonic,
      inactive_exit_monotonic_usec: r.inactiveExitMonotonic,
      runtime_properties: {
        NextElapseUSecRealtime: formatTimerTimestamp(r.nextRealtime),
        NextElapseUSecMonotonic: r.nextMonotonic === null ? 'infinity' : formatTimespan(r.nextMonotonic),
        LastTriggerUSec: formatTimerTimestamp(r.lastTrigger.realtime),
        LastTriggerUSecMonotonic: String(r.lastTrigger.monotonic),
        Result: r.result,
      },
    };
  }

  list(): UnitStatus[] {
    return [...this.units.keys()].sort().map((name) => this.status(name));
  }

  shutdown(): void {
    this.clockCheck?.();
    for (const unit of this.units.values()) { unit.cancelWake?.(); unit.watch?.handle.close(); }
    this.store.flush();
  }

  /** Compares the clocks and the zone with the last check; see the header. Public for tests. */
  checkClocks(): void {
    const now = this.env.now();
    const offset = now.realtime - now.monotonic;
    const zone = this.env.localTimeZone();
    const clockChanged = Math.abs(offset - this.lastOffset) > CLOCK_STEP_USEC;
    const zoneChanged = zone !== this.lastZone;
    this.lastOffset = offset;
    this.lastZone = zone;
    if (!clockChanged && !zoneChanged) return;
    this.log.info(`${clockChanged ? 'the system clock was changed' : ''}${clockChanged && zoneChanged ? ' and ' : ''}`
      + `${zoneChanged ? `the time zone changed to ${zone}` : ''}; re-arming the timers`);
    for (const unit of this.units.values()) {
      if (unit.runtime.sub !== 'waiting' || !unit.config) continue;
      if ((clockChanged && unit.config.onClockChange) || (zoneChanged && unit.config.onTimezoneChange)) this.trigger(unit);
      else this.enterWaiting(unit, 'clock or time zone changed', true);
    }
  }

  private get(name: string): TimerUnit {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${name} is not loaded by the timer worker`);
    return unit;
  }

  private configOf(unit: TimerUnit): TimerConfig {
    if (!unit.config) throw new SysmasterError('ERR_BAD_SETTING', `${unit.name} has a bad [Timer] section; see its load errors`);
    return unit.config;
  }

  private ensureClockCheck(): void {
    if (this.clockCheck) return;
    const tick = (): void => {
      this.clockCheck = this.env.wakeAfter(CLOCK_CHECK_MS, () => {
        this.clockCheck = null;
        try { this.checkClocks(); } catch (error) { this.log.error(`clock check failed: ${(error as Error).message}`); }
        tick();
      });
    };
    tick();
  }

  /** Follows the state of the unit a timer activates. */
  private watchTriggered(unit: TimerUnit, triggered: string): void {
    if (unit.watch?.unit === triggered) return;
    unit.watch?.handle.close();
    const handle = this.host.core.watchUnits([triggered], (status) => this.onTriggeredStatus(unit, status));
    unit.watch = { unit: triggered, handle };
  }

  private onTriggeredStatus(unit: TimerUnit, status: UnitStatus__Output): void {
    if (this.units.get(unit.name) !== unit || !unit.config || status.name !== unit.config.unit) return;
    const r = unit.runtime;
    const now = this.env.now();
    const toMonotonic = (realtime: number): number => (realtime > 0 ? Math.max(1, realtime - (now.realtime - now.monotonic)) : 0);
    r.unitInactiveExitMonotonic = Number(status.inactive_exit_monotonic_usec) || toMonotonic(Number(status.inactive_exit_usec));
    r.unitInactiveEnterMonotonic = DOWN_STATES.has(status.active_state) ? toMonotonic(Number(status.inactive_enter_usec)) : 0;
    this.store.markDirty(unit.name);
    const unitBased = unit.config.monotonic.some((v) => v.base === 'unit-active' || v.base === 'unit-inactive');
    if (r.sub === 'running' && DOWN_STATES.has(status.active_state)) this.enterWaiting(unit, `${status.name} is ${status.active_state}`);
    else if ((r.sub === 'waiting' || r.sub === 'elapsed') && unitBased) this.enterWaiting(unit, `${status.name} is ${status.active_state}`);
  }

  /** Computes the next elapse and waits for it, or ends in elapsed/dead when there is none. */
  private enterWaiting(unit: TimerUnit, reason: string, timeChanged = false): void {
    const config = this.configOf(unit);
    const r = unit.runtime;
    const now = this.env.now();
    const schedule = computeSchedule(config, r, {
      now, startupMonotonic: this.env.startupMonotonic(), localTimeZone: this.lastZone, timeChanged,
    });
    this.disarm(unit);
    if (schedule.monotonic === null && schedule.realtime === null && !config.onClockChange && !config.onTimezoneChange) {
      this.move(unit, schedule.leaveAround || config.remainAfterElapse ? 'exhaust-remain' : 'exhaust', `${reason}; nothing left to wait for`);
      return;
    }
    const delay = randomDelay(config, this.machineId, unit.name, () => this.env.random());
    r.nextMonotonic = schedule.monotonic === null ? null : schedule.monotonic + delay;
    r.nextRealtime = schedule.realtime === null ? null : schedule.realtime + delay;
    this.arm(unit, now);
    this.move(unit, 'arm', reason);
  }

  /** Sets the wake-up for the earlier of the two elapses, batched by AccuracySec=. */
  private arm(unit: TimerUnit, now: Instant): void {
    const r = unit.runtime;
    const accuracy = unit.config?.accuracyUsec ?? 0;
    const waits: number[] = [];
    if (r.nextMonotonic !== null) waits.push(batchedWake(r.nextMonotonic, accuracy, this.perturbation) - now.monotonic);
    if (r.nextRealtime !== null) waits.push(batchedWake(r.nextRealtime, accuracy, this.perturbation) - now.realtime);
    if (waits.length === 0) return;
    unit.cancelWake = this.env.wakeAfter(Math.max(0, Math.min(...waits)) / 1000, () => {
      unit.cancelWake = null;
      try { this.onWake(unit); } catch (error) { this.log.error(`${unit.name}: ${(error as Error).message}`); }
    });
  }

  private onWake(unit: TimerUnit): void {
    if (this.units.get(unit.name) !== unit || unit.runtime.sub !== 'waiting') return;
    const r = unit.runtime;
    const now = this.env.now();
    const due = (r.nextMonotonic !== null && now.monotonic + DUE_SLACK_USEC >= r.nextMonotonic)
      || (r.nextRealtime !== null && now.realtime + DUE_SLACK_USEC >= r.nextRealtime);
    if (due) this.trigger(unit);
    else this.arm(unit, now); // a wait longer than a Node timer, or the wall clock moved
  }

  /** Elapses: asks the core to start the unit and waits for it to finish. */
  private trigger(unit: TimerUnit): void {
    const config = this.configOf(unit);
    const r = unit.runtime;
    this.disarm(unit);
    r.lastTrigger = this.env.now();
    r.nextMonotonic = null;
    r.nextRealtime = null;
    if (config.persistent) this.writeStamp(unit.name, r.lastTrigger.realtime);
    this.move(unit, 'trigger', `elapsed: starting ${config.unit}`);
    this.host.core.enqueueJob(config.unit, 'start').catch((error: unknown) => {
      const message = `cannot start ${config.unit}: ${(error as Error).message}`;
      this.log.warn(message, { unit: unit.name });
      void this.host.core.reportEvent(unit.name, 'warning', message);
      if (this.units.get(unit.name) !== unit || unit.runtime.sub !== 'running') return;
      unit.runtime.result = 'resources';
      this.move(unit, 'fail', message);
    });
  }

  private writeStamp(name: string, realtime: number): void {
    try {
      this.env.writeStamp(name, realtime);
    } catch (error) {
      this.log.warn(`cannot write the Persistent= stamp of ${name}: ${(error as Error).message}`);
    }
  }

  private disarm(unit: TimerUnit): void {
    unit.cancelWake?.();
    unit.cancelWake = null;
  }

  private move(unit: TimerUnit, event: TimerEvent, reason: string): void {
    const r = unit.runtime;
    const from = r.sub;
    const to = this.machine.transition(from, event, reason, unit.name);
    const now = this.env.now();
    const wasActive = ACTIVE_STATE[from] === 'active';
    const isActive = ACTIVE_STATE[to] === 'active';
    if (!wasActive && isActive) {
      r.inactiveExit = r.activeEnter = now.realtime;
      r.inactiveExitMonotonic = r.activeEnterMonotonic = now.monotonic;
    } else if (wasActive && !isActive) {
      r.activeExit = r.inactiveEnter = now.realtime;
    }
    if (!isActive || to === 'elapsed') { r.nextMonotonic = null; r.nextRealtime = null; }
    if (from !== to) r.stateChange = now.realtime;
    r.sub = to;
    this.store.markDirty(unit.name);
    this.host.emit(this.status(unit.name));
  }
}
