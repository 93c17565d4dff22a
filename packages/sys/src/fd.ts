// File descriptors, sockets and the files a socket unit listens on, which Node cannot make or must
// not touch (see fd.c, sock.c and listen-files.c).
import { native } from './native';
import { SysError, sys } from './errors';
import type { AcceptedConnection, ListenSpec, PeerCredentials, RefusedOption } from './types';

/** Set or clear FD_CLOEXEC. */
export function setCloexec(fd: number, on: boolean): void {
  sys(() => native().setCloexec(fd, on));
}

/** Set or clear O_NONBLOCK (on the open file description, so every holder sees it). */
export function setNonblock(fd: number, on: boolean): void {
  sys(() => native().setNonblock(fd, on));
}

/**
 * Mark every fd >= from (default 3) CLOEXEC, so nothing this process inherited leaks into
 * what it runs: close_range(from, ~0U, CLOSE_RANGE_CLOEXEC), else a walk of /proc/self/fd.
 * Call it at start, before keeping the fds you mean to pass on (clear their CLOEXEC after).
 */
export function markFdsCloexec(from = 3): void {
  sys(() => native().markFdsCloexec(from));
}

/** fcntl(F_DUPFD_CLOEXEC): a new fd (>= 3, CLOEXEC) of the same open file description. */
export function dupFd(fd: number): number {
  return sys(() => native().dupFd(fd));
}

/** close(2). */
export function closeFd(fd: number): void {
  sys(() => native().closeFd(fd));
}

/**
 * socket()+bind()+listen() per spec (no listen for dgram and raw). A unix path that holds a stale
 * socket is unlinked first and chmod'ed to spec.mode (default 0666) after bind; "@name" is
 * abstract; netlink binds spec.groups of family spec.protocol. CLOEXEC unless spec.inheritable.
 * Returns the fd (blocking; a poll makes it non-blocking). A socket option the kernel refuses is
 * given to `onRefused` and the socket kept without it (systemd's way); without `onRefused` it
 * closes the socket and throws. bindToDevice and v6Only always throw when refused.
 */
export function listen(spec: ListenSpec, onRefused?: (refused: RefusedOption) => void): number {
  const { fd, refused } = sys(() => native().listen(spec));
  const errors = refused.map((r): RefusedOption => ({
    option: r.option as keyof ListenSpec,
    error: new SysError(`setsockopt ${r.option} failed: ${r.code}`, { syscall: 'setsockopt', errno: r.errno, code: r.code }),
  }));
  const first = errors[0];
  if (first !== undefined && onRefused === undefined) {
    sys(() => native().closeFd(fd));
    throw first.error;
  }
  for (const r of errors) onRefused?.(r);
  return fd;
}

/**
 * A FIFO at `path` (made with `mode` unless one is there; anything else there is EEXIST), opened
 * read-write and non-blocking (CLOEXEC): it never waits for a writer nor reads end-of-file.
 */
export function mkfifo(path: string, mode: number): number {
  return sys(() => native().mkfifo(path, mode));
}

/** F_SETPIPE_SZ on a pipe or FIFO (PipeSize=); returns the size the kernel set (a page multiple). */
export function setPipeSize(fd: number, bytes: number): number {
  return sys(() => native().setPipeSize(fd, bytes));
}

/**
 * An existing character device or /proc or /sys file (ListenSpecial=), opened read-only or, when
 * `writable`, read-write; non-blocking, CLOEXEC, O_NOCTTY, O_NOFOLLOW. Anything else (a FIFO, a
 * directory) is EEXIST; a file the kernel cannot poll (a plain file on disk, /dev/null) is EPERM
 * from epoll_ctl.
 */
export function openSpecial(path: string, writable: boolean): number {
  return sys(() => native().openSpecial(path, writable));
}

/**
 * The POSIX message queue `name` ("/name") opened read-only and non-blocking, created with
 * `mode` (less the umask) and, when both are above 0, mq_maxmsg/mq_msgsize (ListenMessageQueue=,
 * MessageQueueMaxMessages=, MessageQueueMessageSize=). A queue that exists with another mode or
 * owner is EEXIST. The descriptor is an fd (CLOEXEC), pollable for a queued message.
 */
export function openMessageQueue(name: string, mode: number, limits: { maxMessages: number; messageSize: number }): number {
  return sys(() => native().openMessageQueue(name, mode, limits.maxMessages, limits.messageSize));
}

/** mq_unlink(name) (RemoveOnStop=); a queue that is gone is not an error. */
export function unlinkMessageQueue(name: string): void {
  sys(() => native().unlinkMessageQueue(name));
}

/** Brings the loopback interface up (PID 1 of a system does it at boot); true when it was down. */
export function loopbackUp(): boolean {
  return sys(() => native().loopbackUp());
}

/** SO_PEERCRED of a connected unix socket. */
export function peerCredentials(fd: number): PeerCredentials {
  return sys(() => native().peerCredentials(fd));
}

/**
 * Takes one connection off a listening stream or seqpacket socket (accept4, CLOEXEC): a blocking
 * fd with the local and peer addresses; null when none is queued (a non-blocking listening fd)
 * or it was reset before it was taken.
 */
export function acceptConnection(fd: number): AcceptedConnection | null {
  return sys(() => native().accept(fd));
}
