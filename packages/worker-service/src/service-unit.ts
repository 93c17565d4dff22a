// One service unit at run time: the state machine of states.ts driven by requests (start, stop,
// kill), by its processes (exits reported by the seam) and by timers.
//
// The algorithm follows systemd's service.c, reduced to Type=simple and Type=oneshot:
// - start: fresh result and INVOCATION_ID, the environment and credentials resolved, then the
//   ExecStartPre commands one after another as the control process, then ExecStart (simple: one
//   main process, considered started once spawned; oneshot: each command in turn as the main
//   process, each waited for), then ExecStartPost, then running (main alive), exited
//   (RemainAfterExit) or, for a finished oneshot, the stop path with result success.
// - A failing command (exit status not 0 or listed in SuccessExitStatus, a signal, a core dump,
//   or a program that cannot be executed, which counts as exit status 203 like systemd's
//   EXIT_EXEC) fails the step unless its line starts with '-'. The first failure of a run is its
//   result.
// - stop (requested, or the main process ended): ExecStop with MAINPID, then KillSignal to the
//   main and control processes and every process of the cgroup, SIGKILL (cgroup.kill) after
//   TimeoutStopSec, then ExecStopPost, then the same two signals again for anything left ("final"),
//   then the end: auto-restart when Restart= asks for it and no one asked to stop, else dead
//   (result success) or failed. A signal step with nothing left to signal is skipped.
// - "Nothing left" means: no main pid, no control pid, and an empty cgroup (cgroup.events is
//   watched, and every reaped child triggers a check). Without cgroups only the two pids count.
// Every step is synchronous in the event loop; only the seam's callbacks move time forward, so
// a unit that crashes in a loop or ignores SIGTERM costs timers, never a stalled worker.
import { SysmasterError, logDir, type UnitStatus } from '@sysmaster/proto';
import { defineStateMachine, type Logger, type StateMachine } from '@sysmaster/worker-kit';
import type { ExecCommand } from '@sysmaster/unit-file';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import type { ServiceConfig } from './config';
import { prepareLaunch, spawnRequest, type Launch } from './launch';
import type { ExitStatus, ServiceOs } from './os';
import {
  SERVICE_ACTIVE_STATE, SERVICE_TRANSITIONS, SIGNAL_STATES,
  type ServiceEvent, type ServiceResult, type ServiceState,
} from './states';

const EXIT_EXEC = 203;
const SIGKILL = 9;
/** Signals that end a main process cleanly (systemd's EXIT_CLEAN_DAEMON). */
const CLEAN_SIGNALS = new Set(['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGPIPE']);

/** The runtime state of a unit; persisted on every change so a new worker can take over. */
export interface ServiceRuntime {
  sub: ServiceState;
  result: ServiceResult;
  mainPid: number;
  controlPid: number;
  exitCode: '' | 'exited' | 'killed' | 'dumped';
  exitStatus: number;
  inactiveExit: number;
  activeEnter: number;
  activeExit: number;
  inactiveEnter: number;
  stateChange: number;
  restarts: number;
  invocationId: string;
  /** A stop was requested: no automatic restart at the end of this run. */
  stopRequested: boolean;
}

export function freshRuntime(): ServiceRuntime {
  return {
    sub: 'dead', result: 'success', mainPid: 0, controlPid: 0, exitCode: '', exitStatus: 0, inactiveExit: 0,
    activeEnter: 0, activeExit: 0, inactiveEnter: 0, stateChange: 0, restarts: 0, invocationId: '', stopRequested: false,
  };
}

/** What a unit needs from the table that holds it. */
export interface UnitContext {
  os: ServiceOs;
  log: Logger;
  /** Publishes a status (to Watch) and marks the state file dirty. */
  changed(unit: ServiceUnit, spontaneous: boolean): void;
  /** Routes the exit of `pid` (our child) to `unit`. */
  track(pid: number, unit: ServiceUnit): void;
}

type ControlPhase = 'start-pre' | 'start-post' | 'stop' | 'stop-post';

/** Whether the change being made comes from a request (Start, Stop, …) or from the worker itself. */
type Cause = 'request' | 'self';

