// One socket unit: it owns listening fds, polls them, and starts its service (Accept=no, below)
// or one instance of its service template per connection (Accept=yes, connections.ts).
//
// The algorithm, and why it is shaped so:
//
// - Start opens every Listen line natively (socket, options, bind, listen; or a FIFO), then starts
//   the unit's fd holder (handover.ts) with copies of the fds and writes the hand-over record,
//   and only then polls. A Listen line that cannot be opened fails the whole unit (result
//   resources) and closes what was opened, as systemd does; the warning names the address and
//   the errno.
// - Listening: every fd has a one-shot readability poll (uv_poll: it never accepts, never reads;
//   a Node net.Server would accept). The first poll that fires cancels the others and counts
//   against the trigger limit (TriggerLimitIntervalSec=/TriggerLimitBurst=, systemd's ratelimit:
//   a window that starts at its first event; more than Burst events in it → failed,
//   trigger-limit-hit). Otherwise the unit goes running and asks the core for a start job of the
//   service (WorkerHost.EnqueueJob, mode replace). The connection that woke us stays in the
//   kernel's backlog for the service to accept.
// - Running: no poll at all. The service owns the traffic, and a poll would put O_NONBLOCK back
//   on the shared open file description under a daemon that accepts in blocking mode.
// - The service's state comes from WorkerHost.WatchUnits, opened when the socket starts and kept
//   across core restarts by host.core. Active, activating, reloading or deactivating → running
//   (whoever started it); inactive or failed → listening again, and the polls are re-armed: data
//   that arrived while the service was going down fires at once and triggers a new start. A
//   service that failed on its start limit fails the socket with service-start-limit-hit.
// - EnqueueJob refused: ERR_START_LIMIT → failed (service-start-limit-hit); an unknown service or
//   any other "no" of the core → failed (resources), with a warning; a core that stays away past
//   host.core's retry window → back to listening, so the next event tries again.
// - Stop cancels the polls and the watch, closes the fds, ends the holder, removes the record
//   and, with RemoveOnStop=, the socket files and Symlinks=. The service keeps its own copies.
// - The Listen lines that are files or queues (ListenFIFO=, ListenSpecial=, ListenMessageQueue=)
//   are opened and removed by listen-files.ts. A socket option the kernel refuses is a warning and
//   the socket is made without it (systemd's way).
//
// The fds are the only state that cannot be rebuilt, so they are never only in this process: a
// new worker (after a SIGKILL) copies them back from the holder (restore) and carries on in the
// state the unit was in; the saved runtime records the config the fds were opened with.
import path from 'node:path';
import type { UnitStatus, UnitStatus__Output } from '@sysmaster/proto';
import { fromServiceError } from '@sysmaster/proto';
import { isErrno, type ListenSpec, type RefusedOption } from '@sysmaster/sys';
import type { UnitWatch } from '@sysmaster/worker-kit';
import type { SocketConfig } from './config';
import { Connections, type AcceptCounters } from './connections';
import { ControlRunner } from './control';
import { SocketCgroup } from './socket-cgroup';
import { PollLimiter } from './poll-limit';
import { isFileNode, isSocket, socketAddress, type ListenAddress } from './listen-address';
import { openFile, removeNode } from './listen-files';
import { refusedOptionMessage } from './socket-options';
import type { SocketContext } from './os';
import { ACTIVE_STATE, serviceRuns, socketMachine, type SocketEvent, type SocketResult, type SocketState } from './states';

const SIGKILL = 9;

/** What survives the worker: persisted per unit (DurableJsonRecords). */
export interface SocketRuntime extends AcceptCounters {
  sub: SocketState;
  result: SocketResult;
  /** The config the open fds were made from (null while dead or failed). */
  opened: SocketConfig | null;
  holderPid: number;
  /** The service's real name as the core reports it (Service= may name an alias); '' until seen. */
  serviceId: string;
  triggers: number;
  activeEnter: number;
  activeExit: number;
  inactiveEnter: number;
  inactiveExit: number;
  stateChange: number;
}

function freshRuntime(): SocketRuntime {
  return {
    sub: 'dead', result: 'success', opened: null, holderPid: 0, serviceId: '', triggers: 0, activeEnter: 0, activeExit: 0,
    inactiveEnter: 0, inactiveExit: 0, stateChange: 0, accepted: 0, refused: 0, connections: [],
  };
}

