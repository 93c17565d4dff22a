// The life cycle of a service: the steps that move it along the table of states.ts, after
// systemd's service.c. Each enterX() performs one step — running its commands through the exec
// part, arming its timeout — and decides the next one from the configuration and from what the
// processes did (mainExited, the phaseDone of the exec part, checkDrained, notified):
// - start: fresh result and INVOCATION_ID; the cgroup made and its limits applied; the execution
//   context resolved; ExecCondition (exit 1-254 skips the start: the unit winds down with result
//   exec-condition and comes to rest inactive with result success, the skip recorded in
//   r.condition), ExecStartPre one after another as the control process, then ExecStart:
//   simple/exec/idle are started once the process is spawned (spawn() returns only after a
//   successful execve, so a missing binary fails the start with status 203 for both; idle first
//   waits until the core's job queue is empty, at most 5 s: idle-wait.ts); oneshot runs each command in turn
//   as the main process; notify/notify-reload wait for READY=1; forking waits for the started
//   process to exit and then finds the main process (PIDFile=, or a guess from the cgroup);
//   dbus fails with result resources (there is no bus). Then ExecStartPost, then running,
//   exited (RemainAfterExit) or the stop path for a finished oneshot.
// - A failing command (not 0 or SuccessExitStatus=, a signal, a core dump, or a program that
//   cannot be executed: status 203 like systemd's EXIT_EXEC) fails its step unless its line
//   starts with '-'. The first failure of a run is its result. A start that failed in any phase
//   (ExecCondition, ExecStartPre, ExecStart, ExecStartPost, a start timeout) skips ExecStop —
//   it runs only after a successful start (systemd.service(5)) — and goes to the signal steps
//   and ExecStopPost. A main process SIGKILLed while memory.events' oom_kill rose is oom-kill.
// - stop (requested, the main process ended, STOPPING=1, RuntimeMaxSec=): ExecStop with
//   MAINPID, then the signal steps of the kill part, ExecStopPost, the "final" signal steps, then
//   the end (PIDFile= removed): auto-restart when Restart= asks for it (the restart part), else dead or failed. A
//   signal step with nothing left to wait for is skipped. Each step has its timeout;
//   TimeoutStartFailureMode=/TimeoutStopFailureMode= pick the step a timeout leads to; the
//   watchdog leads to stop-watchdog with WatchdogSignal= and result watchdog.
// Every step is synchronous in the event loop; only the seam's callbacks move time forward, so
// a unit that crashes in a loop or ignores SIGTERM costs timers, never a stalled worker.
import { guessMainPid, readPidFile } from './main-pid';
import type { NotifyFields, NotifyReceiver } from './notify';
import type { ExitStatus } from './os';
import { classifyExit, shouldRestart, signalNumber, type AutoRestart } from './restart-policy';
import type { ServiceExec } from './service-exec';
import type { UnitKill } from './kill';
import { REACTIONS, SIGNAL_STATES, type ServiceResult, type SignalState } from './states';
import type { ControlPhase, ServiceRuntime, UnitScope } from './unit-state';

const IDLE_MAX_USEC = 5_000_000;
const RECHECK_USEC = 100_000;

/** The parts the life cycle drives. */
interface LifecycleParts {
  exec: ServiceExec;
  kill: UnitKill;
  restart: AutoRestart;
  notify: NotifyReceiver;
}

export class ServiceLifecycle {
  private stateTimeout: (() => void) | null = null;
  private cancelCgroupWatch: (() => void) | null = null;
  private cancelMainWatch: (() => void) | null = null;
  private cancelIdle: (() => void) | null = null;

  constructor(private readonly unit: UnitScope, private readonly parts: LifecycleParts) {}

  private get r(): ServiceRuntime { return this.unit.state.runtime; }