export class ServiceUnit {
  readonly runtime: ServiceRuntime;
  private readonly machine: StateMachine<ServiceState, ServiceEvent>;
  private cause: Cause = 'request';
  private launch: Launch = { env: [], credentials: null, cwd: '/' };
  private control: { phase: ControlPhase; commands: ExecCommand[]; index: number } | null = null;
  private mainIndex = 0;
  private cancelTimer: (() => void) | null = null;
  private cancelCgroupWatch: (() => void) | null = null;
  private cancelMainWatch: (() => void) | null = null;

  constructor(
    readonly name: string,
    public config: ServiceConfig,
    /** The load errors; a unit with errors is "bad-setting" and refuses to start. */
    public loadErrors: string[],
    private readonly ctx: UnitContext,
    runtime: ServiceRuntime = freshRuntime(),
  ) {
    this.runtime = runtime;
    this.machine = defineStateMachine(SERVICE_TRANSITIONS, { log: ctx.log, name: 'service' });
  }

  /** The cgroup path relative to the hierarchy root. */
  get cgroupPath(): string { return `/system.slice/${this.name}`; }
  get logPath(): string { return path.join(logDir(), `${this.name}.log`); }
  private get cgroupDir(): string | null {
    const root = this.ctx.os.cgroupRoot();
    return root === null ? null : path.join(root, this.cgroupPath);
  }

  /** The unit's status; `spontaneous` marks an event the worker caused on its own. */
  status(spontaneous = false): UnitStatus {
    const r = this.runtime;
    return {
      name: this.name, active_state: SERVICE_ACTIVE_STATE[r.sub], sub_state: r.sub, result: r.result,
      main_pid: r.mainPid, control_pid: r.controlPid, exit_code: r.exitCode, exit_status: r.exitStatus,
      inactive_exit_usec: r.inactiveExit, active_enter_usec: r.activeEnter, active_exit_usec: r.activeExit,
      inactive_enter_usec: r.inactiveEnter, state_change_usec: r.stateChange,
      cgroup: this.ctx.os.cgroupRoot() === null ? '' : this.cgroupPath, status_text: '', restarts: r.restarts,
      log_path: this.logPath, spontaneous,
    };
  }

  // ---- requests -------------------------------------------------------------------------------