/** The spec @sysmaster/sys's listen() takes for one Listen line. */
export function listenSpec(l: ListenAddress, config: SocketConfig): ListenSpec {
  const spec: ListenSpec = { ...socketAddress(l), backlog: config.backlog, mode: config.socketMode, ...config.options };
  if (spec.family === 'inet6') {
    if (l.anyPort) spec.v6Only = config.bindIPv6Only === 'ipv6-only';
    else if (config.bindIPv6Only !== 'default') spec.v6Only = config.bindIPv6Only === 'ipv6-only';
  }
  return spec;
}

export class SocketUnit {
  config: SocketConfig | null = null;
  runtime: SocketRuntime = freshRuntime();
  private fds: number[] = [];
  private cancelPolls: Array<() => void> = [];
  private watch: UnitWatch | null = null;
  private window = { begin: 0, count: 0 };
  private readonly machine;
  private readonly conns: Connections;
  private readonly control: ControlRunner;
  private readonly cgroup: SocketCgroup;
  private readonly limiter: PollLimiter;
  private cancelKill: () => void = () => undefined;

  constructor(readonly name: string, private readonly ctx: SocketContext) {
    this.machine = socketMachine(ctx.log);
    this.cgroup = new SocketCgroup(name, ctx);
    this.control = new ControlRunner(name, ctx, this.cgroup);
    this.limiter = new PollLimiter(name, ctx.os, ctx.log);
    this.conns = new Connections(name, ctx, this.limiter, () => this.runtime, () => this.countTrigger(), () => {
      ctx.dirty(name);
      this.emit();
    });
  }

  get fdCount(): number { return this.fds.length; }

  start(): void {
    const config = this.config;
    if (config === null) throw new Error(`${this.name} has no configuration`);
    if (this.runtime.sub !== 'dead' && this.runtime.sub !== 'failed') { this.emit(); return; }
    this.runtime.result = 'success';
    this.window = { begin: 0, count: 0 }; // a new start gets a fresh trigger limit
    const commands = [config.execStartPre, config.execStartPost, config.execStopPre, config.execStopPost];
    if (commands.some((list) => list.length > 0)) {
      for (const notice of this.cgroup.prepare(config.exec)) this.ctx.log.warn(`${this.name}: ${notice}`, { unit: this.name });
    }
    if (config.execStartPre.length === 0) { this.openAndListen(config); return; }
    this.move('start-pre', 'running ExecStartPre=');
    // systemd: a failed ExecStartPre= ends the start at once (no fds were opened, no ExecStopPost=).
    this.control.run('start-pre', config.execStartPre, config, (result) => {
      if (result === 'success') this.openAndListen(config);
      else this.finishStop(result);
    });
  }

  /** Opens the fds, runs ExecStartPost= if there is one, then listens. */
  private openAndListen(config: SocketConfig): void {
    // start-chown: systemd chowns in a child; the worker does it in open(), in this state.
    if (config.socketUser !== null || config.socketGroup !== null) this.move('start-chown', 'applying SocketUser=/SocketGroup=');
    const opened = this.open(config);
    if (opened === null) return;
    this.fds = opened;
    this.runtime.opened = config;
    this.startHolder();
    if (config.execStartPost.length === 0) { this.enterListening(); return; }
    this.move('start-post', 'running ExecStartPost=');
    this.control.run('start-post', config.execStartPost, config, (result) => {
      if (result === 'success') this.enterListening();
      else this.beginStop(result);
    });
  }

  private enterListening(): void {
    this.move('start', 'start requested');
    this.listen();
  }

  /** Accept=no: poll, and follow the service; Accept=yes: accept on every fd. */
  private listen(): void {
    const opened = this.runtime.opened;
    if (opened?.accept === true) {
      this.conns.listen(this.fds, opened);
      return;
    }
    if (this.runtime.sub === 'listening') this.arm();
    this.follow();
  }

  stop(): void {
    const sub = this.runtime.sub;
    if (sub === 'dead' || sub === 'failed' || ACTIVE_STATE[sub] === 'deactivating') { this.emit(); return; }
    this.control.abort(); // an ExecStartPre=/ExecStartPost= still running
    if (sub === 'start-pre' || sub === 'start-chown') { this.finishStop('success'); return; }
    this.beginStop('success');
  }

