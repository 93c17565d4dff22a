// One service unit at run time: the state machine of states.ts driven by requests (start, stop,
// reload, kill), by its processes (exits reported by the seam), by sd_notify messages and by
// timers. The helpers hold the rest: restart-policy.ts (results and Restart=), kill.ts
// (KillMode= and the signal steps), notify.ts (datagram fields, NotifyAccess=), main-pid.ts
// (PIDFile=, GuessMainPID=), fd-store.ts (FDSTORE=1) and ./exec (the execution context).
//
// The algorithm follows systemd's service.c:
// - start: fresh result and INVOCATION_ID; the cgroup made and its limits applied; the execution
//   context resolved; ExecCondition (exit 1-254 skips the start: inactive, result
//   exec-condition), ExecStartPre one after another as the control process, then ExecStart:
//   simple/exec/idle are started once the process is spawned (spawn() returns only after a
//   successful execve, so a missing binary fails the start with status 203 for both; idle first
//   waits until no other service is starting, at most 5 s); oneshot runs each command in turn
//   as the main process; notify/notify-reload wait for READY=1; forking waits for the started
//   process to exit and then finds the main process (PIDFile=, or a guess from the cgroup);
//   dbus fails with result resources (there is no bus). Then ExecStartPost, then running,
//   exited (RemainAfterExit) or the stop path for a finished oneshot.
// - A failing command (not 0 or SuccessExitStatus=, a signal, a core dump, or a program that
//   cannot be executed: status 203 like systemd's EXIT_EXEC) fails its step unless its line
//   starts with '-'. The first failure of a run is its result.
// - stop (requested, the main process ended, STOPPING=1, RuntimeMaxSec=): ExecStop with
//   MAINPID, then the signal steps of kill.ts, ExecStopPost, the "final" signal steps, then the
//   end: auto-restart when Restart= asks for it, else dead or failed. A signal step with
//   nothing left to wait for is skipped. Each step has its timeout; TimeoutStartFailureMode=/
//   TimeoutStopFailureMode= pick the step a timeout leads to; the watchdog leads to
//   stop-watchdog with WatchdogSignal= and result watchdog.
// Every step is synchronous in the event loop; only the seam's callbacks move time forward, so
// a unit that crashes in a loop or ignores SIGTERM costs timers, never a stalled worker.
import { SysmasterError } from '@sysmaster/proto';
import { signalProcesses, killOperationOf, drainedFor } from './kill';
import { notifyRefusal, parseNotify } from './notify';
import type { ExitStatus, NotifyDatagram } from './os';
import { classifyCondition, classifyExit, signalNumber } from './restart-policy';
import { ServiceLifecycle } from './service-lifecycle';
import { SERVICE_ACTIVE_STATE, SIGNAL_STATES, type SignalState } from './states';

export { freshRuntime } from './unit-base';
export type { ServiceRuntime, UnitContext } from './unit-base';