  start(): void {
    this.cause = 'request';
    if (this.loadErrors.length > 0) {
      throw new SysmasterError('ERR_BAD_SETTING', `${this.name} has bad settings: ${this.loadErrors.join('; ')}`);
    }
    const active = SERVICE_ACTIVE_STATE[this.runtime.sub];
    if (active === 'deactivating') {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is stopping (${this.runtime.sub}); start it once it is inactive`);
    }
    if (this.runtime.sub !== 'auto-restart' && (active === 'active' || active === 'activating')) {
      this.ctx.changed(this, false); // Already there: the Start is accepted and the state re-announced.
      return;
    }
    this.runtime.restarts = 0;
    this.begin();
  }

  stop(): void {
    this.cause = 'request';
    const sub = this.runtime.sub;
    this.runtime.stopRequested = true;
    if (sub === 'dead' || sub === 'failed' || SERVICE_ACTIVE_STATE[sub] === 'deactivating') {
      this.ctx.changed(this, false);
    } else if (sub === 'auto-restart') {
      this.clearTimer();
      this.setState('dead', 'stop requested during auto-restart');
    } else if (sub === 'running' || sub === 'exited') {
      this.enterStop();
    } else {
      this.enterSignal('stop-sigterm', 'success', 'stop requested while starting');
    }
  }

  kill(signal: number, whom: 'main' | 'control' | 'all'): void {
    const r = this.runtime;
    if (whom === 'main' || whom === 'control') {
      const pid = whom === 'main' ? r.mainPid : r.controlPid;
      if (!pid) throw new SysmasterError('ERR_WRONG_STATE', `${this.name} has no ${whom} process`);
      this.ctx.os.kill(pid, signal);
      return;
    }
    if (this.signalAll(signal) === 0) throw new SysmasterError('ERR_WRONG_STATE', `${this.name} has no processes to signal`);
  }

  resetFailed(): void {
    this.cause = 'request';
    this.runtime.restarts = 0;
    if (this.runtime.sub === 'failed') {
      this.runtime.result = 'success';
      this.setState('reset-failed', 'reset-failed requested');
    }
  }

  /** The worker is exiting: drop timers and watches (the processes keep running). */
  detach(): void {
    this.clearTimer();
    this.cancelCgroupWatch?.();
    this.cancelMainWatch?.();
  }

  // ---- re-adoption ------------------------------------------------------------------------------

  /**
   * Takes over a unit a previous worker left (its runtime came from the state file). A main
   * process that is still alive, and still in the unit's cgroup, is watched by pidfd; the rest
   * of an interrupted step cannot be resumed and ends like a failed one.
   */
  recover(): void {
    this.cause = 'self';
    const r = this.runtime;
    const dir = this.cgroupDir;
    const alive = (pid: number): boolean =>
      pid > 0 && this.ctx.os.isAlive(pid) && (dir === null || this.ctx.os.cgroupProcs(dir).includes(pid));
    const mainAlive = alive(r.mainPid);
    if (r.controlPid && !alive(r.controlPid)) r.controlPid = 0;
    if (!mainAlive) r.mainPid = 0;
    if (mainAlive) this.adoptMain(r.mainPid);
    if (dir !== null && r.sub !== 'dead' && r.sub !== 'failed') this.watchCgroup(dir);
    switch (r.sub) {
      case 'dead': case 'failed': case 'exited':
        return;
      case 'auto-restart':
        this.armRestart();
        return;
      case 'running':
        if (!mainAlive) this.mainExited({ code: null, signal: null, core: false });
        return;
      case 'stop':
        this.enterSignal('stop-sigterm', 'success', 'the previous worker was interrupted in ExecStop');
        return;
      case 'stop-post':
        this.enterSignal('final-sigterm', 'success', 'the previous worker was interrupted in ExecStopPost');
        return;
      case 'stop-sigterm': case 'stop-sigkill': case 'final-sigterm': case 'final-sigkill':
        this.enterSignal(r.sub, 'success', 'resuming after a worker restart', false);
        return;
      default: // start-pre, start, start-post: the step cannot be resumed.
        if (mainAlive && r.sub !== 'start-pre') {
          r.controlPid = 0;
          this.enterRunning('success');
        } else {
          this.enterSignal('stop-sigterm', 'resources', `the previous worker was interrupted in ${r.sub}`);
        }
    }
  }

  private adoptMain(pid: number): void {
    this.cancelMainWatch?.();
    this.cancelMainWatch = this.ctx.os.watchProcessExit(pid, () => {
      this.cancelMainWatch = null;
      if (this.runtime.mainPid !== pid) return;
      this.cause = 'self';
      this.ctx.log.info(`${this.name}: adopted main process ${pid} exited (status unknown: not our child)`);
      this.mainExited({ code: null, signal: null, core: false });
    });
  }

  // ---- process exits -----------------------------------------------------------------------------

  /** A child of this unit was reaped (routed here by the table). */
  processExited(pid: number, status: ExitStatus): void {
    this.cause = 'self';
    if (pid === this.runtime.mainPid) this.mainExited(status);
    else if (pid === this.runtime.controlPid) this.controlExited(status);
    else this.checkDrained();
  }

  /** Something changed in the cgroup, or a process we do not track left it. */
  checkDrained(): void {
    const sub = this.runtime.sub;
    if (!SIGNAL_STATES.has(sub) || !this.drained()) return;
    this.cause = 'self';
    this.clearTimer();
    this.afterSignal(sub);
  }

  private classify(status: ExitStatus, main: boolean): ServiceResult {
    if (status.code === null && status.signal === null) return 'success';
    const ok = this.config.successExitStatus;
    if (status.code !== null) return status.code === 0 || ok.codes.includes(status.code) ? 'success' : 'exit-code';
    const number = osConstants.signals[status.signal as NodeJS.Signals] ?? 0;
    if ((main && CLEAN_SIGNALS.has(status.signal ?? '')) || ok.signals.includes(number)) return 'success';
    return status.core ? 'core-dump' : 'signal';
  }

  private mainExited(status: ExitStatus): void {
    const r = this.runtime;
    const command = this.config.type === 'oneshot' ? this.config.execStart[this.mainIndex] : this.config.execStart[0];
    r.mainPid = 0;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    if (status.code !== null) { r.exitCode = 'exited'; r.exitStatus = status.code; }
    else if (status.signal !== null) { r.exitCode = status.core ? 'dumped' : 'killed'; r.exitStatus = osConstants.signals[status.signal as NodeJS.Signals] ?? 0; }
    const result = command?.ignoreFailure ? 'success' : this.classify(status, true);
    this.ctx.log.info(`${this.name}: main process exited, ${r.exitCode || 'status unknown'}${r.exitCode ? ` ${r.exitStatus}` : ''}, result ${result}`);
    switch (r.sub) {
      case 'start':
        if (result !== 'success') { this.enterSignal('stop-sigterm', result, 'ExecStart failed'); return; }
        if (this.config.type === 'oneshot' && this.mainIndex + 1 < this.config.execStart.length) {
          this.mainIndex++;
          this.spawnMain();
          return;
        }
        this.enterStartPost();
        return;
      case 'start-post':
        this.noteResult(result); // enterRunning() sees the main process gone once ExecStartPost is done.
        this.changed();
        return;
      case 'running':
        this.enterRunning(result);
        return;
      default:
        this.noteResult(result);
        this.checkDrained();
        this.changed();
    }
  }

  private controlExited(status: ExitStatus): void {
    this.runtime.controlPid = 0;
    const step = this.control;
    if (!step) { this.checkDrained(); return; }
    const command = step.commands[step.index];
    const result = this.classify(status, false);
    if (result !== 'success' && !command?.ignoreFailure) {
      this.ctx.log.warn(`${this.name}: ${step.phase} command ${command?.path ?? '?'} failed (${status.code ?? status.signal}), result ${result}`);
      this.control = null;
      this.phaseDone(step.phase, result);
      return;
    }
    step.index++;
    this.runControl();
  }

  // ---- the steps ---------------------------------------------------------------------------------

  private begin(): void {
    const r = this.runtime;
    this.clearTimer();
    r.result = 'success';
    r.stopRequested = false;
    r.exitCode = '';
    r.exitStatus = 0;
    r.invocationId = this.ctx.os.randomId();
    this.mainIndex = 0;
    try {
      const dir = this.cgroupDir;
      if (dir !== null) {
        if (!this.ctx.os.createCgroup(dir)) throw new Error(`cannot create cgroup ${dir}`);
        this.watchCgroup(dir);
      }
      this.launch = prepareLaunch(this.config, this.ctx.os, r.invocationId);
    } catch (error) {
      this.ctx.log.error(`${this.name}: cannot start: ${(error as Error).message}`);
      r.result = 'resources';
      this.setState('failed', (error as Error).message);
      return;
    }
    if (this.config.execStartPre.length > 0) {
      this.setState('start-pre', 'running ExecStartPre');
      this.armTimer(this.config.timeoutStartSec, () => this.startTimedOut());
      this.control = { phase: 'start-pre', commands: this.config.execStartPre, index: 0 };
      this.runControl();
    } else {
      this.enterStart();
    }
  }

  private enterStart(): void {
    this.setState('start', 'running ExecStart');
    if (this.config.execStart.length === 0) { this.enterStartPost(); return; }
    this.armTimer(this.config.timeoutStartSec, () => this.startTimedOut());
    this.spawnMain();
  }

  private spawnMain(): void {
    const command = this.config.execStart[this.mainIndex];
    if (!command) return;
    const pid = this.spawn(command);
    if (pid === null) { this.mainExited({ code: EXIT_EXEC, signal: null, core: false }); return; }
    this.runtime.mainPid = pid;
    if (this.config.type === 'simple') this.enterStartPost();
    else this.changed();
  }

  private enterStartPost(): void {
    if (this.config.execStartPost.length > 0) {
      this.setState('start-post', 'running ExecStartPost');
      this.control = { phase: 'start-post', commands: this.config.execStartPost, index: 0 };
      this.runControl();
    } else {
      this.enterRunning('success');
    }
  }

  private enterRunning(result: ServiceResult): void {
    this.noteResult(result);
    this.clearTimer();
    const r = this.runtime;
    if (r.result !== 'success') this.enterSignal('stop-sigterm', r.result, 'the main process failed');
    else if (r.mainPid) this.setState('running', 'main process started');
    else if (this.config.remainAfterExit) this.setState('exited', 'main process exited, RemainAfterExit=yes');
    else this.enterStop();
  }

  private enterStop(): void {
    this.clearTimer();
    if (this.config.execStop.length > 0) {
      this.setState('stop', 'running ExecStop');
      this.armTimer(this.config.timeoutStopSec, () => { this.cause = 'self'; this.enterSignal('stop-sigterm', 'timeout', 'ExecStop timed out'); });
      this.control = { phase: 'stop', commands: this.config.execStop, index: 0 };
      this.runControl();
    } else {
      this.enterSignal('stop-sigterm', 'success', 'stopping');
    }
  }

  private enterStopPost(): void {
    this.clearTimer();
    if (this.config.execStopPost.length > 0) {
      this.setState('stop-post', 'running ExecStopPost');
      this.armTimer(this.config.timeoutStopSec, () => { this.cause = 'self'; this.enterSignal('final-sigterm', 'timeout', 'ExecStopPost timed out'); });
      this.control = { phase: 'stop-post', commands: this.config.execStopPost, index: 0 };
      this.runControl();
    } else {
      this.enterSignal('final-sigterm', 'success', 'cleaning up');
    }
  }

  /**
   * Signals whatever is left; skipped when nothing is; escalates after TimeoutStopSec. `enter`
   * false resumes a signal state the unit is already in (after a worker restart).
   */
  private enterSignal(state: 'stop-sigterm' | 'stop-sigkill' | 'final-sigterm' | 'final-sigkill', result: ServiceResult, reason: string, enter = true): void {
    this.noteResult(result);
    this.clearTimer();
    const kill = state.endsWith('sigkill');
    if (kill) {
      const dir = this.cgroupDir;
      if (dir !== null) this.ctx.os.cgroupKill(dir);
      this.signalAll(SIGKILL); // main and control too: they may have left the cgroup.
    } else {
      this.signalAll(this.config.killSignal);
    }
    if (this.drained()) { this.afterSignal(state); return; }
    if (enter) this.setState(state, reason);
    else this.changed();
    this.armTimer(this.config.timeoutStopSec, () => {
      this.cause = 'self';
      this.ctx.log.warn(`${this.name}: processes still alive after ${state}`);
      if (state === 'stop-sigterm') this.enterSignal('stop-sigkill', 'timeout', 'stop timed out');
      else if (state === 'final-sigterm') this.enterSignal('final-sigkill', 'timeout', 'stop timed out');
      else this.afterSignal(state);
    });
  }

  private afterSignal(state: ServiceState): void {
    if (state === 'stop-sigterm' || state === 'stop-sigkill') this.enterStopPost();
    else this.finish();
  }

  private finish(): void {
    const r = this.runtime;
    this.clearTimer();
    this.control = null;
    r.mainPid = 0;
    r.controlPid = 0;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    this.cancelCgroupWatch?.();
    this.cancelCgroupWatch = null;
    const dir = this.cgroupDir;
    if (dir !== null && this.ctx.os.cgroupProcs(dir).length === 0) this.ctx.os.removeCgroup(dir);
    const restart = !r.stopRequested &&
      (this.config.restart === 'always' || (this.config.restart === 'on-failure' && r.result !== 'success'));
    if (restart) {
      this.setState('auto-restart', `Restart=${this.config.restart}, result ${r.result}`);
      this.armRestart();
    } else {
      this.setState(r.result === 'success' ? 'dead' : 'failed', `stopped, result ${r.result}`);
    }
  }

  private armRestart(): void {
    this.armTimer(this.config.restartSec, () => {
      this.cause = 'self';
      this.runtime.restarts++;
      this.ctx.log.info(`${this.name}: restarting automatically (restart ${this.runtime.restarts})`);
      this.begin();
    });
  }

  private phaseDone(phase: ControlPhase, result: ServiceResult): void {
    this.control = null;
    switch (phase) {
      case 'start-pre':
        if (result === 'success') this.enterStart();
        else this.enterSignal('stop-sigterm', result, 'ExecStartPre failed');
        return;
      case 'start-post':
        if (result === 'success') this.enterRunning('success');
        else { this.noteResult(result); this.enterStop(); }
        return;
      case 'stop':
        this.enterSignal('stop-sigterm', result, 'ExecStop done');
        return;
      case 'stop-post':
        this.enterSignal('final-sigterm', result, 'ExecStopPost done');
    }
  }

  private startTimedOut(): void {
    this.cause = 'self';
    this.ctx.log.warn(`${this.name}: start timed out in ${this.runtime.sub}`);
    this.enterSignal('stop-sigterm', 'timeout', 'start timed out');
  }

  /** Runs the current control command, or finishes the phase when there is none left. */
  private runControl(): void {
    const step = this.control;
    if (!step) return;
    const command = step.commands[step.index];
    if (!command) { this.control = null; this.phaseDone(step.phase, 'success'); return; }
    const pid = this.spawn(command, true);
    if (pid === null) { this.controlExited({ code: EXIT_EXEC, signal: null, core: false }); return; }
    this.runtime.controlPid = pid;
    this.changed();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private spawn(command: ExecCommand, control = false): number | null {
    const request = spawnRequest(this.launch, command, {
      mainPid: control ? this.runtime.mainPid : 0, cgroupDir: this.cgroupDir, logPath: this.logPath,
    });
    try {
      const pid = this.ctx.os.spawn(request);
      this.ctx.track(pid, this);
      this.ctx.log.info(`${this.name}: started ${control ? 'control' : 'main'} process ${pid}: ${command.path}`);
      return pid;
    } catch (error) {
      this.ctx.log.error(`${this.name}: cannot run ${command.path}: ${(error as Error).message}`);
      return null;
    }
  }

  /** Sends `signal` to main, control and every process of the cgroup; how many were signalled. */
  private signalAll(signal: number): number {
    const r = this.runtime;
    const dir = this.cgroupDir;
    const pids = new Set<number>([r.mainPid, r.controlPid, ...(dir !== null ? this.ctx.os.cgroupProcs(dir) : [])]);
    pids.delete(0);
    let n = 0;
    for (const pid of pids) if (this.ctx.os.kill(pid, signal)) n++;
    return n;
  }

  private drained(): boolean {
    const r = this.runtime;
    if (r.mainPid || r.controlPid) return false;
    const dir = this.cgroupDir;
    return dir === null || this.ctx.os.cgroupProcs(dir).length === 0;
  }

  private watchCgroup(dir: string): void {
    if (this.cancelCgroupWatch) return;
    this.cancelCgroupWatch = this.ctx.os.watchCgroup(dir, () => this.checkDrained());
  }

  private noteResult(result: ServiceResult): void {
    if (this.runtime.result === 'success') this.runtime.result = result;
  }

  /** Calls fn after `usec` microseconds (Infinity, or beyond setTimeout's range: never). */
  private armTimer(usec: number, fn: () => void): void {
    this.clearTimer();
    const ms = usec / 1000;
    if (!Number.isFinite(ms) || ms > 2_147_483_647) return;
    this.cancelTimer = this.ctx.os.setTimer(ms, () => { this.cancelTimer = null; fn(); });
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private setState(event: ServiceEvent, reason: string): void {
    const r = this.runtime;
    const from = r.sub;
    const to = this.machine.transition(from, event, reason, this.name);
    const now = this.ctx.os.now();
    const was = SERVICE_ACTIVE_STATE[from];
    const is = SERVICE_ACTIVE_STATE[to];
    const inactive = (s: string): boolean => s === 'inactive' || s === 'failed';
    if (inactive(was) && !inactive(is)) r.inactiveExit = now;
    if (is === 'active' && was !== 'active') r.activeEnter = now;
    if (was === 'active' && is !== 'active') r.activeExit = now;
    if (!inactive(was) && inactive(is)) r.inactiveEnter = now;
    r.sub = to;
    r.stateChange = now;
    this.changed();
  }

  private changed(): void {
    this.ctx.changed(this, this.cause === 'self');
  }
}
