// Everything the socket worker does to the system, behind one interface so the unit logic is
// tested with a fake (test/fake-os.ts) and run with real-os.ts.
import type { ExecOs } from '@sysmaster/exec';
import type { AcceptedConnection, ExecContext, ExitInfo, ListenSpec, PeerCredentials, RefusedOption } from '@sysmaster/sys';
import type { Logger, WorkerHost } from '@sysmaster/worker-kit';

/** The shared record a socket unit leaves for its service's worker (see handover.ts). */
export interface HandoverRecord {
  unit: string;
  service: string;
  holderPid: number;
  names: string[];
}

export interface SocketOs {
  /**
   * socket()+options+bind()+listen(); throws a SysError with `errnoName` and `syscall`. An option
   * the kernel refuses goes to `onRefused` and the socket is made without it (systemd's way).
   */
  listen(spec: ListenSpec, onRefused: (refused: RefusedOption) => void): number;
  /** A FIFO opened read-write, non-blocking. */
  mkfifo(path: string, mode: number): number;
  /** F_SETPIPE_SZ on a FIFO (PipeSize=); throws a SysError. */
  setPipeSize(fd: number, bytes: number): void;
  /** An existing character device or /proc, /sys file, non-blocking; read-write when `writable` (ListenSpecial=). */
  openSpecial(path: string, writable: boolean): number;
  /** A POSIX message queue, read-only and non-blocking, created with `mode` and the limits (ListenMessageQueue=). */
  openMessageQueue(name: string, mode: number, limits: { maxMessages: number; messageSize: number }): number;
  /** mq_unlink, ignoring a queue that is gone (RemoveOnStop=). */
  unlinkMessageQueue(name: string): void;
  closeFd(fd: number): void;
  /** accept4 on a listening fd: a blocking CLOEXEC connection, null when none is queued. */
  acceptConnection(fd: number): AcceptedConnection | null;
  /**
   * Drops what is pending on a listening fd (FlushPending=): accepts and closes every queued
   * connection, or reads and discards every queued datagram or FIFO byte; returns how many.
   */
  flushPending(fd: number, what: 'connections' | 'data'): number;
  /** SO_PEERCRED of a connected unix socket. */
  peerCredentials(fd: number): PeerCredentials;
  /** One-shot readability watch (never accepts); returns cancel. */
  pollReadable(fd: number, onReadable: () => void): () => void;
  /** mkdir -p with `mode` for the folders it creates. */
  mkdirs(dir: string, mode: number): void;
  /** chown a path to a user and/or group given by name or number. */
  chown(path: string, user: string | null, group: string | null): void;
  /** unlink, ignoring a missing file. */
  unlink(path: string): void;
  /** A symlink at `link` to `target`, replacing a symlink there. */
  symlink(target: string, link: string): void;
  /** Starts the fd holder of `unit` (fds at 3, 4, …); returns its pid. */
  spawnHolder(unit: string, fds: number[]): number;
  /** Copies the fds back from the holder of `unit` (pidfd_getfd); throws when pid is not that holder. */
  retrieveFds(unit: string, holderPid: number, count: number): number[];
  /** Ends the holder of `unit` (after checking that pid is still it). */
  endHolder(unit: string, holderPid: number): void;
  /** Writes (or with null, removes) the hand-over record of `unit`. */
  writeHandover(unit: string, record: HandoverRecord | null): void;
  /** What @sysmaster/exec needs to prepare a command of the socket (users, environment, directories). */
  readonly exec: ExecOs;
  /** Spawns an Exec*= command (a child of this worker); returns its pid. */
  spawnControl(request: ExecContext): number;
  /** Calls `onExit` once when the child `pid` has exited (and is reaped); returns cancel. */
  watchExit(pid: number, onExit: (exit: ExitInfo) => void): () => void;
  /** kill(2), ignoring a process that is gone. */
  kill(pid: number, signal: number): void;
  /** rmdir of a cgroup directory, ignoring one that is busy or gone. */
  removeCgroup(dir: string): void;
  /** Realtime microseconds. */
  now(): number;
  setTimer(ms: number, fn: () => void): () => void;
}

/** What a socket unit (and its connections) work with: the OS, the core, the log, persistence. */
export interface SocketContext {
  os: SocketOs;
  host: WorkerHost;
  log: Logger;
  /** The runtime changed: persist it. */
  dirty(name: string): void;
}