  /** ExecStopPre= with the fds still open, then stopPost(). */
  private beginStop(result: SocketResult): void {
    this.keepFirstFailure(result);
    const config = this.config ?? this.runtime.opened;
    this.disarm();
    if (config === null || config.execStopPre.length === 0 || this.runtime.opened === null) { this.stopPost('success'); return; }
    this.move('stop-pre', 'running ExecStopPre=');
    this.control.run('stop-pre', config.execStopPre, config, (r) => {
      this.keepFirstFailure(r);
      this.killLeft('stop-pre-sigterm', 'stop-pre-sigkill', () => this.stopPost('success'));
    });
  }

  /** Closes the fds, then ExecStopPost=, then dead (or failed with the first failure). */
  private stopPost(result: SocketResult): void {
    this.keepFirstFailure(result);
    const config = this.config ?? this.runtime.opened;
    this.close();
    if (config === null || config.execStopPost.length === 0) { this.finishStop('success'); return; }
    this.move('stop-post', 'running ExecStopPost=');
    this.control.run('stop-post', config.execStopPost, config, (r) => this.finishStop(r));
  }

  /** What is left in the cgroup is killed (final-sigterm, final-sigkill), then dead or failed. */
  private finishStop(result: SocketResult): void {
    this.keepFirstFailure(result);
    this.killLeft('final-sigterm', 'final-sigkill', () => {
      this.cgroup.remove();
      if (this.runtime.result === 'success') this.move('stop', 'stopped');
      else this.move('fail', `stopped with result ${this.runtime.result}`);
    });
  }

  /** KillSignal= to what is left in the cgroup (in `term`), SIGKILL after TimeoutSec= (in `kill`), then `next`. */
  private killLeft(term: 'stop-pre-sigterm' | 'final-sigterm', kill: 'stop-pre-sigkill' | 'final-sigkill', next: () => void): void {
    const config = this.config ?? this.runtime.opened;
    if (config === null || this.cgroup.procs().length === 0) { next(); return; }
    const timeoutMs = Math.ceil(config.timeoutUsec / 1000);
    this.move(term, `sending signal ${config.killSignal} to the processes left in the cgroup`);
    this.cancelKill = this.cgroup.kill(config.killSignal, timeoutMs, (emptied) => {
      if (emptied) { next(); return; }
      this.keepFirstFailure('timeout');
      this.move(kill, 'sending SIGKILL to the processes left in the cgroup');
      this.cancelKill = this.cgroup.kill(SIGKILL, timeoutMs, () => next());
    });
  }

  private keepFirstFailure(result: SocketResult): void {
    if (result !== 'success' && this.runtime.result === 'success') this.runtime.result = result;
  }

  resetFailed(): void {
    if (this.runtime.sub !== 'failed') return;
    this.runtime.result = 'success';
    this.move('reset-failed', 'reset-failed requested');
  }

  /** Takes the fds back from the holder a previous worker left (or, when they are lost, opens them again). */
  restore(saved: SocketRuntime): void {
    this.runtime = { ...freshRuntime(), ...saved };
    this.settleInterrupted();
    const settled = this.runtime;
    const opened = settled.opened;
    if ((settled.sub !== 'listening' && settled.sub !== 'running') || opened === null) {
      if (settled.sub === 'listening' || settled.sub === 'running') this.runtime.sub = 'dead';
      return;
    }
    try {
      this.fds = this.ctx.os.retrieveFds(this.name, settled.holderPid, opened.listens.length);
      this.ctx.log.info(`${this.name}: took back ${this.fds.length} listening fd(s) from holder ${settled.holderPid}`, { unit: this.name });
    } catch (error) {
      this.ctx.log.warn(`${this.name}: the listening fds held by pid ${settled.holderPid} are lost (${(error as Error).message}); opening them again`, { unit: this.name });
      const again = this.openQuietly(opened);
      if (again === null) { this.runtime.sub = 'failed'; this.runtime.result = 'resources'; this.runtime.opened = null; return; }
      this.fds = again;
      this.startHolder();
    }
    this.config ??= opened;
    this.listen();
    this.conns.resume();
  }

