// The seam between init and the operating system. Every OS effect init performs goes through one
// of these interfaces, so the supervisor and the shutdown sequence run against fakes in unit
// tests and against @sysmaster/sys (the N-API addon) and Node in production.
//
// `InitSys` mirrors the subset of @sysmaster/sys that init uses, with the same signatures; the
// real implementation (`realSys`) loads the addon lazily, so that importing this package (for
// example from a unit test) never requires the native build.
import type * as SysModule from '@sysmaster/sys';

/** How a process ended, as the reaper of @sysmaster/sys reports it. */
export interface ExitInfo {
  pid: number;
  /** Exit status when the process exited, null when killed by a signal. */
  code: number | null;
  /** Signal name ("SIGKILL") when killed by a signal, null otherwise. */
  signal: string | null;
  core: boolean;
}

/** Where a standard stream of a spawned process goes (the addon's StdioSpec). */
export type StdioSpec =
  | { kind: 'null' }
  | { kind: 'inherit' }
  | { kind: 'fd'; fd: number }
  | { kind: 'file'; path: string; mode: 'read' | 'append' | 'truncate' }
  | { kind: 'stdout' };

/** The part of the addon's ExecContext that init uses to start the core. */
export interface SpawnContext {
  path: string;
  argv: string[];
  env: string[];
  cwd?: string;
  setsid?: boolean;
  stdin?: StdioSpec;
  stdout?: StdioSpec;
  stderr?: StdioSpec;
  /** fds placed at 3, 4, … in the child (CLOEXEC cleared there). */
  fds?: number[];
}

export type RebootKind = 'poweroff' | 'reboot' | 'halt' | 'kexec';
export type MountFlag = 'ro' | 'nosuid' | 'nodev' | 'noexec' | 'relatime' | 'bind' | 'rec' | 'private';

/** The system calls of @sysmaster/sys that init needs (same names and signatures). */
export interface InitSys {
  spawn(ctx: SpawnContext): number;
  onChildExit(listener: (info: ExitInfo) => void): () => void;
  setChildSubreaper(): void;
  execve(path: string, argv: string[], env: string[]): never;
  setCloexec(fd: number, on: boolean): void;
  markFdsCloexec(from?: number): void;
  reboot(kind: RebootKind): void;
  sync(): void;
  mount(source: string, target: string, fstype: string, flags: MountFlag[], data?: string): void;
  umount(target: string, flags?: ('force' | 'detach' | 'expire')[]): void;
  listen(spec: { family: 'unix'; type: 'stream'; address: string; backlog?: number; mode?: number; inheritable?: boolean }): number;
  closeFd(fd: number): void;
}

/**
 * Loads @sysmaster/sys on first use (it is a native addon; unit tests never load it). The module
 * type is checked against InitSys here, so a signature drift is a compile error.
 */
export function realSys(): InitSys {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@sysmaster/sys') as typeof SysModule;
}

/** Signals and timers, the other half of the seam. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs fn after ms; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  after: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** Sends a signal; ESRCH (already gone) is not an error. */
export function sendSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
