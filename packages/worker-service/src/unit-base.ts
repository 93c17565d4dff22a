// The plumbing of a service unit, below its life cycle: the runtime record that is persisted,
// what the unit needs from the table that holds it (UnitContext), and the effects every step
// uses — spawning a command of the unit (main, or the control process of a phase run by
// runControlPhase()), the timers, the watches on the main process and the cgroup, the status
// record, and setState(), the one place where the sub-state changes: through the transition table
// of states.ts, with the active/inactive timestamps (realtime and monotonic) kept as systemd keeps
// them. service-lifecycle.ts holds the steps, service-unit.ts the requests and events; both
// extend this class, which only plumbs and decides nothing.
import path from 'node:path';
import { logDir, type UnitStatus } from '@sysmaster/proto';
import { defineStateMachine, type Logger, type StateMachine } from '@sysmaster/worker-kit';
import type { ExecCommand } from '@sysmaster/unit-file';
import type { ServiceConfig } from './config';
import { readCgroupCounters, spawnRequest, type Launch } from './exec';
import { FdStore, type SavedFdStore } from './fd-store';
import type { UnitProcesses } from './kill';
import type { ExitStatus, NotifyDatagram, ServiceOs } from './os';
import { SERVICE_ACTIVE_STATE, SERVICE_TRANSITIONS, type ServiceEvent, type ServiceResult, type ServiceState } from './states';
import { UnitTimers } from './timers';
import { LogIndex } from './log-index';
import { passedFds } from './socket-fds';

/**
 * systemd's exit status for a process that failed before or at exec, by the @sysmaster/sys spawn
 * step that failed (systemd.exec(5), "Process Exit Codes"); anything else is 203/EXEC.
 */
const SPAWN_STEP_STATUS: Readonly<Record<string, number>> = {
  chdir: 200, nice: 201, fds: 202, close: 202, oom: 206, rlimit: 205, stdin: 208, stdout: 209, stderr: 209,
  setsid: 220, setgroups: 216, setgid: 216, setuid: 217, cgroup: 219, signals: 213, execve: 203,
};
const EXIT_EXEC = 203;

/** The runtime state of a unit; persisted on every change so a new worker can take over. */
export interface ServiceRuntime {
  sub: ServiceState;
  result: ServiceResult;
  mainPid: number;
  controlPid: number;
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
  notices: string[];
  fdStore?: SavedFdStore;
}

export function freshRuntime(): ServiceRuntime {
  return {
    sub: 'dead', result: 'success', mainPid: 0, controlPid: 0, execMainPid: 0, mainPidKnown: false, exitCode: '',
    exitStatus: 0, lastMainStatus: null, inactiveExit: 0, activeEnter: 0, activeExit: 0, inactiveEnter: 0, stateChange: 0,
    activeEnterMonotonic: 0, inactiveExitMonotonic: 0, restarts: 0, invocationId: '', stopRequested: false, restartJob: false,
    statusText: '', statusErrno: 0, watchdogUsec: 0, notices: [],
  };
}

/** What a unit needs from the table that holds it. */
export interface UnitContext {
  os: ServiceOs;
  log: Logger;
  /** NOTIFY_SOCKET for the services, null when the notify socket could not be made. */
  notifySocket: string | null;
  /** Publishes a status (to Watch) and marks the state file dirty. */
  changed(unit: ServiceUnitBase, spontaneous: boolean): void;
  /** Marks the state file dirty without a status change. */
  dirty(unit: ServiceUnitBase): void;
  /** Routes the exit of `pid` (our child) to `unit`. */
  track(pid: number, unit: ServiceUnitBase): void;
  /**
   * Type=idle: null when no other service is starting now; else calls fn once none is and
   * returns a cancel.
   */
  whenIdle(unit: ServiceUnitBase, fn: () => void): (() => void) | null;
}

export type ControlPhase = 'condition' | 'start-pre' | 'start' | 'start-post' | 'reload' | 'stop' | 'stop-post';
/** Whether the change being made comes from a request (Start, Stop, …) or from the worker itself. */
export type Cause = 'request' | 'self';

export abstract class ServiceUnitBase {
  /** The exit status the last failed spawn stands for (203/EXEC, 205/LIMITS, …). */
  protected spawnFailure = EXIT_EXEC;
  readonly runtime: ServiceRuntime;
  protected readonly machine: StateMachine<ServiceState, ServiceEvent>;
  protected readonly timers: UnitTimers;
  readonly fdStore: FdStore;
  protected cause: Cause = 'request';
  protected launch: Launch | null = null;
  protected control: { phase: ControlPhase; commands: ExecCommand[]; index: number } | null = null;
  protected mainIndex = 0;
  protected stateTimeout: (() => void) | null = null;
  protected cancelCgroupWatch: (() => void) | null = null;
  protected cancelMainWatch: (() => void) | null = null;
  protected cancelIdle: (() => void) | null = null;
  /** The time index of the unit's log (for `sctl logs --since`); null when the OS seam has none. */
  protected readonly logIndex: LogIndex | null;

