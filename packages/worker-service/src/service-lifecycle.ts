// The steps of a service's life cycle, after systemd's service.c (the essay is in
// service-unit.ts): each enterX() performs one step — spawning its commands through the base
// class, arming its timeout — and decides the next one from the configuration; finish() ends a
// run with auto-restart (restart-policy.ts) or rest. Requests and process events that move the
// unit are in service-unit.ts, which extends this class.
import { applyCgroupSettings, cgroupSettingsWithoutHierarchy, finishRun, prepareLaunch } from './exec';
import { drainedFor, killOperationOf, performKill } from './kill';
import { guessMainPid, readPidFile } from './main-pid';
import { restartDelay, shouldRestart, StartCounter } from './restart-policy';
import type { ServiceResult, SignalState } from './states';
import { ServiceUnitBase, type ControlPhase, type ServiceRuntime } from './unit-base';

const IDLE_MAX_USEC = 5_000_000;
const RECHECK_USEC = 100_000;

/** systemd's exit statuses for the setup steps it performs in the child (systemd.exec(5)). */
const CHILD_STEP_STATUS: Array<[string, number]> = [
  ['WorkingDirectory=', 200], ['RootDirectory=', 200], ['User=', 217], ['Group=', 216], ['SupplementaryGroups=', 216],
  ['RuntimeDirectory=', 233], ['StateDirectory=', 238], ['CacheDirectory=', 239], ['LogsDirectory=', 240],
  ['ConfigurationDirectory=', 241], ['StandardInput', 208], ['StandardOutput', 209], ['StandardError', 209],
];

function childStepStatus(message: string): number | null {
  return CHILD_STEP_STATUS.find(([prefix]) => message.startsWith(prefix))?.[1] ?? null;
}

export abstract class ServiceLifecycle extends ServiceUnitBase {
  /** This unit's recent starts, to stop automatic restarts at the start limit. */
  protected readonly starts = new StartCounter();

  protected begin(): void {
    const r = this.runtime;
    this.timers.clearAll();
    Object.assign(r, {
      result: 'success', stopRequested: false, restartJob: false, exitCode: '', exitStatus: 0, lastMainStatus: null, statusText: '',
      statusErrno: 0, watchdogUsec: 0, mainPidKnown: false, invocationId: this.ctx.os.randomId(),
    } satisfies Partial<ServiceRuntime>);
    this.mainIndex = 0;
    this.control = null;
    this.starts.record(this.ctx.os.monotonicNow());
    if (this.config.type === 'dbus') {
      r.statusText = `Type=dbus needs a D-Bus system bus, which sysmaster does not provide; BusName=${this.config.busName ?? ''}`;
      this.ctx.log.error(`${this.name}: ${r.statusText}`);
      r.result = 'resources';
      this.setState('failed', r.statusText);
      return;
    }
    try {
      const dir = this.cgroupDir;
      r.notices = [...this.config.unsupported];
      if (dir !== null) {
        if (!this.ctx.os.createCgroup(dir)) throw new Error(`cannot create cgroup ${dir}`);
        this.watchCgroup(dir);
        r.notices.push(...applyCgroupSettings(this.ctx.os, dir, this.config.exec));
      } else {
        r.notices.push(...cgroupSettingsWithoutHierarchy(this.config.exec));
      }
      this.launch = prepareLaunch(this.config.exec, this.ctx.os, { unit: this.name, invocationId: r.invocationId });
    } catch (error) {
      const message = (error as Error).message;
      this.ctx.log.error(`${this.name}: cannot start: ${message}`);
      // What systemd does in the child fails like the child would: exit-code with its 2xx status.
      const status = childStepStatus(message);
      if (status !== null) Object.assign(r, { result: 'exit-code', exitCode: 'exited', exitStatus: status });
      else r.result = 'resources';
      r.statusText = message;
      this.setState('failed', message);
      return;
    }
    if (this.config.execCondition.length > 0) {
      this.setState('condition', 'running ExecCondition');
      this.armStateTimer(this.config.timeoutStartSec, () => this.startTimedOut());
      this.runControlPhase('condition', this.config.execCondition);
    } else {
      this.enterStartPre();
    }
  }

