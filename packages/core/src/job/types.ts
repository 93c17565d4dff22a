// The job engine's view of the world: the graph it plans over and the driver it acts through.
// Both are seams, implemented by the unit table and the worker pool in the running core and by
// small fakes in the unit tests, so transactions and job runs are tested without processes.
import type { RunnableJobType } from './merge';

/** The job types the engine runs; the API's other types are mapped onto these at enqueue. */
export type EngineJobType = RunnableJobType;

export interface GraphUnit {
  name: string;
  loadState: string;
  /** Why the unit is not loaded, a sentence naming it. */
  loadMessage: string;
  activeState: string;
  /** IgnoreOnIsolate=yes: isolate leaves the unit alone. */
  ignoreOnIsolate?: boolean;
  /** JobTimeoutSec= in microseconds (Infinity or absent: none), counted from when the job is queued. */
  jobTimeoutUsec?: number;
  /** JobRunningTimeoutSec= in microseconds (Infinity or absent: none), counted from when the job runs. */
  jobRunningTimeoutUsec?: number;
}

export interface JobGraph {
  /** A loaded (or failed-to-load) unit by name or alias; undefined when never loaded. */
  unit(name: string): GraphUnit | undefined;
  /** The units `name` has a dependency of `kind` on (declared and mirrored). */
  deps(name: string, kind: string): readonly string[];
  /** Every unit known, for isolate. */
  units(): GraphUnit[];
  /** Whether `from` has a `kind` dependency on `to` (a fast path for deps().includes()). */
  hasDep?(from: string, kind: string, to: string): boolean;
}

/** How the engine acts on units: each call resolves once the worker accepted the request. */
export interface UnitDriver {
  start(unit: string): Promise<void>;
  /** restart: this stop is the first half of a restart job (the worker keeps what a restart keeps). */
  stop(unit: string, options?: { restart?: boolean }): Promise<void>;
  reload(unit: string): Promise<void>;
}

/** Whether a job of each type stops its unit first (a restart is a stop, then a start). */
const STOP_LIKE: Readonly<Record<EngineJobType, boolean>> = { stop: true, restart: true, start: false, reload: false, 'verify-active': false };

/** Whether `x` is ordered before `y` (x Before=y or y After=x). */
function orderedBefore(graph: JobGraph, x: string, y: string): boolean {
  if (graph.hasDep) return graph.hasDep(x, 'Before', y) || graph.hasDep(y, 'After', x);
  return graph.deps(x, 'Before').includes(y) || graph.deps(y, 'After').includes(x);
}

/** `a` must wait for `b` (both units with jobs), by After=/Before= with systemd's rule. */
export function mustWait(graph: JobGraph, a: { unit: string; type: EngineJobType }, b: { unit: string; type: EngineJobType }): boolean {
  // systemd's job_compare(): with x ordered before y, y's job waits for x's, unless y's job is a
  // stop (or restart, a stop in disguise), which then goes first: stops run in reverse order.
  if (orderedBefore(graph, b.unit, a.unit) && !STOP_LIKE[a.type]) return true;
  if (orderedBefore(graph, a.unit, b.unit) && STOP_LIKE[b.type]) return true;
  return false;
}

/** The units whose jobs could order against a job of `unit`. */
export function orderingNeighbours(graph: JobGraph, unit: string): Set<string> {
  return new Set([...graph.deps(unit, 'After'), ...graph.deps(unit, 'Before')]);
}