  /** Begins a run: a fresh result and invocation, the execution context, then the first phase. */
  begin(): void {
    const { ctx, config, state, timers, name } = this.unit;
    const r = this.r;
    timers.clearAll();
    Object.assign(r, {
      result: 'success', stopRequested: false, restartJob: false, exitCode: '', exitStatus: 0, lastMainStatus: null, statusText: '',
      statusErrno: 0, watchdogUsec: 0, mainPidKnown: false, invocationId: ctx.os.randomId(),
    } satisfies Partial<ServiceRuntime>);
    r.mainIndex = 0;
    this.parts.exec.endPhase();
    if (config.type === 'dbus') {
      r.statusText = `Type=dbus needs a D-Bus system bus, which sysmaster does not provide; BusName=${config.busName ?? ''}`;
      ctx.log.error(`${name}: ${r.statusText}`);
      r.result = 'resources';
      state.set('failed', r.statusText);
      return;
    }
    const prepared = this.parts.exec.prepare(r.invocationId, (dir) => this.watchCgroup(dir));
    if (!prepared.ok) {
      // What systemd does in the child fails like the child would: exit-code with its 2xx status.
      if (prepared.exitStatus !== null) Object.assign(r, { result: 'exit-code', exitCode: 'exited', exitStatus: prepared.exitStatus });
      else r.result = 'resources';
      r.notices = prepared.notices;
      r.statusText = prepared.message;
      state.set('failed', prepared.message);
      return;
    }
    r.notices = prepared.notices;
    r.oomKillsAtStart = this.oomKills();
    if (config.execCondition.length === 0) r.condition = null;
    if (config.execCondition.length > 0) {
      state.set('condition', 'running ExecCondition');
      this.armStateTimer(config.timeoutStartSec, () => this.startTimedOut());
      this.parts.exec.runPhase('condition', config.execCondition);
    } else {
      this.enterStartPre();
    }
  }

  private enterStartPre(): void {
    const { config, state } = this.unit;
    if (config.execStartPre.length === 0) { this.enterStart(); return; }
    state.set('start-pre', 'running ExecStartPre');
    this.armStateTimer(config.timeoutStartSec, () => this.startTimedOut());
    this.parts.exec.runPhase('start-pre', config.execStartPre);
  }

  private enterStart(): void {
    const { config, state, ctx, timers, name } = this.unit;
    state.set('start', 'running ExecStart');
    if (config.execStart.length === 0) { this.enterStartPost(); return; }
    this.armStateTimer(config.timeoutStartSec, () => this.startTimedOut());
    if (config.type === 'idle') {
      const go = (): void => { state.cause = 'self'; this.stopIdleWait(); this.spawnMain(); };
      this.cancelIdle = ctx.whenIdle(name, go);
      timers.arm('idle', IDLE_MAX_USEC, go);
      return;
    }
    this.spawnMain();
  }

  /**
   * After a re-exec, the step in progress goes on (a control command or the main process of a
   * start still runs, service-unit.ts recover): its timeout is armed again as entering it does,
   * in full from the re-exec — the time spent before is not known to the new image's timers.
   */
  resumeStep(): void {
    const config = this.unit.config;
    const sub = this.r.sub;
    if (sub === 'stop' || sub === 'stop-post') this.armStateTimer(config.timeoutStopSec, () => this.stopTimedOut(sub));
    else if (sub === 'reload') this.armStateTimer(config.timeoutStartSec, () => this.reloadTimedOut());
    else this.armStateTimer(config.timeoutStartSec, () => this.startTimedOut());
  }

  private spawnMain(): void {
    const { config, state } = this.unit;
    const command = config.execStart[this.r.mainIndex];
    if (!command) return;
    if (config.type === 'forking') { this.parts.exec.runPhase('start', [command]); return; }
    const pid = this.parts.exec.spawn(command, false);
    if (pid === null) { this.mainExited({ code: this.parts.exec.spawnFailure, signal: null, core: false }); return; }
    const r = this.r;
    r.mainPid = pid;
    r.execMainPid = pid;
    r.mainPidKnown = true;
    if (config.type === 'simple' || config.type === 'exec' || config.type === 'idle') this.enterStartPost();
    else state.changed(); // oneshot waits for the exit, notify for READY=1
  }

