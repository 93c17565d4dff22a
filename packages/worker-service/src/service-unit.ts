// One service unit at run time, composed of parts with one job each and wired here:
//   state    unit-state.ts (the runtime record, the one place the sub-state changes through the
//            table of states.ts, the status) and service-lifecycle.ts (the steps that move the
//            unit along that table, after systemd's service.c);
//   exec     service-exec.ts: running its commands with the execution context (./exec);
//   kill     kill.ts: KillMode= and the signal steps, the Kill request;
//   notify   notify.ts: sd_notify datagrams, NotifyAccess=, the fd store, STATUS=;
//   restart  restart-policy.ts: results, Restart=, RestartSec= and the restart job asked of the core.
// ServiceUnit itself answers the requests (Start, Stop, Reload, Kill, ResetFailed), routes what
// the table hands it (a reaped child, a datagram, a drained cgroup) to the part it concerns, and
// takes a unit over from a previous worker (recover).
import path from 'node:path';
import { SysmasterError, logDir, type CleanWhat__Output, type KillWhom, type UnitStatus } from '@sysmaster/proto';
import { directoriesToClean, removeDirectories } from './clean';
import type { ServiceConfig } from './config';
import { FdStore } from './fd-store';
import { UnitKill, type UnitProcesses } from './kill';
import { LogIndex } from './log-index';
import { NotifyReceiver } from './notify';
import type { ExitStatus, NotifyDatagram } from './os';
import { AutoRestart } from './restart-policy';
import { ServiceExec } from './service-exec';
import { ServiceLifecycle } from './service-lifecycle';
import { REACTIONS, SERVICE_ACTIVE_STATE, type ServiceState } from './states';
import { UnitTimers } from './timers';
import { UnitState, freshRuntime, type ControlPhase, type ServiceRuntime, type UnitContext, type UnitScope } from './unit-state';

export { freshRuntime } from './unit-state';
export type { ServiceRuntime, UnitContext } from './unit-state';

/** The phase whose control process runs in each sub-state that has one. */
const CONTROL_PHASE_OF: Partial<Record<ServiceState, ControlPhase>> = {
  condition: 'condition', 'start-pre': 'start-pre', start: 'start', 'start-post': 'start-post', reload: 'reload', stop: 'stop', 'stop-post': 'stop-post',
};

/** Whether a field of the runtime record differs (arrays and objects are replaced, never edited). */
function changedRecord(before: ServiceRuntime, after: ServiceRuntime): boolean {
  return (Object.keys(after) as Array<keyof ServiceRuntime>).some((key) => before[key] !== after[key]);
}

export class ServiceUnit implements UnitScope {
  readonly state: UnitState;
  readonly timers: UnitTimers;
  readonly fdStore: FdStore;
  readonly logIndex: LogIndex | null;
  private readonly kill: UnitKill;
  private readonly restart: AutoRestart;
  private readonly notifier: NotifyReceiver;
  private readonly lifecycle: ServiceLifecycle;
  private readonly exec: ServiceExec;

  constructor(
    readonly name: string,
    public config: ServiceConfig,
    /** The load errors; a unit with errors is "bad-setting" and refuses to start. */
    public loadErrors: string[],
    readonly ctx: UnitContext,
    runtime: ServiceRuntime = freshRuntime(),
  ) {
    this.timers = new UnitTimers(ctx.os);
    this.fdStore = new FdStore(ctx.os, ctx.log, name);
    const indexOs = ctx.os.logIndexOs?.();
    this.logIndex = indexOs ? new LogIndex(this.logPath, indexOs) : null;
    this.state = new UnitState(name, ctx, runtime, () => this.logIndex?.stop());
    const exec = this.exec = new ServiceExec(this, (phase, result, failure) => this.lifecycle.phaseDone(phase, result, failure));
    this.kill = new UnitKill(ctx.os, name, () => this.config, () => this.processes());
    this.restart = new AutoRestart(this, (result, message) => this.lifecycle.restartRefused(result, message));
    this.notifier = new NotifyReceiver(this);
    this.lifecycle = new ServiceLifecycle(this, { exec, kill: this.kill, restart: this.restart, notify: this.notifier });
  }