export class ServiceUnit extends ServiceLifecycle {
  start(): void {
    this.cause = 'request';
    if (this.loadErrors.length > 0) {
      throw new SysmasterError('ERR_BAD_SETTING', `${this.name} has bad settings: ${this.loadErrors.join('; ')}`);
    }
    const sub = this.runtime.sub;
    const active = SERVICE_ACTIVE_STATE[sub];
    if (active === 'deactivating') {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is stopping (${sub}); start it once it is inactive`);
    }
    if (sub !== 'auto-restart' && (active === 'active' || active === 'activating' || active === 'reloading')) {
      this.ctx.changed(this, false); // Already there: the Start is accepted and the state re-announced.
      return;
    }
    this.runtime.restarts = 0;
    this.begin();
  }

  /** `restart`: the stop is the first half of a restart job (UnitRequest.restart). */
  stop(restart = false): void {
    this.cause = 'request';
    const sub = this.runtime.sub;
    this.runtime.stopRequested = true;
    this.runtime.restartJob = restart;
    if (sub === 'dead' || sub === 'failed') {
      this.releaseStoreAtRest();
      this.ctx.changed(this, false);
    } else if (SERVICE_ACTIVE_STATE[sub] === 'deactivating') {
      this.ctx.changed(this, false);
    } else if (sub === 'auto-restart' || sub === 'auto-restart-queued') {
      this.timers.clearAll();
      this.setState('dead', 'stop requested during auto-restart');
      this.releaseStoreAtRest();
    } else if (sub === 'running' || sub === 'exited' || sub.startsWith('reload')) {
      this.enterStop();
    } else {
      this.stopIdleWait();
      this.enterSignal('stop-sigterm', 'success', 'stop requested while starting');
    }
  }

  reload(): void {
    this.cause = 'request';
    const sub = this.runtime.sub;
    if (sub !== 'running' && sub !== 'exited') {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is ${SERVICE_ACTIVE_STATE[sub]} (${sub}); only an active unit reloads`);
    }
    if (this.config.type === 'notify-reload' && sub === 'running' && this.runtime.mainPid) {
      this.ctx.os.kill(this.runtime.mainPid, this.config.reloadSignal);
      this.setState('reload-signal', `sent signal ${this.config.reloadSignal} to the main process`);
      this.armStateTimer(this.config.timeoutStartSec, () => this.reloadTimedOut());
    } else if (this.config.execReload.length > 0) {
      this.setState('reload', 'running ExecReload');
      this.armStateTimer(this.config.timeoutStartSec, () => this.reloadTimedOut());
      this.runControlPhase('reload', this.config.execReload);
    } else {
      throw new SysmasterError('ERR_REFUSED', `${this.name} cannot reload: it has no ExecReload= and is not Type=notify-reload`);
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
    if (signalProcesses(this.ctx.os, this.processes(), 'cgroup', signal) === 0) {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} has no processes to signal`);
    }
  }

  resetFailed(): void {
    this.cause = 'request';
    this.runtime.restarts = 0;
    this.starts.reset();
    if (this.runtime.sub === 'failed') {
      this.runtime.result = 'success';
      this.setState('reset-failed', 'reset-failed requested');
    }
  }

  /** The worker is exiting: drop timers and watches (the processes and the fd holder stay). */
  detach(): void {
    this.timers.clearAll();
    this.stopIdleWait();
    this.cancelCgroupWatch?.();
    this.cancelMainWatch?.();
    this.logIndex?.stop(false);
    this.fdStore.detach();
  }

  /** The unit is unloaded: its fd store goes too. */
  dispose(): void {
    this.fdStore.release();
    this.detach();
  }

  /**
   * Takes over a unit a previous worker left (its runtime came from the state file). A main
   * process that is still alive, and still in the unit's cgroup, is watched by pidfd; the fd
   * store is taken back from its holder; the rest of an interrupted step cannot be resumed and
   * ends like a failed one.
   */
  recover(): void {
    this.cause = 'self';
    const r = this.runtime;
    const dir = this.cgroupDir;
    this.fdStore.restore(r.fdStore);
    delete r.fdStore;
    const alive = (pid: number): boolean =>
      pid > 0 && this.ctx.os.isAlive(pid) && (dir === null || this.ctx.os.cgroupOfPid(pid) === dir);
    const mainAlive = alive(r.mainPid);
    if (r.controlPid && !alive(r.controlPid)) r.controlPid = 0;
    if (!mainAlive) r.mainPid = 0;
    if (mainAlive) this.watchMain(r.mainPid);
    if (dir !== null && r.sub !== 'dead' && r.sub !== 'failed') this.watchCgroup(dir);
    if (r.sub !== 'dead' && r.sub !== 'failed') this.logIndex?.follow();
    switch (r.sub) {
      case 'dead': case 'failed':
        return;
      case 'exited':
        this.armRuntimeMax();
        return;
      case 'auto-restart': case 'auto-restart-queued':
        this.armRestart();
        return;
      case 'running': case 'reload': case 'reload-signal': case 'reload-notify':
        r.controlPid = 0;
        this.enterRunning('success');
        return;
      case 'stop':
        this.enterSignal('stop-sigterm', 'success', 'the previous worker was interrupted in ExecStop');
        return;
      case 'stop-post':
        this.enterSignal('final-sigterm', 'success', 'the previous worker was interrupted in ExecStopPost');
        return;
      case 'stop-watchdog': case 'stop-sigterm': case 'stop-sigkill':
      case 'final-watchdog': case 'final-sigterm': case 'final-sigkill':
        this.enterSignal(r.sub, 'success', 'resuming after a worker restart', false);
        return;
      default: // condition, start-pre, start, start-post: the step cannot be resumed.
        if (mainAlive && r.sub !== 'start-pre' && r.sub !== 'condition' && this.config.type !== 'notify' && this.config.type !== 'notify-reload') {
          r.controlPid = 0;
          this.enterRunning('success');
        } else {
          this.enterSignal('stop-sigterm', 'resources', `the previous worker was interrupted in ${r.sub}`);
        }
    }
  }

  /** A child of this unit was reaped (routed here by the table). */
  processExited(pid: number, status: ExitStatus): void {
    this.cause = 'self';
    if (pid === this.runtime.mainPid) this.mainExited(status);
    else if (pid === this.runtime.controlPid) this.controlExited(status);
    else this.checkDrained();
  }

  /** Something changed in the cgroup, or a process we do not track left it. */
  checkDrained(): void {
    const r = this.runtime;
    const sub = r.sub;
    if (sub === 'running' && !r.mainPidKnown && !r.controlPid && this.cgroupEmpty()) {
      this.cause = 'self';
      this.enterRunning('success'); // a forking service without a known main process is done
      return;
    }
    if (!SIGNAL_STATES.has(sub)) return;
    if (!drainedFor(this.ctx.os, this.config, this.processes(), killOperationOf(sub as SignalState))) return;
    this.cause = 'self';
    this.afterSignal(sub as SignalState);
  }

  protected mainExited(status: ExitStatus): void {
    const r = this.runtime;
    const command = this.config.execStart[this.config.type === 'oneshot' ? this.mainIndex : 0];
    r.mainPid = 0;
    r.lastMainStatus = status;
    this.cancelMainWatch?.();
    this.cancelMainWatch = null;
    if (status.code !== null) { r.exitCode = 'exited'; r.exitStatus = status.code; }
    else if (status.signal !== null) { r.exitCode = status.core ? 'dumped' : 'killed'; r.exitStatus = signalNumber(status.signal); }
    const result = command?.ignoreFailure ? 'success' : classifyExit(status, this.config.successExitStatus, true);
    this.ctx.log.info(`${this.name}: main process exited, ${r.exitCode || 'status unknown'}${r.exitCode ? ` ${r.exitStatus}` : ''}, result ${result}`);
    switch (r.sub) {
      case 'start':
        if (this.config.type === 'notify' || this.config.type === 'notify-reload') {
          this.enterSignal('stop-sigterm', result === 'success' ? 'protocol' : result, 'the main process exited before READY=1');
        } else if (result !== 'success') {
          this.enterSignal('stop-sigterm', result, 'ExecStart failed');
        } else if (this.config.type === 'oneshot' && this.mainIndex + 1 < this.config.execStart.length) {
          this.mainIndex++;
          this.spawnMain();
        } else {
          this.enterStartPost();
        }
        return;
      case 'running': case 'exited': case 'reload-signal': case 'reload-notify':
        this.enterRunning(result);
        return;
      default:
        this.noteResult(result); // the step in progress ends on its own (control exit, drain)
        this.checkDrained();
        this.changed();
    }
  }

  protected controlExited(status: ExitStatus): void {
    this.runtime.controlPid = 0;
    const step = this.control;
    if (!step) { this.checkDrained(); return; }
    const command = step.commands[step.index];
    let result = step.phase === 'condition' ? classifyCondition(status) : classifyExit(status, this.config.successExitStatus, false);
    if (command?.ignoreFailure) result = 'success';
    if (result !== 'success') {
      this.ctx.log.warn(`${this.name}: ${step.phase} command ${command?.path ?? '?'} failed (${status.code ?? status.signal}), result ${result}`);
      this.phaseDone(step.phase, result);
      return;
    }
    step.index++;
    this.runControl();
  }

  /** A datagram from a process of this unit's cgroup (routed by the table). Closes unkept fds. */
  notify(message: NotifyDatagram): void {
    this.cause = 'self';
    const os = this.ctx.os;
    const r = this.runtime;
    const f = parseNotify(message.data);
    const refusal = notifyRefusal(this.config.notifyAccess, message.pid, r.mainPid, r.controlPid);
    if (refusal !== null) {
      this.ctx.log.warn(`${this.name}: notify message from pid ${message.pid} ignored: ${refusal}`);
      for (const fd of message.fds) os.closeFd(fd);
      return;
    }
    let unkept = message.fds;
    if (f.fdStore && unkept.length > 0) {
      unkept = this.config.fileDescriptorStoreMax > 0 ? this.fdStore.add(unkept, f.fdName ?? 'stored', this.config.fileDescriptorStoreMax) : unkept;
      this.ctx.dirty(this);
    }
    for (const fd of unkept) os.closeFd(fd); // BARRIER=1's pipe among them: systemd-notify waits for it
    if (f.fdStoreRemove && f.fdName !== null) { this.fdStore.remove(f.fdName); this.ctx.dirty(this); }
    if (f.status !== null) r.statusText = f.status;
    if (f.errno !== null) r.statusErrno = f.errno;
    const sub = r.sub;
    const running = sub === 'start' || sub === 'start-post' || sub === 'running' || sub.startsWith('reload');
    if (f.mainPid !== null && f.mainPid !== r.mainPid && running) {
      const dir = this.cgroupDir;
      if (os.isAlive(f.mainPid) && (dir === null || os.cgroupOfPid(f.mainPid) === dir || message.uid === 0)) this.setMain(f.mainPid);
      else this.ctx.log.warn(`${this.name}: MAINPID=${f.mainPid} refused: not a live process of the unit`);
    }
    if (f.watchdogUsec !== null) { r.watchdogUsec = f.watchdogUsec; if (this.timers.armed('watchdog')) this.armWatchdog(); }
    if (f.watchdog === 'ping' && this.timers.armed('watchdog')) this.armWatchdog();
    if (f.extendTimeoutUsec !== null) this.extendTimeout(f.extendTimeoutUsec);
    const before = r.stateChange;
    if (f.watchdog === 'trigger') this.watchdogFired('WATCHDOG=trigger');
    else if (f.reloading && (sub === 'running' || sub === 'reload-signal')) {
      this.setState('reload-notify', 'RELOADING=1');
      this.armStateTimer(this.config.timeoutStartSec, () => this.reloadTimedOut());
    }
    if (f.ready) {
      if (r.sub === 'start' && (this.config.type === 'notify' || this.config.type === 'notify-reload')) this.enterStartPost();
      else if (r.sub === 'reload-notify' || r.sub === 'reload-signal') this.enterRunning('success');
    }
    if (f.stopping && r.sub === 'running') this.enterSignal('stop-sigterm', 'success', 'STOPPING=1', true, false);
    if (r.stateChange === before) this.changed();
  }
}