  /** The start command of a forking service exited successfully: find the main process. */
  private forkingStarted(): void {
    const { config, ctx, state, timers, name } = this.unit;
    const file = config.pidFile;
    const dir = this.unit.cgroupDir();
    if (file !== null) {
      const outcome = readPidFile(ctx.os, file, dir);
      if ('missing' in outcome) {
        state.changed();
        timers.arm('recheck', RECHECK_USEC, () => { state.cause = 'self'; if (this.r.sub === 'start') this.forkingStarted(); });
        return;
      }
      if ('refused' in outcome) {
        ctx.log.error(`${name}: ${outcome.refused}`);
        ctx.report(name, 'warning', `${outcome.refused}.`);
        this.enterSignal('stop-sigterm', 'protocol', outcome.refused);
        return;
      }
      this.setMain(outcome.pid);
    } else if (config.guessMainPid) {
      const pid = guessMainPid(ctx.os, dir, 0);
      if (pid) this.setMain(pid);
      else ctx.log.info(`${name}: cannot determine the main process; the unit runs while its cgroup is populated`);
    }
    this.enterStartPost();
  }

  private enterStartPost(): void {
    const { config, state, timers } = this.unit;
    timers.clear('recheck');
    if (config.execStartPost.length === 0) { this.enterRunning('success'); return; }
    state.set('start-post', 'running ExecStartPost');
    this.armStateTimer(config.timeoutStartSec, () => this.startTimedOut());
    this.parts.exec.runPhase('start-post', config.execStartPost);
  }

  /** The unit runs (or, with a failed `result`, stops): running, exited, or the stop path. */
  enterRunning(result: ServiceResult): void {
    const { config, state, timers } = this.unit;
    state.noteResult(result);
    this.clearStateTimer();
    const r = this.r;
    const forkingUnknown = config.type === 'forking' && !r.mainPidKnown && !this.cgroupEmpty();
    if (r.result !== 'success') this.enterSignal('stop-sigterm', r.result, 'the main process failed');
    else if (r.mainPid || forkingUnknown) {
      state.set('running', r.sub === 'running' ? 'still running' : 'started');
      if (!timers.armed('watchdog')) this.armWatchdog();
      this.armRuntimeMax();
    } else if (config.remainAfterExit) {
      state.set('exited', 'main process exited, RemainAfterExit=yes');
      this.armRuntimeMax();
    } else this.enterStop();
  }

  /** ExecStop=, then the signal steps. */
  enterStop(): void {
    const { config, state, timers } = this.unit;
    this.clearStateTimer();
    timers.clear('watchdog');
    timers.clear('runtime');
    if (config.execStop.length === 0) { this.enterSignal('stop-sigterm', 'success', 'stopping'); return; }
    state.set('stop', 'running ExecStop');
    this.armStateTimer(config.timeoutStopSec, () => this.stopTimedOut('stop'));
    this.parts.exec.runPhase('stop', config.execStop);
  }

  private enterStopPost(): void {
    const { config, state } = this.unit;
    this.clearStateTimer();
    if (config.execStopPost.length === 0) { this.enterSignal('final-sigterm', 'success', 'cleaning up'); return; }
    state.set('stop-post', 'running ExecStopPost');
    this.armStateTimer(config.timeoutStopSec, () => this.stopTimedOut('stop-post'));
    this.parts.exec.runPhase('stop-post', config.execStopPost);
  }

