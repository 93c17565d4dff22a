// The seam between the service state machine and the operating system (docs/coding-habits.md habit 6).
// service-unit.ts and its helpers do every spawn, kill, wait, cgroup, file, socket and clock
// operation through this interface; real-os.ts implements it with @sysmaster/sys and node:fs, and
// the unit tests with a scripted fake, so every scenario of the state machine runs in
// milliseconds without forking. It extends ExecOs, the part the exec module (./exec) needs.

import type { ExecContext, NotifyMessage, StdioSpec } from '@sysmaster/sys';
import type { ExecOs } from '@sysmaster/exec';
import type { LogIndexOs } from './log-index';
import type { SocketFds } from './socket-fds';

/** Where a standard stream of a spawned process goes. */
export type Stdio = StdioSpec;

/** What a process is started with (the @sysmaster/sys ExecContext, built by ./exec spawnRequest). */
export type SpawnRequest = ExecContext;

/** One sd_notify datagram: the sender's kernel credentials, its text and the fds it passed. */
export type NotifyDatagram = NotifyMessage;

/**
 * How a process ended. For a process that is not our child (re-adopted after a worker restart)
 * the kernel tells us only that it is gone: code and signal are both null.
 */
export interface ExitStatus {
  code: number | null;
  signal: string | null;
  core: boolean;
}

/** The notify socket as the units see it. */
export interface NotifyListener {
  /** Handles every datagram queued now (called before process exits are handled, like systemd). */
  drain(): void;
  /** Stops listening and closes the socket. */
  close(): void;
  /** Stops listening and gives the socket up without closing it (a re-exec keeps it); returns its fd. */
  release(): number;
}

export interface ServiceOs extends ExecOs {
  /** Starts a process; throws (a SysError) when anything fails before or at exec. */
  spawn(request: SpawnRequest): number;
  /** Sends a signal; false when the process does not exist (ESRCH). */
  kill(pid: number, signal: number): boolean;
  /** True when a process with this pid exists. */
  isAlive(pid: number): boolean;
  /** Reports the exit of every child (and adopted orphan) the worker reaps. */
  onChildExit(listener: (pid: number, status: ExitStatus) => void): () => void;
  /** Calls onExit once when a process that is not our child exits (pidfd); returns a cancel. */
  watchProcessExit(pid: number, onExit: () => void): () => void;
  /** Creates a cgroup directory (mkdir -p); false when it cannot. */
  createCgroup(dir: string): boolean;
  /** The pids in a cgroup (cgroup.procs); [] when it does not exist. */
  cgroupProcs(dir: string): number[];
  /** The absolute cgroup directory a process is in; null when it is gone or there are no cgroups. */
  cgroupOfPid(pid: number): string | null;
  /** Kills every process of the cgroup with SIGKILL via cgroup.kill; false when unsupported. */
  cgroupKill(dir: string): boolean;
  /** Calls onChange whenever cgroup.events changes (e.g. "populated 0"); returns a cancel. */
  watchCgroup(dir: string, onChange: () => void): () => void;
  /** Removes an empty cgroup directory; ignores failure. */
  removeCgroup(dir: string): void;
  /** The uid owning a file; null when it does not exist. */
  fileOwner(path: string): number | null;
  /** Removes a file (a stopped service's PIDFile=); a missing file is no error, other failures are ignored. */
  removeFile(path: string): void;
  /**
   * The oom_kill counter of the cgroup's memory.events (kills by the kernel's OOM killer inside
   * it); null when the file cannot be read, as without the memory controller.
   */
  oomKills(dir: string): number | null;
  /**
   * Binds the notify socket at `path` and calls onMessage for each datagram (the receiver owns
   * its fds). Throws when the socket cannot be made. With `inheritedFd` (the socket a previous
   * image of this process kept across a re-exec) nothing is bound: that fd is read, datagrams
   * queued on it meanwhile included.
   */
  listenNotify(path: string, onMessage: (message: NotifyDatagram) => void, inheritedFd?: number): NotifyListener;
  /** close(2) of an fd the worker holds. */
  closeFd(fd: number): void;
  /**
   * Starts a process that only holds `fds` (at 3, 4, …) so they outlive the worker; returns its
   * pid. The file-descriptor store of a unit lives there between worker incarnations.
   */
  spawnFdHolder(fds: number[]): number;
  /**
   * Copies fds 3 … 3+count-1 back from a holder (pidfd_getfd); throws when it is gone or the pid
   * is no longer a holder (a reused pid).
   */
  retrieveFds(holderPid: number, count: number): number[];
  /** Ends a holder, when the pid is still one (a reused pid is left alone). */
  endFdHolder(holderPid: number): void;
  /** The listening fds of the socket units that activate `service` (socket-fds.ts); optional: fakes may leave it out. */
  socketFds?(service: string, sockets?: readonly string[]): SocketFds | null;
  /**
   * The core Loaded a unit (a daemon-reload, or a unit's first load): what was read from the unit
   * search path, such as aliases, may have changed since. Optional.
   */
  unitFilesReloaded?(): void;
  /** Calls fn after ms milliseconds; returns a cancel. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Realtime clock in microseconds since the epoch. */
  now(): number;
  /** CLOCK_MONOTONIC in microseconds. */
  monotonicNow(): number;
  /** The seam of the log's time index (log-index.ts); a fake may leave it out. */
  logIndexOs?(): LogIndexOs;
  /** 32 lowercase hex digits (INVOCATION_ID). */
  randomId(): string;
}
