// Job types and how two jobs for one unit merge into one, after systemd's job.c.
//
// A unit has at most one job, so when a transaction asks for two things of one unit (a start
// pulled in twice, a reload and a start, …) they merge by a static table. The table is defined
// over the six mergeable types; the other request types collapse onto them first:
//
//   try-restart      → restart when the unit is up (active, activating, reloading), else nothing
//   try-reload       → reload when the unit is up, else nothing
//   reload-or-start  → reload when the unit is up, else start (a merge may produce it, so the
//                      result of a merge is collapsed again before it runs)
//
// The table (· = the same type; — = no merge, the jobs conflict):
//
//                    start            verify-active    stop   reload           reload-or-start  restart
//   start            ·                start            —      reload-or-start  reload-or-start  restart
//   verify-active    start            ·                —      reload           reload-or-start  restart
//   stop             —                —                ·      —                —                —
//   reload           reload-or-start  reload           —      ·                reload-or-start  restart
//   reload-or-start  reload-or-start  reload-or-start  —      reload-or-start  ·                restart
//   restart          restart          restart          —      restart          restart          ·
//
// Its algebra, checked over the whole table by the unit tests:
// - idempotent: merge(a, a) = a;
// - commutative: merge(a, b) = merge(b, a);
// - associative wherever both sides are defined: merge(merge(a, b), c) = merge(a, merge(b, c));
//   and if a, b, c merge pairwise, both groupings are defined (so the order in which a
//   transaction meets its jobs never changes the outcome);
// - stop merges with nothing but itself: a start-like and a stop job of one unit conflict, and
//   the transaction resolves the conflict (transaction.ts) or fails;
// - the non-stop types form a lattice ordered by "does at least as much":
//   verify-active ≤ start ≤ reload-or-start ≤ restart and verify-active ≤ reload ≤
//   reload-or-start; merge is the least upper bound. "a subsumes b" (merge(a, b) = a) is how an
//   installed job absorbs a new request.

/** The types the merge table is defined over. */
export type MergeableJobType = 'start' | 'verify-active' | 'stop' | 'reload' | 'reload-or-start' | 'restart';

/** Every type a transaction accepts: the mergeable ones and the conditional ones. */
export type RequestJobType = MergeableJobType | 'try-restart' | 'try-reload';

export const MERGEABLE_TYPES: readonly MergeableJobType[] = ['start', 'verify-active', 'stop', 'reload', 'reload-or-start', 'restart'];

type Row = Readonly<Record<MergeableJobType, MergeableJobType | null>>;

export const MERGE_TABLE: Readonly<Record<MergeableJobType, Row>> = {
  start: { start: 'start', 'verify-active': 'start', stop: null, reload: 'reload-or-start', 'reload-or-start': 'reload-or-start', restart: 'restart' },
  'verify-active': { start: 'start', 'verify-active': 'verify-active', stop: null, reload: 'reload', 'reload-or-start': 'reload-or-start', restart: 'restart' },
  stop: { start: null, 'verify-active': null, stop: 'stop', reload: null, 'reload-or-start': null, restart: null },
  reload: { start: 'reload-or-start', 'verify-active': 'reload', stop: null, reload: 'reload', 'reload-or-start': 'reload-or-start', restart: 'restart' },
  'reload-or-start': { start: 'reload-or-start', 'verify-active': 'reload-or-start', stop: null, reload: 'reload-or-start', 'reload-or-start': 'reload-or-start', restart: 'restart' },
  restart: { start: 'restart', 'verify-active': 'restart', stop: null, reload: 'restart', 'reload-or-start': 'restart', restart: 'restart' },
};

/** The one job both types become, or null when they conflict. */
export function mergeJobTypes(a: MergeableJobType, b: MergeableJobType): MergeableJobType | null {
  return MERGE_TABLE[a][b];
}

/** Whether an installed job of type `a` already does everything a new job of type `b` asks. */
export function subsumes(a: MergeableJobType, b: MergeableJobType): boolean {
  return mergeJobTypes(a, b) === a;
}

/** The types the engine runs (after collapsing). */
export type RunnableJobType = 'start' | 'verify-active' | 'stop' | 'reload' | 'restart';

/**
 * What a request type means for a unit that is up (`up`: active, activating or reloading) or
 * not: the mergeable type, or null for nothing to do (try-restart/try-reload of a unit that is down).
 */
export function collapseRequest(type: RequestJobType, up: boolean): MergeableJobType | null {
  if (type === 'try-restart') return up ? 'restart' : null;
  if (type === 'try-reload') return up ? 'reload' : null;
  return type;
}

/** The type the engine runs for a merged job: reload-or-start becomes reload or start. */
export function collapseForRun(type: MergeableJobType, up: boolean): RunnableJobType {
  if (type === 'reload-or-start') return up ? 'reload' : 'start';
  return type;
}