  /**
   * Signals what the kill part says for `state`, skipped when nothing is left, escalating on its
   * timeout. `enter` false resumes a signal state after a worker restart; `signal` false waits
   * without signalling (STOPPING=1: the service is stopping on its own).
   */
  enterSignal(state: SignalState, result: ServiceResult, reason: string, enter = true, signal = true): void {
    const { config, timers, ctx, name } = this.unit;
    const kill = this.parts.kill;
    this.unit.state.noteResult(result);
    this.clearStateTimer();
    timers.clear('watchdog');
    timers.clear('runtime');
    timers.clear('recheck');
    if ((state === 'stop-sigkill' || state === 'final-sigkill') && !config.sendSigkill) { this.afterSignal(state); return; }
    const restarting = !this.r.stopRequested && shouldRestart(config, this.r.result, this.r.lastMainStatus, false);
    if (signal) kill.signal(state, restarting);
    if (kill.drained(state)) {
      // Nothing to wait for: systemd still passes through the SIGKILL step (for KillMode=mixed,
      // whose terminate step reached only the main process).
      const terminating = state !== 'stop-sigkill' && state !== 'final-sigkill';
      if (terminating && config.sendSigkill) this.enterSignal(state.startsWith('stop-') ? 'stop-sigkill' : 'final-sigkill', 'success', reason, enter);
      else this.afterSignal(state);
      return;
    }
    if (enter) this.unit.state.set(state, reason);
    else this.unit.state.changed();
    const watchdog = state === 'stop-watchdog' || state === 'final-watchdog';
    this.armStateTimer(watchdog ? config.timeoutAbortSec : config.timeoutStopSec, () => {
      ctx.log.warn(`${name}: processes still alive after ${state}`);
      if (state === 'stop-sigterm' || state === 'stop-watchdog') this.enterSignal('stop-sigkill', 'timeout', `${state} timed out`);
      else if (state === 'final-sigterm' || state === 'final-watchdog') this.enterSignal('final-sigkill', 'timeout', `${state} timed out`);
      else this.afterSignal(state);
    });
  }

  private afterSignal(state: SignalState): void {
    if (state.startsWith('stop-')) this.enterStopPost();
    else this.finish();
  }

  /** The run is over: auto-restart when Restart= says so, else dead or failed. */
  private finish(): void {
    const { config, ctx, state, timers } = this.unit;
    const r = this.r;
    timers.clearAll();
    r.mainPid = 0;
    r.controlPid = 0;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    this.cancelCgroupWatch?.();
    this.cancelCgroupWatch = null;
    const restart = shouldRestart(config, r.result, r.lastMainStatus, r.stopRequested);
    // A restart job's stop keeps what systemd keeps across a restart (RuntimeDirectoryPreserve=restart).
    this.parts.exec.finishRun(restart || r.restartJob);
    // The manager removes the PID file of a service that stopped (systemd.service(5) PIDFile=).
    if (config.pidFile !== null) ctx.os.removeFile(config.pidFile);
    // A start skipped by ExecCondition= is not a failure: the unit is inactive with result
    // success, and the skip shows in r.condition (ConditionResult=, `sctl status`).
    if (r.result === 'exec-condition') r.result = 'success';
    const dir = this.unit.cgroupDir();
    if (dir !== null && this.cgroupEmpty()) ctx.os.removeCgroup(dir);
    if (restart) {
      this.parts.restart.enter(`Restart=${config.restart}, result ${r.result}`);
    } else {
      const end = r.result === 'success' ? 'dead' : 'failed';
      state.set(end, `stopped, result ${r.result}`);
      this.releaseStoreAtRest();
    }
  }

  /** The core refused the restart job: the unit leaves auto-restart-queued for failed. */
  restartRefused(result: ServiceResult, message: string): void {
    const { ctx, name, state } = this.unit;
    this.r.result = result;
    ctx.log.warn(`${name}: the core refused the automatic restart: ${message}`);
    ctx.report(name, 'warning', `The automatic restart was refused: ${message}`);
    state.set('failed', `the restart job was refused (${result})`);
    this.releaseStoreAtRest();
  }

  /**
   * The unit came to rest: its fd store is released (systemd's FileDescriptorStorePreserve=no,
   * the default, flushes it once the unit is inactive), unless this stop is the first half of a
   * restart job (UnitRequest.restart), whose start hands the fds back.
   */
  releaseStoreAtRest(): void {
    const { fdStore, ctx, name } = this.unit;
    if (this.r.restartJob || fdStore.size === 0) return;
    fdStore.release();
    ctx.dirty(name);
  }