  constructor(
    readonly name: string,
    public config: ServiceConfig,
    /** The load errors; a unit with errors is "bad-setting" and refuses to start. */
    public loadErrors: string[],
    protected readonly ctx: UnitContext,
    runtime: ServiceRuntime = freshRuntime(),
  ) {
    this.runtime = runtime;
    this.machine = defineStateMachine(SERVICE_TRANSITIONS, { log: ctx.log, name: 'service' });
    this.timers = new UnitTimers(ctx.os);
    this.fdStore = new FdStore(ctx.os, ctx.log, name);
    const indexOs = ctx.os.logIndexOs?.();
    this.logIndex = indexOs ? new LogIndex(this.logPath, indexOs) : null;
  }

  /** The cgroup path relative to the hierarchy root. */
  get cgroupPath(): string { return `/system.slice/${this.name}`; }

  get logPath(): string { return path.join(logDir(), `${this.name}.log`); }

  get cgroupDir(): string | null {
    const root = this.ctx.os.cgroupRoot();
    return root === null ? null : path.join(root, this.cgroupPath);
  }

  /** True while the unit waits for a Type=idle start (it does not hold others back). */
  get waitingIdle(): boolean { return this.cancelIdle !== null; }

  /** The runtime as persisted, with the fd store's holder. */
  persisted(): ServiceRuntime { return { ...this.runtime, fdStore: this.fdStore.saved() }; }

  /** The unit's status; `spontaneous` marks an event the worker caused on its own. */
  status(spontaneous = false): UnitStatus {
    const r = this.runtime;
    const dir = this.cgroupDir;
    const counters = dir !== null && r.sub !== 'dead' && r.sub !== 'failed'
      ? readCgroupCounters(this.ctx.os, dir) : { accounting: false, tasks: 0, memory: 0, cpuNsec: 0 };
    return {
      name: this.name, active_state: SERVICE_ACTIVE_STATE[r.sub], sub_state: r.sub, result: r.result,
      main_pid: r.mainPid, control_pid: r.controlPid, exit_code: r.exitCode, exit_status: r.exitStatus,
      inactive_exit_usec: r.inactiveExit, active_enter_usec: r.activeEnter, active_exit_usec: r.activeExit,
      inactive_enter_usec: r.inactiveEnter, state_change_usec: r.stateChange,
      cgroup: dir === null ? '' : this.cgroupPath, status_text: r.statusText, restarts: r.restarts,
      log_path: this.logPath, spontaneous, accounting: counters.accounting, tasks_current: counters.tasks,
      memory_current: counters.memory, cpu_usage_nsec: counters.cpuNsec, notices: r.notices, status_errno: r.statusErrno,
      invocation_id: r.invocationId, exec_main_pid: r.execMainPid,
      active_enter_monotonic_usec: r.activeEnterMonotonic, inactive_exit_monotonic_usec: r.inactiveExitMonotonic,
    };
  }

  protected armStateTimer(usec: number, fn: () => void): void {
    this.stateTimeout = fn;
    this.timers.arm('state', usec, () => { this.cause = 'self'; this.stateTimeout = null; fn(); });
  }

  protected clearStateTimer(): void {
    this.stateTimeout = null;
    this.timers.clear('state');
  }

  protected runControlPhase(phase: ControlPhase, commands: ExecCommand[]): void {
    this.control = { phase, commands, index: 0 };
    this.runControl();
  }

  /** Runs the current control command, or finishes the phase when there is none left. */
  protected runControl(): void {
    const step = this.control;
    if (!step) return;
    const command = step.commands[step.index];
    if (!command) { this.phaseDone(step.phase, 'success'); return; }
    const pid = this.spawn(command, step.phase !== 'start');
    if (pid === null) { this.controlExited({ code: this.spawnFailure, signal: null, core: false }); return; }
    this.runtime.controlPid = pid;
    this.changed();
  }