  protected enterStartPre(): void {
    if (this.config.execStartPre.length === 0) { this.enterStart(); return; }
    this.setState('start-pre', 'running ExecStartPre');
    this.armStateTimer(this.config.timeoutStartSec, () => this.startTimedOut());
    this.runControlPhase('start-pre', this.config.execStartPre);
  }

  protected enterStart(): void {
    this.setState('start', 'running ExecStart');
    if (this.config.execStart.length === 0) { this.enterStartPost(); return; }
    this.armStateTimer(this.config.timeoutStartSec, () => this.startTimedOut());
    if (this.config.type === 'idle') {
      const go = (): void => { this.cause = 'self'; this.stopIdleWait(); this.spawnMain(); };
      const cancel = this.ctx.whenIdle(this, go);
      if (cancel !== null) {
        this.cancelIdle = cancel;
        this.timers.arm('idle', IDLE_MAX_USEC, go);
        return;
      }
    }
    this.spawnMain();
  }

  protected spawnMain(): void {
    const command = this.config.execStart[this.mainIndex];
    if (!command) return;
    if (this.config.type === 'forking') { this.runControlPhase('start', [command]); return; }
    const pid = this.spawn(command, false);
    if (pid === null) { this.mainExited({ code: this.spawnFailure, signal: null, core: false }); return; }
    const r = this.runtime;
    r.mainPid = pid;
    r.execMainPid = pid;
    r.mainPidKnown = true;
    if (this.config.type === 'simple' || this.config.type === 'exec' || this.config.type === 'idle') this.enterStartPost();
    else this.changed(); // oneshot waits for the exit, notify for READY=1
  }

  /** The start command of a forking service exited successfully: find the main process. */
  protected forkingStarted(): void {
    const file = this.config.pidFile;
    const dir = this.cgroupDir;
    if (file !== null) {
      const outcome = readPidFile(this.ctx.os, file, dir);
      if ('missing' in outcome) {
        this.changed();
        this.timers.arm('recheck', RECHECK_USEC, () => { this.cause = 'self'; if (this.runtime.sub === 'start') this.forkingStarted(); });
        return;
      }
      if ('refused' in outcome) { this.ctx.log.error(`${this.name}: ${outcome.refused}`); this.enterSignal('stop-sigterm', 'protocol', outcome.refused); return; }
      this.setMain(outcome.pid);
    } else if (this.config.guessMainPid) {
      const pid = guessMainPid(this.ctx.os, dir, 0);
      if (pid) this.setMain(pid);
      else this.ctx.log.info(`${this.name}: cannot determine the main process; the unit runs while its cgroup is populated`);
    }
    this.enterStartPost();
  }

  protected enterStartPost(): void {
    this.timers.clear('recheck');
    if (this.config.execStartPost.length === 0) { this.enterRunning('success'); return; }
    this.setState('start-post', 'running ExecStartPost');
    this.armStateTimer(this.config.timeoutStartSec, () => this.startTimedOut());
    this.runControlPhase('start-post', this.config.execStartPost);
  }

  protected enterRunning(result: ServiceResult): void {
    this.noteResult(result);
    this.clearStateTimer();
    const r = this.runtime;
    const forkingUnknown = this.config.type === 'forking' && !r.mainPidKnown && !this.cgroupEmpty();
    if (r.result !== 'success') this.enterSignal('stop-sigterm', r.result, 'the main process failed');
    else if (r.mainPid || forkingUnknown) {
      this.setState('running', r.sub === 'running' ? 'still running' : 'started');
      if (!this.timers.armed('watchdog')) this.armWatchdog();
      this.armRuntimeMax();
    } else if (this.config.remainAfterExit) {
      this.setState('exited', 'main process exited, RemainAfterExit=yes');
      this.armRuntimeMax();
    } else this.enterStop();
  }

  protected enterStop(): void {
    this.clearStateTimer();
    this.timers.clear('watchdog');
    this.timers.clear('runtime');
    if (this.config.execStop.length === 0) { this.enterSignal('stop-sigterm', 'success', 'stopping'); return; }
    this.setState('stop', 'running ExecStop');
    this.armStateTimer(this.config.timeoutStopSec, () => this.stopTimedOut('stop'));
    this.runControlPhase('stop', this.config.execStop);
  }