  /**
   * A worker replaced while an Exec*= command ran cannot follow that command (it was the old
   * worker's child): ExecStartPre= counts as failed, ExecStartPost= as done (the fds are open),
   * ExecStopPre= and ExecStopPost= as done, each with a warning.
   */
  private settleInterrupted(): void {
    const r = this.runtime;
    if (ACTIVE_STATE[r.sub] !== 'activating' && ACTIVE_STATE[r.sub] !== 'deactivating') return;
    this.ctx.log.warn(`${this.name}: the worker was replaced in ${r.sub}; its outcome is unknown`, { unit: this.name });
    if (r.sub === 'start-pre' || r.sub === 'start-chown') { r.sub = 'failed'; r.result = 'resources'; return; }
    if (r.sub === 'start-post') { r.sub = 'listening'; return; }
    if (r.opened !== null) {
      this.ctx.os.endHolder(this.name, r.holderPid);
      this.ctx.os.writeHandover(this.name, null);
      r.opened = null;
      r.holderPid = 0;
    }
    r.sub = r.result === 'success' ? 'dead' : 'failed';
  }

  /** Forgets the fds without closing the holder (the worker exits; the next one takes them back). */
  detach(): void {
    for (const cancel of this.cancelPolls) cancel();
    this.cancelPolls = [];
    this.conns.detach();
    this.cancelKill();
    this.watch?.close();
    this.watch = null;
  }

  status(): UnitStatus {
    const r = this.runtime;
    const config = r.opened ?? this.config;
    const counts: Record<string, string> = config?.accept === true
      ? { NAccepted: String(r.accepted), NConnections: String(r.connections.length), NRefused: String(r.refused) }
      : {};
    return {
      name: this.name, active_state: ACTIVE_STATE[r.sub], sub_state: r.sub, result: r.result,
      main_pid: 0, control_pid: this.control.controlPid, exit_code: '', exit_status: 0,
      inactive_exit_usec: r.inactiveExit, active_enter_usec: r.activeEnter, active_exit_usec: r.activeExit,
      inactive_enter_usec: r.inactiveEnter, state_change_usec: r.stateChange,
      cgroup: '', status_text: '', restarts: 0, log_path: '', spontaneous: false, runtime_properties: counts,
    };
  }

  private open(config: SocketConfig): number[] | null {
    const fds: number[] = [];
    for (const l of config.listens) {
      try {
        fds.push(this.openOne(l, config));
      } catch (error) {
        for (const fd of fds) this.ctx.os.closeFd(fd);
        const message = `${this.name}: cannot listen on ${l.display}: ${(error as Error).message}`;
        this.ctx.log.error(message, { unit: this.name });
        void this.ctx.host.core.reportEvent(this.name, 'warning', message);
        this.runtime.result = 'resources';
        this.move('fail', message);
        return null;
      }
    }
    this.links(config);
    return fds;
  }

  private openQuietly(config: SocketConfig): number[] | null {
    const fds: number[] = [];
    try {
      for (const l of config.listens) fds.push(this.openOne(l, config));
      return fds;
    } catch (error) {
      for (const fd of fds) this.ctx.os.closeFd(fd);
      this.ctx.log.error(`${this.name}: cannot listen again: ${(error as Error).message}`, { unit: this.name });
      return null;
    }
  }

  private openOne(l: ListenAddress, config: SocketConfig): number {
    const os = this.ctx.os;
    const onDisk = isFileNode(l);
    if (onDisk) os.mkdirs(path.dirname(l.address), config.directoryMode);
    const warn = (message: string): void => this.openWarning(l, message);
    const fd = isSocket(l) ? this.listenOne(l, config, warn) : openFile(os, l, config, warn);
    if (onDisk && (config.socketUser !== null || config.socketGroup !== null)) {
      try {
        os.chown(l.address, config.socketUser, config.socketGroup);
      } catch (error) {
        os.closeFd(fd);
        throw error;
      }
    }
    return fd;
  }

