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
import type { NotifyAccess } from './config';

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
export function parseNotify(data: string): NotifyFields {
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
export function notifyRefusal(access: NotifyAccess, pid: number, mainPid: number, controlPid: number): string | null {
  switch (access) {
    case 'none': return 'NotifyAccess=none';
    case 'main': return pid === mainPid && pid > 0 ? null : `NotifyAccess=main and pid ${pid} is not the main process (${mainPid || 'none'})`;
    case 'exec': return pid > 0 && (pid === mainPid || pid === controlPid) ? null : `NotifyAccess=exec and pid ${pid} is neither the main nor a control process`;
    case 'all': return null;
  }
}
