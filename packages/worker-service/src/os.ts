// The seam between the service state machine and the operating system (STYLE.md habit 6).
// service-unit.ts does every spawn, kill, wait, cgroup, file and clock operation through this
// interface; real-os.ts implements it with @sysmaster/sys and node:fs, and the unit tests with a
// scripted fake, so every scenario of the state machine runs in milliseconds without forking.

import type { ExecContext, StdioSpec } from '@sysmaster/sys';

/** Where a standard stream of a spawned process goes. */
export type Stdio = StdioSpec;

/** What a process is started with (the subset of @sysmaster/sys ExecContext the worker uses). */
export type SpawnRequest = Pick<ExecContext, 'path' | 'argv' | 'env' | 'cwd' | 'uid' | 'gid' | 'groups' | 'setsid' | 'cgroup' | 'stdin' | 'stdout' | 'stderr'>;

/**
 * How a process ended. For a process that is not our child (re-adopted after a worker restart)
 * the kernel tells us only that it is gone: code and signal are both null.
 */
export interface ExitStatus {
  code: number | null;
  signal: string | null;
  core: boolean;
}

export interface ServiceOs {
  /** Starts a process; throws (a SysError) when anything fails before exec. */
  spawn(request: SpawnRequest): number;
  /** Sends a signal; false when the process does not exist (ESRCH). */
  kill(pid: number, signal: number): boolean;
  /** True when a process with this pid exists. */
  isAlive(pid: number): boolean;
  /** Reports the exit of every child (and adopted orphan) the worker reaps. */
  onChildExit(listener: (pid: number, status: ExitStatus) => void): () => void;
  /** Calls onExit once when a process that is not our child exits (pidfd); returns a cancel. */
  watchProcessExit(pid: number, onExit: () => void): () => void;
  /** The cgroup v2 hierarchy root (absolute), or null when there is none. */
  cgroupRoot(): string | null;
  /** Creates a cgroup directory (mkdir -p); false when it cannot. */
  createCgroup(dir: string): boolean;
  /** The pids in a cgroup (cgroup.procs); [] when it does not exist. */
  cgroupProcs(dir: string): number[];
  /** Kills every process of the cgroup with SIGKILL via cgroup.kill; false when unsupported. */
  cgroupKill(dir: string): boolean;
  /** Calls onChange whenever cgroup.events changes (e.g. "populated 0"); returns a cancel. */
  watchCgroup(dir: string, onChange: () => void): () => void;
  /** Removes an empty cgroup directory; ignores failure. */
  removeCgroup(dir: string): void;
  /** Reads a text file; throws with code ENOENT when it does not exist. */
  readFile(path: string): string;
  /** True when path exists and is a directory. */
  isDirectory(path: string): boolean;
  /** Calls fn after ms milliseconds; returns a cancel. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Realtime clock in microseconds since the epoch. */
  now(): number;
  /** 32 lowercase hex digits (INVOCATION_ID). */
  randomId(): string;
}