  private listenOne(l: ListenAddress, config: SocketConfig, warn: (message: string) => void): number {
    const onRefused = (refused: RefusedOption): void => warn(refusedOptionMessage(refused));
    try {
      return this.ctx.os.listen(listenSpec(l, config), onRefused);
    } catch (error) {
      // A bare port where the kernel has no IPv6: systemd falls back to 0.0.0.0.
      if (!l.anyPort || !isErrno(error, 'EAFNOSUPPORT')) throw error;
      return this.ctx.os.listen({ ...listenSpec(l, config), family: 'inet', address: '0.0.0.0' }, onRefused);
    }
  }

  /** A Listen line opened without something it asked for (an option the kernel refused). */
  private openWarning(l: ListenAddress, message: string): void {
    const text = `${this.name}: ${l.display}: ${message}`;
    this.ctx.log.warn(text, { unit: this.name });
    void this.ctx.host.core.reportEvent(this.name, 'warning', text);
  }

  private links(config: SocketConfig): void {
    const target = config.listens.find(isFileNode)?.address;
    if (target === undefined) return;
    for (const link of config.symlinks) {
      try {
        this.ctx.os.symlink(target, link);
      } catch (error) {
        this.ctx.log.warn(`${this.name}: cannot create symlink ${link}: ${(error as Error).message}`, { unit: this.name });
      }
    }
  }

  private startHolder(): void {
    const opened = this.runtime.opened;
    if (opened === null) return;
    try {
      this.runtime.holderPid = this.ctx.os.spawnHolder(this.name, this.fds);
    } catch (error) {
      this.runtime.holderPid = 0;
      this.ctx.log.warn(`${this.name}: no fd holder (the fds will not survive a worker crash, nor reach the service): ${(error as Error).message}`, { unit: this.name });
    }
    this.writeRecord();
  }

  /** The hand-over record, naming the service by its real name once the core told it. */
  private writeRecord(): void {
    const opened = this.runtime.opened;
    if (opened === null) return;
    this.ctx.os.writeHandover(this.name, {
      unit: this.name, service: this.runtime.serviceId || opened.service, holderPid: this.runtime.holderPid,
      names: this.fds.map(() => opened.fdName),
    });
    this.ctx.dirty(this.name);
  }

  /** Polls every fd; the first that becomes readable triggers. */
  private arm(): void {
    if (this.cancelPolls.length > 0) return;
    const limit = this.runtime.opened?.pollLimit ?? { intervalUsec: 0, burst: 0 };
    this.cancelPolls = this.fds.map((fd) => this.limiter.poll(fd, limit, () => this.readable()));
  }

  private disarm(): void {
    for (const cancel of this.cancelPolls) cancel();
    this.cancelPolls = [];
  }

  private readable(): void {
    this.disarm();
    if (this.runtime.sub !== 'listening') return;
    const config = this.runtime.opened;
    if (config === null || !this.countTrigger()) return;
    this.move('trigger', `incoming traffic, starting ${config.service}`);
    this.ctx.host.core.enqueueJob(config.service, 'start', 'replace').catch((error: unknown) => this.enqueueFailed(config.service, error));
  }

  /** Counts one activation; false (and the unit failed) when it is beyond the trigger limit. */
  private countTrigger(): boolean {
    const config = this.runtime.opened;
    if (config === null) return false;
    if (this.limitHit(config)) {
      this.fail('trigger-limit-hit', `${this.name}: trigger limit hit (more than ${config.triggerLimitBurst} activations in ${config.triggerLimitIntervalUsec / 1e6}s); refusing further activation`);
      return false;
    }
    this.runtime.triggers++;
    return true;
  }

  private limitHit(config: SocketConfig): boolean {
    if (config.triggerLimitIntervalUsec <= 0 || config.triggerLimitBurst <= 0) return false;
    const now = this.ctx.os.now();
    if (this.window.count === 0 || now - this.window.begin > config.triggerLimitIntervalUsec) this.window = { begin: now, count: 0 };
    this.window.count++;
    return this.window.count > config.triggerLimitBurst;
  }

  private enqueueFailed(service: string, error: unknown): void {
    if (this.runtime.sub !== 'running') return;
    const failure = fromServiceError(error);
    if (failure.code === 'ERR_UNAVAILABLE' || failure.code === 'ERR_TIMEOUT') {
      this.ctx.log.warn(`${this.name}: the core did not take the start of ${service} (${failure.message}); listening again`, { unit: this.name });
      this.move('service-stopped', 'no core to start the service');
      this.arm();
      return;
    }
    const result: SocketResult = failure.code === 'ERR_START_LIMIT' ? 'service-start-limit-hit' : 'resources';
    this.fail(result, `${this.name}: cannot start ${service}: ${failure.message}`);
  }

