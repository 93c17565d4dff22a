// The life of one worker as the pool sees it: one `state × event → next state` table and one
// transition() that refuses an illegal move and logs every legal one (`FROM -> TO (why)`), in
// the manner of init's core supervisor (packages/init/src/supervisor.ts).
//
//   idle      registered, not started yet
//   starting  connecting: adopting a worker that answers Describe on its socket, or spawning the
//             registered program and waiting for its first Describe (readyTimeoutMs)
//   ready     Describe answered with the right type; Watch is open; a keepalive Describe runs
//             every second
//   reexecuting  asked to Reexec (daemon-reexec): the same pid runs its new code; requests wait
//             until the new image answers Describe (then ready again, its units resynced by
//             List), or it dies (backoff) or stays silent past its TimeoutStartSec= (hung: lost)
//   lost      the Watch stream ended, or the worker stayed silent for KEEPALIVE_MISSES keepalives and was
//             sent SIGKILL: waiting for its pid to be gone — or, when the stream ended but the pid
//             lives (the worker re-executed on its own, or dropped the stream), for that pid to
//             answer Describe again with a new image (then ready, resynced) within its
//             TimeoutStartSec=, else it is killed as hung
//   backoff   gone (or died while starting): started again when the backoff timer fires (doubling while it keeps dying
//             young, up to MAX_BACKOFF_MS)
//   failed    it cannot be used (spawn error, never answered Describe, wrong type): its units
//             load as 'error' naming the reason, until daemon-reload tries again
//   retired   its registration was removed by daemon-reload while it still had units: left
//             running, no longer used; a registration that comes back starts it again
//   closed    the core stopped watching (its exit, or the handover of shutdown to init)
//
// The pool does the effects (spawn, kill, timers, streams) and asks transition() first, so a
// late callback of an old incarnation (an exit seen after daemon-reload retired the worker, a
// keepalive answer after it was killed) is refused and logged instead of corrupting the state.

export type WorkerState = 'idle' | 'starting' | 'ready' | 'reexecuting' | 'lost' | 'backoff' | 'failed' | 'retired' | 'closed';
export type WorkerEvent =
  | 'start' | 'described' | 'refused' | 'stream-lost' | 'hung' | 'exited' | 'backoff-over' | 'retry' | 'unregistered' | 'close'
  | 'reexec' | 'reexec-refused';

/** How often the core checks a ready worker's liveness (and pings it when it has been silent). */
export const KEEPALIVE_INTERVAL_MS = 1_000;
/** Intervals of observed silence after which a worker is declared hung and killed (liveness.ts). */
export const KEEPALIVE_MISSES = 3;
/** The cap of the restart backoff. */
const MAX_BACKOFF_MS = 5_000;
/** A worker that lived this long before it died starts a new crash streak. */
export const STREAK_RESET_MS = 10_000;

export const LIFECYCLE: Readonly<Record<WorkerState, Partial<Record<WorkerEvent, WorkerState>>>> = {
  idle: { start: 'starting', unregistered: 'closed', close: 'closed' },
  starting: { described: 'ready', refused: 'failed', exited: 'backoff', unregistered: 'retired', close: 'closed' },
  ready: { 'stream-lost': 'lost', hung: 'lost', reexec: 'reexecuting', unregistered: 'retired', close: 'closed' },
  reexecuting: { described: 'ready', 'reexec-refused': 'ready', hung: 'lost', 'stream-lost': 'lost', exited: 'backoff', unregistered: 'retired', close: 'closed' },
  lost: { exited: 'backoff', described: 'ready', hung: 'lost', unregistered: 'retired', close: 'closed' },
  backoff: { 'backoff-over': 'starting', unregistered: 'retired', close: 'closed' },
  failed: { retry: 'starting', unregistered: 'closed', close: 'closed' },
  retired: { retry: 'starting', close: 'closed' },
  closed: {},
};

/** The backoff before restart number `streak` of a crash streak (100 ms, doubling, capped). */
export function backoffMs(streak: number): number {
  return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(streak, 6));
}

export interface Lifecycle { state: WorkerState }

/**
 * Moves `worker` on `event`. Returns the new state, or null (and logs the refusal) when the
 * table has no such move from the current state.
 */
export function transition(
  worker: Lifecycle, type: string, event: WorkerEvent, why: string,
  log: { info(message: string, meta?: object): void; warn(message: string, meta?: object): void },
): WorkerState | null {
  const from = worker.state;
  const to = LIFECYCLE[from][event];
  if (to === undefined) {
    log.warn(`the ${type} worker: ${event} is not a move from ${from}; ignored (${why})`, { worker: type, state: from, event });
    return null;
  }
  worker.state = to;
  log.info(`the ${type} worker: ${from} -> ${to} (${why})`, { worker: type, from, to, event });
  return to;
}
