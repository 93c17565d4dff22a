// The seam between init and the operating system. Every OS effect init performs goes through one
// of these interfaces, so the supervisor and the shutdown sequence run against fakes in unit
// tests and against @sysmaster/sys (the N-API addon) and Node in production.
//
// `InitSys` mirrors the subset of @sysmaster/sys that init uses, with the same signatures; the
// real implementation (`realSys`) loads the addon lazily, so that importing this package (for
// example from a unit test) never requires the native build.
import type * as SysModule from '@sysmaster/sys';

import type { ExitInfo } from '@sysmaster/sys';
export type { ExitInfo } from '@sysmaster/sys';

/** The part of the addon's ExecContext that init uses to start the core. */
export type SpawnContext = Pick<SysModule.ExecContext, 'path' | 'argv' | 'env' | 'cwd' | 'setsid' | 'stdin' | 'stdout' | 'stderr' | 'fds'>;

export type RebootKind = 'poweroff' | 'reboot' | 'halt' | 'kexec';
/**
 * What Init.Shutdown asks for: a reboot(2) kind, or exit (the manager leaving: SuccessAction=exit
 * and friends), which ends a sandbox and powers off the real system (final-step.ts).
 */
export type FinalKind = RebootKind | 'exit';
export type MountFlag = SysModule.MountFlag;

/** The system calls of @sysmaster/sys that init needs (same names and signatures). */
export interface InitSys {
  spawn(ctx: SpawnContext): number;
  onChildExit(listener: (info: ExitInfo) => void): () => void;
  setChildSubreaper(): void;
  execve(path: string, argv: string[], env: string[]): never;
  setCloexec(fd: number, on: boolean): void;
  markFdsCloexec(from?: number): void;
  /** reboot(2); with an argument (RebootArgument=, kind reboot) LINUX_REBOOT_CMD_RESTART2. */
  reboot(kind: RebootKind, argument?: string): void;
  sync(): void;
  mount(source: string, target: string, fstype: string, flags: MountFlag[], data?: string): void;
  umount(target: string, flags?: ('force' | 'detach' | 'expire')[]): void;
  listen(spec: { family: 'unix'; type: 'stream'; address: string; backlog?: number; mode?: number; inheritable?: boolean }): number;
  closeFd(fd: number): void;
  loopbackUp(): boolean;
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
