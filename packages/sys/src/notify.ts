// The sd_notify(3) socket (see notify.c): bind it, read its datagrams with the sender's kernel
// credentials and passed fds, and take fds back from another process (pidfd_getfd).
//
// Reading is driven by pollReadable(): the socket is non-blocking, a reader drains what is
// queued (recvNotify returns null when nothing is left) and re-arms the one-shot poll.
import { native } from './native';
import { sys } from './errors';
import type { NotifyMessage } from './types';

/**
 * Binds an AF_UNIX SOCK_DGRAM socket at `path` with SO_PASSCRED (a stale socket there is
 * replaced), chmod 0777 so services of any user can send; returns the fd (CLOEXEC, O_NONBLOCK).
 */
export function notifySocket(path: string): number {
  return sys(() => native().notifySocket(path));
}

/**
 * Receives one datagram from a notify socket without blocking: its text, the sender's pid/uid/gid
 * and the fds it passed (the caller owns them: keep or close each). null when none is queued.
 */
export function recvNotify(fd: number): NotifyMessage | null {
  return sys(() => native().recvNotify(fd));
}

/** pidfd_getfd(2): a copy (CLOEXEC) of the fd numbered `targetfd` in the process behind `pidfd`. */
export function pidfdGetfd(pidfd: number, targetfd: number): number {
  return sys(() => native().pidfdGetfd(pidfd, targetfd));
}

/**
 * Copies fds 3 … 3+count-1 of process `pid` into this process (pidfd_getfd), e.g. from a holder
 * process that keeps a socket's or a store's fds. All or nothing: on an error the copies made so
 * far are closed and the error is thrown.
 */
export function copyFdsFrom(pid: number, count: number): number[] {
  const pidfd = sys(() => native().pidfdOpen(pid));
  const out: number[] = [];
  try {
    for (let i = 0; i < count; i++) out.push(pidfdGetfd(pidfd, 3 + i));
    return out;
  } catch (error) {
    for (const fd of out) {
      try { native().closeFd(fd); } catch { /* already closed */ }
    }
    throw error;
  } finally {
    try { native().closeFd(pidfd); } catch { /* already closed */ }
  }
}
