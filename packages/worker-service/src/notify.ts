// sd_notify(3) messages: what a datagram says, and whether its sender may say it.
//
// A datagram is newline-separated KEY=VALUE assignments. parseNotify() keeps the ones the
// service manager acts on (READY, RELOADING with MONOTONIC_USEC, STOPPING, STATUS, ERRNO,
// MAINPID, WATCHDOG=1|trigger, WATCHDOG_USEC, EXTEND_TIMEOUT_USEC, FDSTORE, FDSTOREREMOVE,
// FDNAME, BARRIER) and ignores the rest, as systemd does. A datagram is routed to its unit by the
// sender's cgroup, which the kernel vouches for (service-units.ts), never by what it claims;
// notifyRefusal() then applies NotifyAccess= to the sender's pid: none refuses everything, main
// accepts only the main process, exec the main or a control process, all any process of the
// unit's cgroup. Debian's systemd-notify (252) run as root sends its READY datagram with the pid
// of its parent (the service's shell, typically the main process), which is why NotifyAccess=main
// works for `ExecStart=/bin/sh -c '…; systemd-notify --ready; …'`.
//
// NotifyReceiver is the notify part of a unit: it applies what a datagram says that needs no step
// of the life cycle (NotifyAccess=, the fd store, STATUS=, ERRNO=), reports to the core what the
// user should see (a refused sender or FDSTORE=1 as a warning, a new STATUS= as a notify event),
// and hands the rest (READY=1, RELOADING=1, STOPPING=1, MAINPID=, the watchdog, EXTEND_TIMEOUT_USEC=)
// to the life cycle.
import type { NotifyAccess } from './config';
import type { NotifyDatagram } from './os';
import type { UnitScope } from './unit-state';

export interface NotifyFields {
  ready: boolean;
  reloading: boolean;
  stopping: boolean;
  /** MONOTONIC_USEC= sent with RELOADING=1. */
  monotonicUsec: number | null;
  status: string | null;
  errno: number | null;
  mainPid: number | null;
  watchdog: 'ping' | 'trigger' | null;
  watchdogUsec: number | null;
  extendTimeoutUsec: number | null;
  fdStore: boolean;
  fdStoreRemove: boolean;
  fdName: string | null;
  barrier: boolean;
}

function count(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** The fields of one datagram; bad numbers are dropped (the rest of the message still counts). */
function parseNotify(data: string): NotifyFields {
  const f: NotifyFields = {
    ready: false, reloading: false, stopping: false, monotonicUsec: null, status: null, errno: null, mainPid: null,
    watchdog: null, watchdogUsec: null, extendTimeoutUsec: null, fdStore: false, fdStoreRemove: false, fdName: null, barrier: false,
  };
  for (const line of data.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case 'READY': f.ready = value === '1'; break;
      case 'RELOADING': f.reloading = value === '1'; break;
      case 'STOPPING': f.stopping = value === '1'; break;
      case 'MONOTONIC_USEC': f.monotonicUsec = count(value); break;
      case 'STATUS': f.status = value; break;
      case 'ERRNO': f.errno = count(value); break;
      case 'MAINPID': { const pid = count(value); f.mainPid = pid !== null && pid > 1 ? pid : null; break; }
      case 'WATCHDOG': f.watchdog = value === '1' ? 'ping' : value === 'trigger' ? 'trigger' : f.watchdog; break;
      case 'WATCHDOG_USEC': f.watchdogUsec = count(value); break;
      case 'EXTEND_TIMEOUT_USEC': f.extendTimeoutUsec = count(value); break;
      case 'FDSTORE': f.fdStore = value === '1'; break;
      case 'FDSTOREREMOVE': f.fdStoreRemove = value === '1'; break;
      case 'FDNAME': f.fdName = /^[\x21-\x39\x3b-\x7e]{1,255}$/.test(value) ? value : null; break;
      case 'BARRIER': f.barrier = value === '1'; break;
      default: break;
    }
  }
  return f;
}

/** Why NotifyAccess= refuses a datagram from `pid`, or null when it is accepted. */
function notifyRefusal(access: NotifyAccess, pid: number, mainPid: number, controlPid: number): string | null {
  switch (access) {
    case 'none': return 'NotifyAccess=none';
    case 'main': return pid === mainPid && pid > 0 ? null : `NotifyAccess=main and pid ${pid} is not the main process (${mainPid || 'none'})`;
    case 'exec': return pid > 0 && (pid === mainPid || pid === controlPid) ? null : `NotifyAccess=exec and pid ${pid} is neither the main nor a control process`;
    case 'all': return null;
  }
}

/** The notify part of one unit. */
export class NotifyReceiver {
  constructor(private readonly unit: UnitScope) {}

  /**
   * Takes one datagram from a process of the unit: null when NotifyAccess= refuses it, else its
   * fields for the life cycle. Every fd it carries is kept in the fd store or closed (BARRIER=1's
   * pipe among them: systemd-notify waits for it to close).
   */
  receive(message: NotifyDatagram): NotifyFields | null {
    const { ctx, config, fdStore, name } = this.unit;
    const r = this.unit.state.runtime;
    const f = parseNotify(message.data);
    const refusal = notifyRefusal(config.notifyAccess, message.pid, r.mainPid, r.controlPid);
    if (refusal !== null) {
      ctx.log.warn(`${name}: notify message from pid ${message.pid} ignored: ${refusal}`);
      ctx.report(name, 'warning', `A notify message from pid ${message.pid} was ignored: ${refusal}.`);
      for (const fd of message.fds) ctx.os.closeFd(fd);
      return null;
    }
    let unkept = message.fds;
    if (f.fdStore && unkept.length > 0) {
      const max = config.fileDescriptorStoreMax;
      unkept = max > 0 ? fdStore.add(unkept, f.fdName ?? 'stored', max) : unkept;
      if (unkept.length > 0) {
        const why = max > 0 ? `the store is full (FileDescriptorStoreMax=${max})` : 'FileDescriptorStoreMax=0';
        ctx.report(name, 'warning', `FDSTORE=1 refused ${unkept.length} file descriptor(s): ${why}.`);
      }
      ctx.dirty(name);
    }
    for (const fd of unkept) ctx.os.closeFd(fd);
    if (f.fdStoreRemove && f.fdName !== null) { fdStore.remove(f.fdName); ctx.dirty(name); }
    if (f.status !== null && f.status !== r.statusText) ctx.report(name, 'notify', `STATUS=${f.status}`, { STATUS: f.status });
    if (f.status !== null) r.statusText = f.status;
    if (f.errno !== null) r.statusErrno = f.errno;
    return f;
  }

  /** Whether MAINPID=`pid` may be believed: a live process of the unit's cgroup, or any from root. */
  acceptsMainPid(pid: number, senderUid: number): boolean {
    const { ctx, name } = this.unit;
    const dir = this.unit.cgroupDir();
    if (ctx.os.isAlive(pid) && (dir === null || ctx.os.cgroupOfPid(pid) === dir || senderUid === 0)) return true;
    ctx.log.warn(`${name}: MAINPID=${pid} refused: not a live process of the unit`);
    ctx.report(name, 'warning', `MAINPID=${pid} was refused: it is not a live process of the unit.`);
    return false;
  }
}
