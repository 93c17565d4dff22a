// The SIGCHLD reaper: every child that exits is reaped and reported, except libuv's own.
//
// Node (libuv) only waits for the pids it spawned itself, so a Node PID 1 or child subreaper
// collects zombies: orphans handed over by the kernel, processes started by spawn(), adopted
// daemons. A blind waitpid(-1) would fix that and break child_process instead, because it
// steals libuv's children and their 'exit' events never fire (docs/field-notes.md: 17 of 2,000).
//
// The algorithm, measured there at 2,000/2,000 exits and 0 zombies:
//   1. On SIGCHLD (our process.on listener runs beside libuv's own handler, in either order),
//      and on a slow safety timer for a coalesced or missed signal, drain:
//   2. peek at one exited child without reaping it: waitid(P_ALL, WEXITED|WNOHANG|WNOWAIT);
//   3. none: done. A pid that child_process spawned (recorded by wrapping
//      ChildProcess.prototype.spawn): stop and retry on setImmediate, after libuv has reaped
//      it — the kernel keeps reporting the same first child, so we cannot skip past it;
//   4. any other pid: reap exactly it, waitid(P_PID, pid), report {pid, code, signal, core},
//      and go on with the next. A drain yields to the event loop every BATCH children.
//
// The record of libuv's pids and the single reaper live on globalThis, so that two copies of
// this module in one process (a package's src/ beside another's dist/) share one reaper.
import { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { ExitInfo } from './types';
import type { NativeExit } from './native';

/** Everything the reaper does to the OS, injectable for its unit tests. */
export interface ReaperSeams {
  /** The pid of one exited, unreaped child, 0 when there is none. */
  peek(): number;
  /** Reap pid; null when it turned out not to be reapable. */
  reap(pid: number): NativeExit | null;
  /** True when child_process (libuv) spawned pid and will reap it itself. */
  isLibuvChild(pid: number): boolean;
  /** Subscribe to SIGCHLD. */
  onSignal(handler: () => void): void;
  /** Run fn on the next loop iteration (setImmediate). */
  defer(fn: () => void): void;
  /** Run fn every ms without keeping the process alive. */
  every(ms: number, fn: () => void): void;
  /** Report a listener that threw (the reaper carries on). */
  warn(message: string): void;
}

/** Children reaped per drain before yielding to the event loop. */
const BATCH = 256;
/** Immediate retries while a libuv child blocks the peek, before leaving it to the timer. */
const MAX_IMMEDIATE_RETRIES = 1000;
const SAFETY_INTERVAL_MS = 1000;

const signalNames = new Map<number, string>(
  Object.entries(constants.signals).map(([name, value]) => [value, name]),
);

function toExitInfo(e: NativeExit): ExitInfo {
  return {
    pid: e.pid,
    code: e.code >= 0 ? e.code : null,
    signal: e.signal >= 0 ? (signalNames.get(e.signal) ?? `SIG${e.signal}`) : null,
    core: e.core,
  };
}

export class Reaper {
  private readonly listeners = new Set<(info: ExitInfo) => void>();
  private installed = false;
  private deferred = false;
  private retries = 0;
  reaped = 0;

  constructor(private readonly seams: ReaperSeams) {}

  /** Add a listener (installing the signal handler and timer on first use); returns unsubscribe. */
  subscribe(listener: (info: ExitInfo) => void): () => void {
    // Wrap so that the same function added twice is called twice and removed once.
    const entry = (info: ExitInfo): void => listener(info);
    this.listeners.add(entry);
    this.install();
    return () => {
      this.listeners.delete(entry);
    };
  }

  install(): void {
    if (this.installed) return;
    this.installed = true;
    this.seams.onSignal(() => this.drain());
    this.seams.every(SAFETY_INTERVAL_MS, () => this.drain());
    this.schedule(); // children that exited before we were installed
  }

  /** Reap and report every exited child that libuv does not own (see the essay above). */
  drain(): void {
    for (let n = 0; n < BATCH; n++) {
      const pid = this.seams.peek();
      if (pid <= 0) {
        this.retries = 0;
        return;
      }
      if (this.seams.isLibuvChild(pid)) {
        if (this.retries++ < MAX_IMMEDIATE_RETRIES) this.schedule();
        return;
      }
      const exit = this.seams.reap(pid);
      if (!exit) {
        this.schedule();
        return;
      }
      this.retries = 0;
      this.reaped++;
      this.emit(toExitInfo(exit));
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.deferred) return;
    this.deferred = true;
    this.seams.defer(() => {
      this.deferred = false;
      this.drain();
    });
  }

  private emit(info: ExitInfo): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(info);
      } catch (err) {
        this.seams.warn(`onChildExit listener threw for pid ${info.pid}: ${String(err)}`);
      }
    }
  }
}

// ---- the process-wide record of child_process pids ------------------------------------------

interface SharedState {
  /** child_process children by pid, until libuv has reaped them. */
  libuvChildren: Map<number, ChildProcess>;
  reaper?: Reaper;
}

/** True while pid is a child_process child that libuv has not reaped yet. */
export function isLibuvChild(state: SharedState, pid: number): boolean {
  const child = state.libuvChildren.get(pid);
  if (!child) return false;
  // exitCode/signalCode are set by libuv's exit callback, even if someone removed our
  // 'exit' listener; an entry whose exit is known is stale.
  if (child.exitCode !== null || child.signalCode !== null) {
    state.libuvChildren.delete(pid);
    return false;
  }
  return true;
}

const SHARED = Symbol.for('@sysmaster/sys.reaper');
type GlobalWithShared = typeof globalThis & { [SHARED]?: SharedState };

/** The state shared by every copy of this module; wraps ChildProcess.prototype.spawn once. */
export function shared(): SharedState {
  const g = globalThis as GlobalWithShared;
  const existing = g[SHARED];
  if (existing) return existing;
  const state: SharedState = { libuvChildren: new Map() };
  g[SHARED] = state;
  const proto = ChildProcess.prototype as unknown as {
    spawn: (this: ChildProcess, ...args: unknown[]) => unknown;
  };
  const original = proto.spawn;
  proto.spawn = function spawnRecorded(this: ChildProcess, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    const pid = this.pid;
    if (typeof pid === 'number') {
      state.libuvChildren.set(pid, this);
      this.once('exit', () => {
        if (state.libuvChildren.get(pid) === this) state.libuvChildren.delete(pid);
      });
    }
    return result;
  };
  return state;
}