  protected enterStopPost(): void {
    this.clearStateTimer();
    if (this.config.execStopPost.length === 0) { this.enterSignal('final-sigterm', 'success', 'cleaning up'); return; }
    this.setState('stop-post', 'running ExecStopPost');
    this.armStateTimer(this.config.timeoutStopSec, () => this.stopTimedOut('stop-post'));
    this.runControlPhase('stop-post', this.config.execStopPost);
  }

  /**
   * Signals what kill.ts says for `state`, skipped when nothing is left, escalating on its
   * timeout. `enter` false resumes a signal state after a worker restart; `signal` false waits
   * without signalling (STOPPING=1: the service is stopping on its own).
   */
  protected enterSignal(state: SignalState, result: ServiceResult, reason: string, enter = true, signal = true): void {
    this.noteResult(result);
    this.clearStateTimer();
    this.timers.clear('watchdog');
    this.timers.clear('runtime');
    this.timers.clear('recheck');
    if ((state === 'stop-sigkill' || state === 'final-sigkill') && !this.config.sendSigkill) { this.afterSignal(state); return; }
    const operation = killOperationOf(state);
    const restarting = !this.runtime.stopRequested && shouldRestart(this.config, this.runtime.result, this.runtime.lastMainStatus, false);
    if (signal) performKill(this.ctx.os, this.config, this.processes(), operation, restarting);
    if (drainedFor(this.ctx.os, this.config, this.processes(), operation)) {
      // Nothing to wait for: systemd still passes through the SIGKILL step (for KillMode=mixed,
      // whose terminate step reached only the main process).
      if (operation !== 'kill' && this.config.sendSigkill) this.enterSignal(state.startsWith('stop-') ? 'stop-sigkill' : 'final-sigkill', 'success', reason, enter);
      else this.afterSignal(state);
      return;
    }
    if (enter) this.setState(state, reason);
    else this.changed();
    const usec = operation === 'watchdog' ? this.config.timeoutAbortSec : this.config.timeoutStopSec;
    this.armStateTimer(usec, () => {
      this.ctx.log.warn(`${this.name}: processes still alive after ${state}`);
      if (state === 'stop-sigterm' || state === 'stop-watchdog') this.enterSignal('stop-sigkill', 'timeout', `${state} timed out`);
      else if (state === 'final-sigterm' || state === 'final-watchdog') this.enterSignal('final-sigkill', 'timeout', `${state} timed out`);
      else this.afterSignal(state);
    });
  }

  protected afterSignal(state: SignalState): void {
    if (state.startsWith('stop-')) this.enterStopPost();
    else this.finish();
  }

  protected finish(): void {
    const r = this.runtime;
    this.timers.clearAll();
    this.control = null;
    r.mainPid = 0;
    r.controlPid = 0;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    this.cancelCgroupWatch?.();
    this.cancelCgroupWatch = null;
    const restart = shouldRestart(this.config, r.result, r.lastMainStatus, r.stopRequested);
    try {
      // A restart job's stop keeps what systemd keeps across a restart (RuntimeDirectoryPreserve=restart).
      finishRun(this.config.exec, this.ctx.os, { unit: this.name, restarting: restart || r.restartJob });
    } catch (error) {
      this.ctx.log.warn(`${this.name}: cleaning up after the run: ${(error as Error).message}`);
    }
    const dir = this.cgroupDir;
    if (dir !== null && this.cgroupEmpty()) this.ctx.os.removeCgroup(dir);
    if (restart && this.starts.wouldRefuse(this.config.startLimit, this.ctx.os.monotonicNow())) {
      r.restarts++; // the attempted restart: the core counts it and reports start-limit-hit
      this.setState('failed', `Restart=${this.config.restart}, but the start limit is hit`);
      this.releaseStoreAtRest();
    } else if (restart) {
      this.setState('auto-restart', `Restart=${this.config.restart}, result ${r.result}`);
      this.armRestart();
    } else {
      const end = r.result === 'success' || r.result === 'exec-condition' ? 'dead' : 'failed';
      this.setState(end, `stopped, result ${r.result}`);
      this.releaseStoreAtRest();
    }
  }

