// The sd_notify(3) socket (see notify.c): bind it, read its datagrams with the sender's kernel
// credentials and passed fds, and copy an fd out of another process (pidfd_getfd; fd-holder.ts
// builds the holders on it).
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