  /** Every command of a phase succeeded, or one failed with `result` (the exec part tells). */
  phaseDone(phase: ControlPhase, result: ServiceResult, failure: string): void {
    switch (phase) {
      case 'condition':
        this.r.condition = { passed: result === 'success', timestampUsec: this.unit.ctx.os.now(), failure };
        if (result === 'success') this.enterStartPre();
        else this.enterSignal('stop-sigterm', result, result === 'exec-condition' ? 'ExecCondition= skipped the start' : 'ExecCondition failed');
        return;
      case 'start-pre':
        if (result === 'success') this.enterStart();
        else this.enterSignal('stop-sigterm', result, 'ExecStartPre failed');
        return;
      case 'start':
        if (result === 'success') this.forkingStarted();
        else this.enterSignal('stop-sigterm', result, 'ExecStart failed');
        return;
      case 'start-post':
        // A failed ExecStartPost= fails the start, and ExecStop= runs only after a start that
        // succeeded (systemd.service(5)): straight to the signal steps, then ExecStopPost=.
        if (result === 'success') this.enterRunning('success');
        else this.enterSignal('stop-sigterm', result, 'ExecStartPost failed');
        return;
      case 'reload':
        if (result !== 'success') this.unit.ctx.log.warn(`${this.unit.name}: reload failed (${result})`);
        this.enterRunning('success');
        return;
      case 'stop':
        this.enterSignal('stop-sigterm', result, 'ExecStop done');
        return;
      case 'stop-post':
        this.enterSignal('final-sigterm', result, 'ExecStopPost done');
    }
  }

  private startTimedOut(): void {
    this.unit.ctx.log.warn(`${this.unit.name}: start timed out in ${this.r.sub}`);
    this.stopIdleWait();
    const mode = this.unit.config.timeoutStartFailureMode;
    this.enterSignal(mode === 'abort' ? 'stop-watchdog' : mode === 'kill' ? 'stop-sigkill' : 'stop-sigterm', 'timeout', 'start timed out');
  }

  private stopTimedOut(phase: 'stop' | 'stop-post'): void {
    const mode = this.unit.config.timeoutStopFailureMode;
    const prefix = phase === 'stop' ? 'stop' : 'final';
    const next = mode === 'abort' ? `${prefix}-watchdog` : mode === 'kill' ? `${prefix}-sigkill` : `${prefix}-sigterm`;
    this.enterSignal(next as SignalState, 'timeout', `${phase} timed out`);
  }

  /** Reload: ReloadSignal= for Type=notify-reload, else ExecReload=, each with the start timeout. */
  reload(): boolean {
    const { config, ctx, state } = this.unit;
    const r = this.r;
    if (config.type === 'notify-reload' && r.sub === 'running' && r.mainPid) {
      ctx.os.kill(r.mainPid, config.reloadSignal);
      state.set('reload-signal', `sent signal ${config.reloadSignal} to the main process`);
      this.armStateTimer(config.timeoutStartSec, () => this.reloadTimedOut());
      return true;
    }
    if (config.execReload.length === 0) return false;
    state.set('reload', 'running ExecReload');
    this.armStateTimer(config.timeoutStartSec, () => this.reloadTimedOut());
    this.parts.exec.runPhase('reload', config.execReload);
    return true;
  }

  private reloadTimedOut(): void {
    const { ctx, name } = this.unit;
    ctx.log.warn(`${name}: reload timed out in ${this.r.sub}`);
    ctx.report(name, 'warning', `The reload timed out in state ${this.r.sub}.`);
    if (this.r.controlPid) ctx.os.kill(this.r.controlPid, 9);
    this.parts.exec.endPhase();
    this.enterRunning('success');
  }

  private armWatchdog(): void {
    const usec = this.r.watchdogUsec || this.unit.config.watchdogSec;
    if (usec > 0) this.unit.timers.arm('watchdog', usec, () => this.watchdogFired(`no WATCHDOG=1 within ${usec / 1000} ms`));
  }

  private watchdogFired(reason: string): void {
    this.unit.state.cause = 'self';
    this.unit.ctx.log.warn(`${this.unit.name}: watchdog timeout (${reason}); sending signal ${this.unit.config.watchdogSignal}`);
    this.enterSignal('stop-watchdog', 'watchdog', reason);
  }