  protected armRestart(): void {
    const delay = restartDelay(this.config, this.runtime.restarts + 1);
    this.timers.arm('state', delay, () => {
      this.cause = 'self';
      this.runtime.restarts++;
      this.ctx.log.info(`${this.name}: restarting automatically (restart ${this.runtime.restarts})`);
      this.setState('auto-restart-queued', 'RestartSec= elapsed');
      this.begin();
    });
  }

  /**
   * The unit came to rest: its fd store is released (systemd's FileDescriptorStorePreserve=no,
   * the default, flushes it once the unit is inactive), unless this stop is the first half of a
   * restart job (UnitRequest.restart), whose start hands the fds back.
   */
  protected releaseStoreAtRest(): void {
    if (this.runtime.restartJob || this.fdStore.size === 0) return;
    this.fdStore.release();
    this.ctx.dirty(this);
  }

  protected phaseDone(phase: ControlPhase, result: ServiceResult): void {
    this.control = null;
    switch (phase) {
      case 'condition':
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
        if (result === 'success') this.enterRunning('success');
        else { this.noteResult(result); this.enterStop(); }
        return;
      case 'reload':
        if (result !== 'success') this.ctx.log.warn(`${this.name}: reload failed (${result})`);
        this.enterRunning('success');
        return;
      case 'stop':
        this.enterSignal('stop-sigterm', result, 'ExecStop done');
        return;
      case 'stop-post':
        this.enterSignal('final-sigterm', result, 'ExecStopPost done');
    }
  }

  protected startTimedOut(): void {
    this.ctx.log.warn(`${this.name}: start timed out in ${this.runtime.sub}`);
    this.stopIdleWait();
    const mode = this.config.timeoutStartFailureMode;
    this.enterSignal(mode === 'abort' ? 'stop-watchdog' : mode === 'kill' ? 'stop-sigkill' : 'stop-sigterm', 'timeout', 'start timed out');
  }

  protected stopTimedOut(phase: 'stop' | 'stop-post'): void {
    const mode = this.config.timeoutStopFailureMode;
    const prefix = phase === 'stop' ? 'stop' : 'final';
    const next = mode === 'abort' ? `${prefix}-watchdog` : mode === 'kill' ? `${prefix}-sigkill` : `${prefix}-sigterm`;
    this.enterSignal(next as SignalState, 'timeout', `${phase} timed out`);
  }

  protected reloadTimedOut(): void {
    this.ctx.log.warn(`${this.name}: reload timed out in ${this.runtime.sub}`);
    if (this.runtime.controlPid) this.ctx.os.kill(this.runtime.controlPid, 9);
    this.control = null;
    this.enterRunning('success');
  }

  protected armWatchdog(): void {
    const usec = this.runtime.watchdogUsec || this.config.watchdogSec;
    if (usec > 0) this.timers.arm('watchdog', usec, () => this.watchdogFired(`no WATCHDOG=1 within ${usec / 1000} ms`));
  }

  protected watchdogFired(reason: string): void {
    this.cause = 'self';
    this.ctx.log.warn(`${this.name}: watchdog timeout (${reason}); sending signal ${this.config.watchdogSignal}`);
    this.enterSignal('stop-watchdog', 'watchdog', reason);
  }

  protected armRuntimeMax(): void {
    this.timers.arm('runtime', this.config.runtimeMaxSec, () => {
      this.cause = 'self';
      this.ctx.log.warn(`${this.name}: RuntimeMaxSec= reached; stopping`);
      this.noteResult('timeout');
      this.enterStop();
    });
  }

  /** EXTEND_TIMEOUT_USEC=: the state timeout fires no earlier than `usec` from now. */
  protected extendTimeout(usec: number): void {
    const deadline = this.timers.deadline('state');
    const fn = this.stateTimeout;
    if (deadline === undefined || fn === null) return;
    if (this.ctx.os.monotonicNow() + usec > deadline) this.armStateTimer(usec, fn);
  }
}
