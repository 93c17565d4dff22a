// Processes: spawn with an exec context, execve in place, the SIGCHLD reaper, the subreaper bit.
import { native } from './native';
import { sys } from './errors';
import { Reaper, isLibuvChild, shared } from './reaper';
import type { ExecContext, ExitInfo } from './types';

/**
 * Fork+exec `ctx.path` with the whole ExecContext applied in the child (see types.ts for the
 * order) and return the child's pid once execve has succeeded. Any failing step throws a
 * SysError whose `step` names it ('chdir', 'setuid', 'cgroup', 'execve' …) and whose `errnoName` is
 * the errno name; a missing binary is step 'execve', errnoName 'ENOENT'. The child is reaped by the
 * reaper (onChildExit), never by libuv.
 */
export function spawn(ctx: ExecContext): number {
  if (typeof ctx?.path !== 'string' || !ctx.path.startsWith('/')) {
    throw new TypeError(`ExecContext.path must be an absolute path, got ${JSON.stringify(ctx?.path)}`);
  }
  shared(); // child_process pids must be recorded before the reaper ever runs
  try {
    return sys(() => native().spawn(ctx));
  } catch (err) {
    if (err instanceof Error) err.message = `spawn ${ctx.path}: ${err.message}`;
    throw err;
  }
}

/**
 * Replace this process by path, keeping its pid, its children and every fd without CLOEXEC;
 * fds 0..2 are kept too (Node may mark its stdio CLOEXEC). Returns only by throwing SysError.
 */
export function execve(path: string, argv: string[], env: string[]): never {
  return sys(() => native().execve(path, argv, env));
}

/** prctl(PR_SET_CHILD_SUBREAPER, 1): orphans of our descendants are reparented to us. */
export function setChildSubreaper(): void {
  sys(() => native().setChildSubreaper());
}

function theReaper(): Reaper {
  const state = shared();
  if (!state.reaper) {
    state.reaper = new Reaper({
      peek: () => sys(() => native().waitPeek()),
      reap: (pid) => sys(() => native().reap(pid)),
      isLibuvChild: (pid) => isLibuvChild(state, pid),
      onSignal: (handler) => process.on('SIGCHLD', handler),
      defer: (fn) => setImmediate(fn),
      every: (ms, fn) => setInterval(fn, ms).unref(),
      warn: (message) => process.emitWarning(`@sysmaster/sys: ${message}`),
    });
  }
  return state.reaper;
}

/**
 * Report every child that exits and that child_process did not spawn (spawn() children,
 * orphans reparented to us, adopted daemons): reaped and passed to listener as ExitInfo.
 * The reaper is installed on first use and stays for the life of the process, even when
 * every listener has unsubscribed (zombies must not pile up). Returns unsubscribe.
 */
export function onChildExit(listener: (info: ExitInfo) => void): () => void {
  return theReaper().subscribe(listener);
}

/** How many children the reaper has reaped in this process. */
export function reaperStats(): { reaped: number } {
  return { reaped: shared().reaper?.reaped ?? 0 };
}

// Record child_process pids from the moment this package is loaded.
shared();