  /** RuntimeMaxSec=: a unit that runs too long is stopped with result timeout. */
  armRuntimeMax(): void {
    const { timers, state, ctx, name } = this.unit;
    timers.arm('runtime', this.unit.config.runtimeMaxSec, () => {
      state.cause = 'self';
      ctx.log.warn(`${name}: RuntimeMaxSec= reached; stopping`);
      state.noteResult('timeout');
      this.enterStop();
    });
  }

  private armStateTimer(usec: number, fn: () => void): void {
    this.stateTimeout = fn;
    this.unit.timers.arm('state', usec, () => { this.unit.state.cause = 'self'; this.stateTimeout = null; fn(); });
  }

  private clearStateTimer(): void {
    this.stateTimeout = null;
    this.unit.timers.clear('state');
  }

  /** EXTEND_TIMEOUT_USEC=: the state timeout fires no earlier than `usec` from now. */
  private extendTimeout(usec: number): void {
    const deadline = this.unit.timers.deadline('state');
    const fn = this.stateTimeout;
    if (deadline === undefined || fn === null) return;
    if (this.unit.ctx.os.monotonicNow() + usec > deadline) this.armStateTimer(usec, fn);
  }

  /** The main process ended: the step in progress decides what that means. */
  mainExited(status: ExitStatus): void {
    const { config, ctx, name } = this.unit;
    const r = this.r;
    const command = config.execStart[config.type === 'oneshot' ? r.mainIndex : 0];
    r.mainPid = 0;
    r.lastMainStatus = status;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    if (status.code !== null) { r.exitCode = 'exited'; r.exitStatus = status.code; }
    else if (status.signal !== null) { r.exitCode = status.core ? 'dumped' : 'killed'; r.exitStatus = signalNumber(status.signal); }
    let result = command?.ignoreFailure ? 'success' : classifyExit(status, config.successExitStatus, true);
    if (result === 'signal' && status.signal === 'SIGKILL' && this.oomKilled()) result = 'oom-kill';
    ctx.log.info(`${name}: main process exited, ${r.exitCode || 'status unknown'}${r.exitCode ? ` ${r.exitStatus}` : ''}, result ${result}`);
    switch (REACTIONS[r.sub]['main-exit']) {
      case 'start-step':
        if (config.type === 'notify' || config.type === 'notify-reload') {
          this.enterSignal('stop-sigterm', result === 'success' ? 'protocol' : result, 'the main process exited before READY=1');
        } else if (result !== 'success') {
          this.enterSignal('stop-sigterm', result, 'ExecStart failed');
        } else if (config.type === 'oneshot' && r.mainIndex + 1 < config.execStart.length) {
          r.mainIndex++;
          this.spawnMain();
        } else {
          this.enterStartPost();
        }
        return;
      case 'running':
        this.enterRunning(result);
        return;
      case 'record':
        this.unit.state.noteResult(result); // the step in progress ends on its own (control exit, drain)
        this.checkDrained();
        this.unit.state.changed();
    }
  }

  /** The control process ended (or could not run). */
  controlExited(status: ExitStatus): void {
    this.r.controlPid = 0;
    if (this.parts.exec.phase === null) { this.checkDrained(); return; }
    this.parts.exec.controlExited(status);
  }

  /** Something changed in the cgroup, or a process we do not track left it. */
  checkDrained(): void {
    const r = this.r;
    const sub = r.sub;
    if (sub === 'running' && !r.mainPidKnown && !r.controlPid && this.cgroupEmpty()) {
      this.unit.state.cause = 'self';
      this.enterRunning('success'); // a forking service without a known main process is done
      return;
    }
    if (!SIGNAL_STATES.has(sub)) return;
    if (!this.parts.kill.drained(sub as SignalState)) return;
    this.unit.state.cause = 'self';
    this.afterSignal(sub as SignalState);
  }

