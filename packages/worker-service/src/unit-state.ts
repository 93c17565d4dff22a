// The state of one service unit: the runtime record that is persisted, what the unit needs from
// the table that holds it (UnitContext), what every part of a unit shares (UnitScope), and
// UnitState, the one place where the sub-state changes — through the transition table of
// states.ts, with the active/inactive timestamps (realtime and monotonic) kept as systemd keeps
// them — and where the status published on Watch is put together. It decides nothing: which step
// comes next is service-lifecycle.ts's business.
import type { HostEventKind, UnitStatus } from '@sysmaster/proto';
import { defineStateMachine, type Logger, type StateMachine } from '@sysmaster/worker-kit';
import type { ServiceConfig } from './config';
import { readCgroupCounters } from '@sysmaster/exec';
import type { FdStore, SavedFdStore } from './fd-store';
import type { UnitProcesses } from './kill';
import type { LogIndex } from './log-index';
import type { ExitStatus, ServiceOs } from './os';
import { SERVICE_ACTIVE_STATE, SERVICE_TRANSITIONS, type ServiceEvent, type ServiceResult, type ServiceState } from './states';
import type { UnitTimers } from './timers';

/** The phases whose commands run one after another as the control process (service-exec.ts). */
export type ControlPhase = 'condition' | 'start-pre' | 'start' | 'start-post' | 'reload' | 'stop' | 'stop-post';

/**
 * Where a phase stands: the command running as the control process, by its index in the phase's
 * list (`path` tells whether a Load changed that list since, as systemd's serialized
 * control-command does), so that a worker that re-executed goes on with the next command.
 */
export interface ControlCommand { phase: ControlPhase; index: number; path: string }

/** The runtime state of a unit; persisted on every change so a new worker can take over. */
export interface ServiceRuntime {
  sub: ServiceState;
  result: ServiceResult;
  mainPid: number;
  controlPid: number;
  /** The control command running, written at each spawn of one; null when no phase runs. */
  controlCommand: ControlCommand | null;
  /** Which ExecStart= runs (Type=oneshot runs them in turn as the main process); 0 for the other types. */
  mainIndex: number;
  /** The main process of the last run, kept after it exited. */
  execMainPid: number;
  /** False for a forking service whose main process could not be determined. */
  mainPidKnown: boolean;
  exitCode: '' | 'exited' | 'killed' | 'dumped';
  exitStatus: number;
  /** How the last main process ended (RestartPreventExitStatus=/RestartForceExitStatus=). */
  lastMainStatus: ExitStatus | null;
  inactiveExit: number;
  activeEnter: number;
  activeExit: number;
  inactiveEnter: number;
  stateChange: number;
  activeEnterMonotonic: number;
  inactiveExitMonotonic: number;
  restarts: number;
  /**
   * The worker asked the core for the restart job of an automatic restart and its Start has not
   * come yet: that Start is the automatic restart (counted in `restarts`), not a fresh start.
   */
  restartQueued: boolean;
  invocationId: string;
  /** A stop was requested: no automatic restart at the end of this run. */
  stopRequested: boolean;
  /** The stop requested is the first half of a restart job: the fd store and a
   * RuntimeDirectoryPreserve=restart directory are kept for the start that follows. */
  restartJob: boolean;
  statusText: string;
  statusErrno: number;
  /** WATCHDOG_USEC= sent by the service; 0: WatchdogSec=. */
  watchdogUsec: number;
  /** Sentences about what could not be applied at run time (a missing cgroup controller, …). */
  notices: string[];
  /** How ExecCondition= went at the last start that ran it; null when the unit has none (UnitStatus.type_condition). */
  condition: { passed: boolean; timestampUsec: number; failure: string } | null;
  /** The cgroup's memory.events oom_kill counter when the run began; null when unreadable. */
  oomKillsAtStart: number | null;
  fdStore?: SavedFdStore;
}

export function freshRuntime(): ServiceRuntime {
  return {
    sub: 'dead', result: 'success', mainPid: 0, controlPid: 0, controlCommand: null, mainIndex: 0, execMainPid: 0, mainPidKnown: false, exitCode: '',
    exitStatus: 0, lastMainStatus: null, inactiveExit: 0, activeEnter: 0, activeExit: 0, inactiveEnter: 0, stateChange: 0,
    activeEnterMonotonic: 0, inactiveExitMonotonic: 0, restarts: 0, restartQueued: false, invocationId: '', stopRequested: false,
    restartJob: false, statusText: '', statusErrno: 0, watchdogUsec: 0, notices: [], condition: null, oomKillsAtStart: null,
  };
}

/** What a unit needs from the table that holds it; units are named, the table finds them. */
export interface UnitContext {
  os: ServiceOs;
  log: Logger;
  /** NOTIFY_SOCKET for the services, null when the notify socket could not be made. */
  notifySocket: string | null;
  /** Publishes the unit's status (to Watch) and marks the state file dirty. */
  changed(unit: string, spontaneous: boolean): void;
  /** Marks the state file dirty without a status change. */
  dirty(unit: string): void;
  /** Routes the exit of `pid` (our child) to `unit`. */
  track(pid: number, unit: string): void;
  /** Type=idle: calls fn once the core's job queue is empty but for the idle units' own jobs (idle-wait.ts); returns a cancel. */
  whenIdle(unit: string, fn: () => void): () => void;
  /** Tells the core something the user should see (WorkerHost.ReportEvent); never fails. */
  report(unit: string, kind: HostEventKind, message: string, fields?: Record<string, string>): void;
  /** Asks the core for the restart job of an automatic restart; rejects when the core refuses. */
  requestRestart(unit: string): Promise<number>;
}

