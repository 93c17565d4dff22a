// File descriptors and sockets Node cannot make or must not touch (see fd.c and sock.c).
import { native } from './native';
import { sys } from './errors';
import type { AcceptedConnection, ListenSpec, PeerCredentials } from './types';

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

/** close(2). */
export function closeFd(fd: number): void {
  sys(() => native().closeFd(fd));
}

/**
 * socket()+bind()+listen() per spec (no listen for dgram). A unix path that holds a stale socket
 * is unlinked first and chmod'ed to spec.mode (default 0666) after bind; "@name" is abstract.
 * CLOEXEC unless spec.inheritable. Returns the fd (blocking; a poll makes it non-blocking).
 */
export function listen(spec: ListenSpec): number {
  return sys(() => native().listen(spec));
}

/**
 * A FIFO at `path` (made with `mode` unless one is there; anything else there is EEXIST), opened
 * read-write and non-blocking (CLOEXEC): it never waits for a writer nor reads end-of-file.
 */
export function mkfifo(path: string, mode: number): number {
  return sys(() => native().mkfifo(path, mode));
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