  /** What a datagram the notify part accepted means for the steps (the unit publishes what changed). */
  notified(f: NotifyFields, senderUid: number): void {
    const { state, timers, config } = this.unit;
    const r = this.r;
    const sub = r.sub;
    const running = sub === 'start' || sub === 'start-post' || sub === 'running' || sub.startsWith('reload');
    if (f.mainPid !== null && f.mainPid !== r.mainPid && running && this.parts.notify.acceptsMainPid(f.mainPid, senderUid)) {
      this.setMain(f.mainPid);
    }
    if (f.watchdogUsec !== null) { r.watchdogUsec = f.watchdogUsec; if (timers.armed('watchdog')) this.armWatchdog(); }
    if (f.watchdog === 'ping' && timers.armed('watchdog')) this.armWatchdog();
    if (f.extendTimeoutUsec !== null) this.extendTimeout(f.extendTimeoutUsec);
    if (f.watchdog === 'trigger') this.watchdogFired('WATCHDOG=trigger');
    else if (f.reloading && (sub === 'running' || sub === 'reload-signal')) {
      state.set('reload-notify', 'RELOADING=1');
      this.armStateTimer(config.timeoutStartSec, () => this.reloadTimedOut());
    }
    if (f.ready) {
      if (r.sub === 'start' && (config.type === 'notify' || config.type === 'notify-reload')) this.enterStartPost();
      else if (r.sub === 'reload-notify' || r.sub === 'reload-signal') this.enterRunning('success');
    }
    if (f.stopping && r.sub === 'running') this.enterSignal('stop-sigterm', 'success', 'STOPPING=1', true, false);
  }

  /**
   * Watches a main process by pidfd (re-adopted, or found by PIDFile=/MAINPID= and perhaps not our
   * child). When it is our child the reaper reports it with its status first; the pidfd path
   * waits a moment for that before concluding "status unknown".
   */
  watchMain(pid: number): void {
    const { ctx, name, state } = this.unit;
    this.cancelMainWatch?.();
    this.cancelMainWatch = ctx.os.watchProcessExit(pid, () => {
      this.cancelMainWatch = ctx.os.setTimer(50, () => {
        this.cancelMainWatch = null;
        if (this.r.mainPid !== pid) return;
        state.cause = 'self';
        ctx.log.info(`${name}: main process ${pid} exited (status unknown: not our child)`);
        this.mainExited({ code: null, signal: null, core: false });
      });
    });
  }

  /** Watches cgroup.events of the unit (checkDrained on each change); once per run. */
  watchCgroup(dir: string): void {
    if (this.cancelCgroupWatch) return;
    this.cancelCgroupWatch = this.unit.ctx.os.watchCgroup(dir, () => this.checkDrained());
  }

  private setMain(pid: number): void {
    const { ctx, name } = this.unit;
    const r = this.r;
    r.mainPid = pid;
    r.execMainPid = pid;
    r.mainPidKnown = true;
    ctx.track(pid, name);
    this.watchMain(pid);
    ctx.log.info(`${name}: main process is ${pid}`);
  }

  /** The unit cgroup's oom_kill counter; null without a cgroup or a memory controller. */
  private oomKills(): number | null {
    const dir = this.unit.cgroupDir();
    return dir === null ? null : this.unit.ctx.os.oomKills(dir);
  }

  /**
   * Whether the kernel's OOM killer struck inside the unit during this run: the oom_kill counter
   * of memory.events rose since the start (systemd's result oom-kill). Without the memory
   * controller the counter cannot be read and a SIGKILL stays result signal.
   */
  private oomKilled(): boolean {
    const now = this.oomKills();
    return now !== null && now > (this.r.oomKillsAtStart ?? 0);
  }

  private cgroupEmpty(): boolean {
    const dir = this.unit.cgroupDir();
    return dir === null || this.unit.ctx.os.cgroupProcs(dir).length === 0;
  }

  /** Ends a Type=idle wait. */
  stopIdleWait(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.unit.timers.clear('idle');
  }

  /** The worker is exiting or the unit is unloaded: drops the watches (the processes stay). */
  detach(): void {
    this.stopIdleWait();
    this.cancelCgroupWatch?.();
    this.cancelMainWatch?.();
  }
}