  /** Follows the service's state through WorkerHost.WatchUnits. */
  private follow(): void {
    const service = this.runtime.opened?.service;
    if (service === undefined || this.watch !== null) return;
    this.watch = this.ctx.host.core.watchUnits([service], (status) => this.serviceChanged(status));
  }

  private serviceChanged(status: UnitStatus__Output): void {
    const sub = this.runtime.sub;
    if (sub !== 'listening' && sub !== 'running') return;
    // The watch names one unit; the core reports it by its real name, which differs from
    // Service= when that is an alias (syslog.service → rsyslog.service): hand the fds over to it.
    if (status.name !== '' && status.name !== (this.runtime.serviceId || this.runtime.opened?.service)) {
      this.runtime.serviceId = status.name;
      this.writeRecord();
    }
    if (serviceRuns(status.active_state)) {
      if (sub === 'listening') { this.disarm(); this.move('service-running', `${status.name} is ${status.active_state}`); }
      return;
    }
    if (status.active_state === 'failed' && status.result === 'start-limit-hit') {
      this.fail('service-start-limit-hit', `${this.name}: ${status.name} hit its start limit`);
      return;
    }
    if (sub === 'running') {
      this.move('service-stopped', `${status.name} is ${status.active_state}`);
      // FlushPending=yes: what the service left unread is dropped, so it does not trigger again.
      if (this.runtime.opened?.flushPending === true) this.flush();
    }
    this.arm();
  }

  private flush(): void {
    const listens = this.runtime.opened?.listens ?? [];
    this.fds.forEach((fd, i) => {
      const kind = listens[i]?.kind;
      const dropped = this.ctx.os.flushPending(fd, kind === 'stream' || kind === 'seqpacket' ? 'connections' : 'data');
      if (dropped > 0) this.ctx.log.info(`${this.name}: FlushPending=yes: dropped ${dropped} pending ${kind === 'stream' || kind === 'seqpacket' ? 'connection(s)' : 'read(s)'} on ${listens[i]?.display ?? `fd ${fd}`}`, { unit: this.name });
    });
  }

  /** A failure while listening or running: the stop commands run, and the unit ends failed with `result`. */
  private fail(result: SocketResult, message: string): void {
    this.ctx.log.error(message, { unit: this.name });
    void this.ctx.host.core.reportEvent(this.name, 'warning', message);
    this.beginStop(result);
  }

  /** Closes everything the unit holds. */
  private close(): void {
    this.disarm();
    this.conns.close();
    this.watch?.close();
    this.watch = null;
    const os = this.ctx.os;
    for (const fd of this.fds) os.closeFd(fd);
    this.fds = [];
    os.endHolder(this.name, this.runtime.holderPid);
    this.runtime.holderPid = 0;
    os.writeHandover(this.name, null);
    const opened = this.runtime.opened;
    if (opened?.removeOnStop) {
      for (const l of opened.listens) removeNode(os, l);
      for (const link of opened.symlinks) os.unlink(link);
    }
    this.runtime.opened = null;
    this.runtime.serviceId = '';
  }

  private move(event: SocketEvent, reason: string): void {
    const from = this.runtime.sub;
    const to = this.machine.transition(from, event, reason, this.name);
    const now = this.ctx.os.now();
    const wasActive = ACTIVE_STATE[from] === 'active';
    const isActive = ACTIVE_STATE[to] === 'active';
    if (!wasActive && isActive) { this.runtime.inactiveExit = now; this.runtime.activeEnter = now; }
    if (wasActive && !isActive) { this.runtime.activeExit = now; this.runtime.inactiveEnter = now; }
    this.runtime.sub = to;
    this.runtime.stateChange = now;
    this.ctx.dirty(this.name);
    this.ctx.host.emit({ ...this.status(), spontaneous: event === 'trigger' || event.startsWith('service-') || (event === 'fail' && from !== 'dead' && from !== 'failed') });
  }

  private emit(): void {
    this.ctx.host.emit(this.status());
  }
}