  get runtime(): ServiceRuntime { return this.state.runtime; }
  get cgroupPath(): string { return `/system.slice/${this.name}`; }
  get logPath(): string { return path.join(logDir(), `${this.name}.log`); }

  cgroupDir(): string | null {
    const root = this.ctx.os.cgroupRoot();
    return root === null ? null : path.join(root, this.cgroupPath);
  }

  processes(): UnitProcesses {
    return { mainPid: this.runtime.mainPid, controlPid: this.runtime.controlPid, cgroupDir: this.cgroupDir() };
  }


  /** The unit's status; `spontaneous` marks an event the worker caused on its own. */
  status(spontaneous = false): UnitStatus { return this.state.status(this, spontaneous); }

  /** The runtime as persisted, with the fd store's holder. */
  persisted(): ServiceRuntime { return { ...this.runtime, fdStore: this.fdStore.saved() }; }

  /**
   * Start. The Start of the restart job the worker asked for is the automatic restart (counted;
   * its steps answer that Start, so they are not spontaneous); any other Start begins afresh. On
   * a unit that is up or coming up (a pending automatic restart too) it only re-announces the state.
   */
  start(): void {
    this.state.cause = 'request';
    if (this.loadErrors.length > 0) {
      throw new SysmasterError('ERR_BAD_SETTING', `${this.name} has bad settings: ${this.loadErrors.join('; ')}`);
    }
    const sub = this.runtime.sub;
    switch (REACTIONS[sub].start) {
      case 'refuse':
        throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is stopping (${sub}); start it once it is inactive`);
      case 'announce':
        this.state.changed(); // Already there: the Start is accepted and the state re-announced.
        return;
      case 'restart-or-announce':
        if (this.restart.claim()) this.restartNow();
        else this.state.changed();
        return;
      case 'begin':
        if (this.restart.claim()) { this.restartNow(); return; }
        this.runtime.restarts = 0;
        this.lifecycle.begin();
    }
  }

  private restartNow(): void {
    this.ctx.log.info(`${this.name}: restarting automatically (restart ${this.runtime.restarts})`);
    this.lifecycle.begin();
  }

  /**
   * Stop; `restart`: the stop is the first half of a restart job (UnitRequest.restart), which
   * keeps the fd store and, when the worker asked for that job, the pending automatic restart.
   */
  stop(restart = false): void {
    this.state.cause = 'request';
    const sub = this.runtime.sub;
    this.runtime.stopRequested = true;
    this.runtime.restartJob = restart;
    if (!restart) this.restart.cancel();
    switch (REACTIONS[sub].stop) {
      case 'at-rest':
        this.lifecycle.releaseStoreAtRest();
        this.state.changed();
        return;
      case 'announce':
        this.state.changed();
        return;
      case 'cancel-restart':
        this.timers.clearAll();
        this.state.set('dead', restart ? 'the restart job stops the unit first' : 'stop requested during auto-restart');
        this.lifecycle.releaseStoreAtRest();
        return;
      case 'stop':
        this.lifecycle.enterStop();
        return;
      case 'abort-start':
        this.lifecycle.stopIdleWait();
        this.lifecycle.enterSignal('stop-sigterm', 'success', 'stop requested while starting');
    }
  }

  reload(): void {
    this.state.cause = 'request';
    const sub = this.runtime.sub;
    if (REACTIONS[sub].reload === 'refuse') {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is ${SERVICE_ACTIVE_STATE[sub]} (${sub}); only an active unit reloads`);
    }
    if (!this.lifecycle.reload()) {
      throw new SysmasterError('ERR_REFUSED', `${this.name} cannot reload: it has no ExecReload= and is not Type=notify-reload`);
    }
  }

  /** Kill (sctl kill): a signal to the main, the control or every process of the unit. */
  signal(signal: number, whom: KillWhom): void {
    this.kill.request(signal, whom);
  }

  /**
   * Clean (sctl clean): removes the directories and the fd store `what` selects, passing through
   * "cleaning"; only at rest (clean.ts). A failed removal leaves the unit failed, result resources.
   */
  clean(what: CleanWhat__Output): void {
    this.state.cause = 'request';
    const sub = this.runtime.sub;
    if (sub !== 'dead' && sub !== 'failed') {
      throw new SysmasterError('ERR_WRONG_STATE', `${this.name} is ${SERVICE_ACTIVE_STATE[sub]} (${sub}); only an inactive unit is cleaned`);
    }
    this.state.set('cleaning', 'clean requested');
    try {
      removeDirectories(this.ctx.os, this.name, directoriesToClean(this.config.exec, this.ctx.os, what));
      if (what.fdstore && this.fdStore.size > 0) { this.fdStore.release(); this.ctx.dirty(this.name); }
    } catch (error) {
      this.runtime.result = 'resources';
      this.state.set('failed', 'cleaning failed');
      throw error;
    }
    this.state.set(this.runtime.result === 'success' ? 'dead' : 'failed', 'cleaned');
  }

  resetFailed(): void {
    this.state.cause = 'request';
    this.runtime.restarts = 0;
    this.restart.cancel();
    if (this.runtime.sub === 'failed') {
      this.runtime.result = 'success';
      this.state.set('reset-failed', 'reset-failed requested');
    }
  }

  /** The worker is exiting: drop timers and watches (the processes and the fd holder stay). */
  detach(): void {
    this.timers.clearAll();
    this.lifecycle.detach();
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
   *
   * `handedOver`: this process re-executed (UnitWorker.Reexec) rather than replaced a crashed
   * worker. The main and control processes are then still our children, so they are tracked for
   * the reaper, which reports their real exit status (the pidfd watch only backs it up), and the
   * step in progress goes on where it was (resumeHandedOver). After a crash, by contrast, the
   * processes are not our children and how they end is unknown: the step ends as a failed one.
   */
  recover(handedOver = false): void {
    this.state.cause = 'self';
    this.fdStore.restore(this.runtime.fdStore);
    delete this.runtime.fdStore;
    const { ctx, config, logIndex } = this;
    const life = this.lifecycle;
    const r = this.runtime;
    const dir = this.cgroupDir();
    // Handed over, a recorded pid is our child, live or a zombie that exited during the exec (a
    // zombie is in no cgroup, so the cgroup check would lose its status): the reaper reports it.
    const alive = (pid: number): boolean => pid > 0 && ctx.os.isAlive(pid) && (handedOver || dir === null || ctx.os.cgroupOfPid(pid) === dir);
    const mainAlive = alive(r.mainPid);
    if (r.controlPid && !alive(r.controlPid)) r.controlPid = 0;
    if (!mainAlive) r.mainPid = 0;
    if (mainAlive) life.watchMain(r.mainPid);
    if (handedOver && mainAlive) ctx.track(r.mainPid, this.name);
    if (handedOver && r.controlPid) ctx.track(r.controlPid, this.name);
    if (dir !== null && r.sub !== 'dead' && r.sub !== 'failed') life.watchCgroup(dir);
    if (r.sub !== 'dead' && r.sub !== 'failed') logIndex?.follow();
    // The commands still to come in this run (the next ExecStartPre=, ExecReload=, ExecStop=, …) need the context.
    if (handedOver && r.sub !== 'dead' && r.sub !== 'failed') this.exec.resumeLaunch();
    if (handedOver && this.resumeHandedOver(mainAlive)) return;
    switch (r.sub) {
      case 'dead': case 'failed':
        return;
      case 'cleaning': // the removal is synchronous: only a crash inside it leaves this
        this.state.set(r.result === 'success' ? 'dead' : 'failed', 'the previous worker was interrupted while cleaning');
        return;
      case 'exited':
        life.armRuntimeMax();
        return;
      case 'auto-restart':
        this.restart.arm();
        return;
      case 'auto-restart-queued': // the previous worker's request may not have reached the core
        this.restart.request();
        return;
      case 'running': case 'reload': case 'reload-signal': case 'reload-notify':
        r.controlPid = 0;
        life.enterRunning('success');
        return;
      case 'stop':
        life.enterSignal('stop-sigterm', 'success', 'the previous worker was interrupted in ExecStop');
        return;
      case 'stop-post':
        life.enterSignal('final-sigterm', 'success', 'the previous worker was interrupted in ExecStopPost');
        return;
      case 'stop-watchdog': case 'stop-sigterm': case 'stop-sigkill':
      case 'final-watchdog': case 'final-sigterm': case 'final-sigkill':
        life.enterSignal(r.sub, 'success', 'resuming after a worker restart', false);
        return;
      default: // condition, start-pre, start, start-post: the step cannot be resumed.
        if (mainAlive && r.sub !== 'start-pre' && r.sub !== 'condition' && config.type !== 'notify' && config.type !== 'notify-reload') {
          r.controlPid = 0;
          life.enterRunning('success');
        } else {
          life.enterSignal('stop-sigterm', 'resources', `the previous worker was interrupted in ${r.sub}`);
        }
    }
  }

  /**
   * After a re-exec, the step whose process still runs goes on exactly where it was; false when
   * there is none, and recover goes on as after a crash. A control command (ExecCondition= …
   * ExecStopPost=, a forking ExecStart=) is taken up at its index in its phase (the runtime's
   * controlCommand, written at its spawn): its exit, delivered by the reaper, runs the next
   * command or the next step. A start whose main process runs goes on too: Type=notify waits for
   * READY=1 (the notify socket, kept as the same fd, lost nothing; after a crash a datagram may
   * have been lost), Type=oneshot waits for its exit, then runs the next ExecStart=. The step's
   * timeout is armed again in full from the re-exec (ServiceLifecycle.resumeStep).
   */
  private resumeHandedOver(mainAlive: boolean): boolean {
    const r = this.runtime;
    const type = this.config.type;
    const phase = CONTROL_PHASE_OF[r.sub];
    const control = r.controlPid > 0 && phase !== undefined && r.controlCommand?.phase === phase ? r.controlCommand : null;
    const mainStart = r.sub === 'start' && mainAlive && (type === 'notify' || type === 'notify-reload' || type === 'oneshot');
    if (control === null && !mainStart) return false;
    if (control !== null) this.exec.resumeControl(control);
    this.lifecycle.resumeStep();
    return true;
  }

  /** A child of this unit was reaped (routed here by the table). */
  processExited(pid: number, status: ExitStatus): void {
    this.state.cause = 'self';
    if (pid === this.runtime.mainPid) this.lifecycle.mainExited(status);
    else if (pid === this.runtime.controlPid) this.lifecycle.controlExited(status);
    else this.lifecycle.checkDrained();
  }

  /** Something changed in the cgroup, or a process we do not track left it. */
  checkDrained(): void {
    this.lifecycle.checkDrained();
  }

  /**
   * A datagram from a process of this unit's cgroup (routed by the table). The status is
   * published (and the state file written) only when the datagram changed the runtime record and
   * no step published it already: a WATCHDOG=1 ping or a repeated STATUS= costs neither a Watch
   * event nor an fsync. The fd store marks the state file dirty itself when it changes.
   */
  notify(message: NotifyDatagram): void {
    this.state.cause = 'self';
    const before = { ...this.runtime };
    const published = this.state.published;
    const fields = this.notifier.receive(message);
    if (fields !== null) this.lifecycle.notified(fields, message.uid);
    if (this.state.published === published && changedRecord(before, this.runtime)) this.state.changed();
  }
}