/** What every part of one unit (exec, kill, notify, restart, the life cycle) works on. */
export interface UnitScope {
  readonly name: string;
  readonly ctx: UnitContext;
  readonly state: UnitState;
  readonly timers: UnitTimers;
  readonly fdStore: FdStore;
  /** The time index of the unit's log (for `sctl logs --since`); null when the OS seam has none. */
  readonly logIndex: LogIndex | null;
  /** The configuration in effect; a Load replaces it for the next start. */
  readonly config: ServiceConfig;
  /** The cgroup path relative to the hierarchy root, e.g. /system.slice/a.service. */
  readonly cgroupPath: string;
  readonly logPath: string;
  /** The absolute cgroup directory; null without a cgroup hierarchy. */
  cgroupDir(): string | null;
  processes(): UnitProcesses;
}

/** Whether the change being made comes from a request (Start, Stop, …) or from the worker itself. */
type Cause = 'request' | 'self';

const inactive = (s: string): boolean => s === 'inactive' || s === 'failed';
const active = (s: string): boolean => s === 'active' || s === 'reloading';

/** The runtime record of one unit and the one way its sub-state changes. */
export class UnitState {
  /** Who caused the change being made: a request, or the worker on its own (a crash, a timer). */
  cause: Cause = 'request';
  private readonly machine: StateMachine<ServiceState, ServiceEvent>;
  private publishes = 0;

  constructor(
    private readonly name: string,
    private readonly ctx: UnitContext,
    readonly runtime: ServiceRuntime,
    /** Called when the unit comes to rest (inactive or failed). */
    private readonly onRest: () => void,
  ) {
    this.machine = defineStateMachine(SERVICE_TRANSITIONS, { log: ctx.log, name: 'service' });
  }

  get sub(): ServiceState { return this.runtime.sub; }

  /** Takes step `event` (refused with ERR_WRONG_STATE when the table has no such move) and publishes it. */
  set(event: ServiceEvent, reason: string): void {
    const r = this.runtime;
    const from = r.sub;
    const to = this.machine.transition(from, event, reason, this.name);
    const now = this.ctx.os.now();
    const mono = this.ctx.os.monotonicNow();
    const was = SERVICE_ACTIVE_STATE[from];
    const is = SERVICE_ACTIVE_STATE[to];
    if (inactive(was) && !inactive(is)) { r.inactiveExit = now; r.inactiveExitMonotonic = mono; }
    if (active(is) && !active(was)) { r.activeEnter = now; r.activeEnterMonotonic = mono; }
    if (active(was) && !active(is)) r.activeExit = now;
    if (!inactive(was) && inactive(is)) {
      r.inactiveEnter = now;
      this.onRest();
    }
    r.sub = to;
    r.stateChange = now;
    this.changed();
  }

  /** Publishes the status as it is now. */
  changed(): void {
    this.publishes++;
    this.ctx.changed(this.name, this.cause === 'self');
  }

  /** How many times the status was published, so a caller can tell whether a step just did. */
  get published(): number { return this.publishes; }

  /** The first failure of a run is its result. */
  noteResult(result: ServiceResult): void {
    if (this.runtime.result === 'success') this.runtime.result = result;
  }

  /** The unit's status; `spontaneous` marks an event the worker caused on its own. */
  status(scope: Pick<UnitScope, 'cgroupDir' | 'cgroupPath' | 'logPath'>, spontaneous: boolean): UnitStatus {
    const r = this.runtime;
    const dir = scope.cgroupDir();
    const counters = dir !== null && r.sub !== 'dead' && r.sub !== 'failed'
      ? readCgroupCounters(this.ctx.os, dir) : { accounting: false, tasks: 0, memory: 0, cpuNsec: 0 };
    return {
      name: this.name, active_state: SERVICE_ACTIVE_STATE[r.sub], sub_state: r.sub, result: r.result,
      main_pid: r.mainPid, control_pid: r.controlPid, exit_code: r.exitCode, exit_status: r.exitStatus,
      inactive_exit_usec: r.inactiveExit, active_enter_usec: r.activeEnter, active_exit_usec: r.activeExit,
      inactive_enter_usec: r.inactiveEnter, state_change_usec: r.stateChange,
      cgroup: dir === null ? '' : scope.cgroupPath, status_text: r.statusText, restarts: r.restarts,
      log_path: scope.logPath, spontaneous, accounting: counters.accounting, tasks_current: counters.tasks,
      memory_current: counters.memory, cpu_usage_nsec: counters.cpuNsec, notices: r.notices, status_errno: r.statusErrno,
      invocation_id: r.invocationId, exec_main_pid: r.execMainPid,
      active_enter_monotonic_usec: r.activeEnterMonotonic, inactive_exit_monotonic_usec: r.inactiveExitMonotonic,
      type_condition: !r.condition
        ? { checked: false, passed: false, timestamp_usec: 0, failure: '' }
        : { checked: true, passed: r.condition.passed, timestamp_usec: r.condition.timestampUsec, failure: r.condition.failure },
    };
  }
}