  protected spawn(command: ExecCommand, control: boolean): number | null {
    const r = this.runtime;
    const main = !control && this.config.type !== 'forking';
    const access = this.config.notifyAccess;
    const notify = this.ctx.notifySocket !== null && (access === 'all' || access === 'exec' || (access === 'main' && main));
    const stopping = this.control?.phase === 'stop' || this.control?.phase === 'stop-post';
    const sockets = main ? (this.ctx.os.socketFds?.(this.name) ?? null) : null;
    try {
      if (this.launch === null) throw new Error('the execution context was not prepared');
      const request = spawnRequest(this.launch, command, {
        mainPid: control ? r.mainPid : 0, cgroupDir: this.cgroupDir, logPath: this.logPath, control,
        ...(main ? passedFds(sockets, this.fdStore) : {}),
        ...(notify ? { notifySocket: this.ctx.notifySocket ?? '' } : {}),
        ...(main && (r.watchdogUsec || this.config.watchdogSec) > 0 ? { watchdogUsec: r.watchdogUsec || this.config.watchdogSec } : {}),
        ...(stopping ? { extraEnv: { SERVICE_RESULT: r.result, EXIT_CODE: r.exitCode, EXIT_STATUS: String(r.exitStatus) } } : {}),
      });
      this.logIndex?.follow(); // bytes from here on were written after this start
      const pid = this.ctx.os.spawn(request);
      this.ctx.track(pid, this);
      this.ctx.log.info(`${this.name}: started ${control ? 'control' : 'main'} process ${pid}: ${command.path}`);
      return pid;
    } catch (error) {
      this.ctx.log.error(`${this.name}: cannot run ${command.path}: ${(error as Error).message}`);
      const step = (error as { step?: unknown }).step;
      this.spawnFailure = (typeof step === 'string' ? SPAWN_STEP_STATUS[step] : undefined) ?? EXIT_EXEC;
      return null;
    } finally {
      sockets?.release();
    }
  }

  protected processes(): UnitProcesses {
    return { mainPid: this.runtime.mainPid, controlPid: this.runtime.controlPid, cgroupDir: this.cgroupDir };
  }

  protected cgroupEmpty(): boolean {
    const dir = this.cgroupDir;
    return dir === null || this.ctx.os.cgroupProcs(dir).length === 0;
  }

  /**
   * Watches a main process by pidfd (re-adopted, or found by PIDFile=/MAINPID= and perhaps not our
   * child). When it is our child the reaper reports it with its status first; the pidfd path
   * waits a moment for that before concluding "status unknown".
   */
  protected watchMain(pid: number): void {
    this.cancelMainWatch?.();
    this.cancelMainWatch = this.ctx.os.watchProcessExit(pid, () => {
      this.cancelMainWatch = this.ctx.os.setTimer(50, () => {
        this.cancelMainWatch = null;
        if (this.runtime.mainPid !== pid) return;
        this.cause = 'self';
        this.ctx.log.info(`${this.name}: main process ${pid} exited (status unknown: not our child)`);
        this.mainExited({ code: null, signal: null, core: false });
      });
    });
  }

  protected watchCgroup(dir: string): void {
    if (this.cancelCgroupWatch) return;
    this.cancelCgroupWatch = this.ctx.os.watchCgroup(dir, () => this.checkDrained());
  }

  protected noteResult(result: ServiceResult): void {
    if (this.runtime.result === 'success') this.runtime.result = result;
  }

  protected setState(event: ServiceEvent, reason: string): void {
    const r = this.runtime;
    const from = r.sub;
    const to = this.machine.transition(from, event, reason, this.name);
    const now = this.ctx.os.now();
    const mono = this.ctx.os.monotonicNow();
    const was = SERVICE_ACTIVE_STATE[from];
    const is = SERVICE_ACTIVE_STATE[to];
    const inactive = (s: string): boolean => s === 'inactive' || s === 'failed';
    const active = (s: string): boolean => s === 'active' || s === 'reloading';
    if (inactive(was) && !inactive(is)) { r.inactiveExit = now; r.inactiveExitMonotonic = mono; }
    if (active(is) && !active(was)) { r.activeEnter = now; r.activeEnterMonotonic = mono; }
    if (active(was) && !active(is)) r.activeExit = now;
    if (!inactive(was) && inactive(is)) {
      r.inactiveEnter = now;
      this.logIndex?.stop();
    }
    r.sub = to;
    r.stateChange = now;
    this.changed();
  }

  protected changed(): void {
    this.ctx.changed(this, this.cause === 'self');
  }

  protected setMain(pid: number): void {
    const r = this.runtime;
    r.mainPid = pid;
    r.execMainPid = pid;
    r.mainPidKnown = true;
    this.ctx.track(pid, this);
    this.watchMain(pid);
    this.ctx.log.info(`${this.name}: main process is ${pid}`);
  }

  protected stopIdleWait(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.timers.clear('idle');
  }

  /** A control command ended (or could not run): the phase goes on or ends. */
  protected abstract controlExited(status: ExitStatus): void;
  /** Every command of a phase succeeded, or one failed with `result`. */
  protected abstract phaseDone(phase: ControlPhase, result: ServiceResult): void;
  /** The main process ended. */
  protected abstract mainExited(status: ExitStatus): void;
  /** A child of this unit was reaped (routed here by the table). */
  abstract processExited(pid: number, status: ExitStatus): void;
  /** Something changed in the cgroup, or a process we do not track left it. */
  abstract checkDrained(): void;
  /** A datagram from a process of this unit (routed by the table). */
  abstract notify(message: NotifyDatagram): void;
}
