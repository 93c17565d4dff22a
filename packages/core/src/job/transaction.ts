// Building a transaction: which jobs one request really means.
//
// A request names anchor jobs ("start multi-user.target") and a mode. The transaction is the
// anchor jobs plus everything they pull in, computed in numbered steps after systemd's
// transaction.c. Nothing here has effects; the result is a plan the engine installs, so the
// whole algorithm is tested with a fake graph.
//
//  1. Pull in (skipped by ignore-dependencies and ignore-requirements). Each job pulls in jobs
//     of other units by its type and the dependency kind (the table PULLS below):
//       start/restart  Requires=, BindsTo=, RequiresMountsFor= → start (must succeed)
//                      Requisite= → verify-active (must succeed)
//                      Conflicts= → stop (must succeed)
//                      Wants=, Upholds= → start; ConflictedBy → stop (best effort)
//       stop           RequiredBy, BoundBy, ConsistsOf (PartOf= from the other side),
//                      RequisiteOf → stop (must succeed)
//       restart        the same units → try-restart (restart when they are up)
//       reload         PropagatesReloadTo= → try-reload (best effort)
//     A job that "must succeed" for an anchor matters to it: if it cannot be added (its unit
//     cannot be loaded, or it conflicts with a job that matters too) the transaction fails
//     naming the unit and the key. A best-effort pull is a branch: if anything inside it fails,
//     the branch is undone (an undo log, so a failed branch costs what it added, not a copy of
//     the transaction) and a warning says what was left out. The walk keeps its own stack, so
//     a dependency chain of any length cannot overflow the JavaScript stack.
//  2. Merge. A unit has one job; two requests merge by the static table of merge.ts. A start
//     and a stop do not merge. systemd's rules resolve it: if only one of the two matters to
//     the anchor, the other is dropped; if neither does, the stop is dropped — unless the stop
//     was pulled in by a conflict, then the start is; if both matter, the transaction is
//     destructive and fails.
//  3. Isolate (mode isolate): stop every unit that is up or has a job, is not in the
//     transaction and is not IgnoreOnIsolate=yes. Isolate and flush also cancel every queued
//     job outside the transaction.
//  4. Installed jobs. An installed job whose merge with the new one collapses to its own type
//     absorbs it (the request gets the old id). Any other installed job of the unit conflicts:
//     mode fail refuses the transaction; replace cancels the old job and installs the merged
//     one; a job installed by replace-irreversibly cannot be replaced (the transaction fails).
//  5. Ordering cycles. The jobs that will exist afterwards must form an acyclic wait-for graph
//     under mustWait(). On a cycle, a job of this transaction that does not matter to an
//     anchor is deleted to break it (with a warning naming it), together with the jobs only it
//     had pulled in; when every job in the cycle matters, the transaction fails with the cycle
//     printed as "a.service/start → b.service/start → a.service/start".
//
// Each step is one exported function, called in order by buildTransaction() and unit-tested on
// its own (test/transaction-steps.test.ts): pullIn() (1, with mergeJob() doing 2 as jobs are
// met), addIsolateStops() (3), reconcileInstalled() (4), breakOrderingCycles() (5, with
// markMatters() and dropUnneeded()). They share one Draft: the jobs by unit and the warnings.
import { DOWN_STATES, SysmasterError, UP_STATES, inStates } from '@sysmaster/proto';
import type { JobMode } from '../manager-core';
import {
  collapseForRun, collapseRequest, mergeJobTypes, type MergeableJobType, type RequestJobType,
} from './merge';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph } from './types';


export interface InstalledJob {
  id: number;
  unit: string;
  type: EngineJobType;
  /** Installed by replace-irreversibly: no later transaction may replace it. */
  irreversible?: boolean;
}

export interface TransactionRequest {
  anchors: Array<{ unit: string; type: RequestJobType }>;
  mode: JobMode;
  installed: InstalledJob[];
  /** Units that Wants= must not pull in (stopped by the user since boot). */
  exclude?: ReadonlySet<string>;
}

export interface TransactionPlan {
  /** The job of each unit in the transaction, after merging and collapsing. */
  jobs: Map<string, EngineJobType>;
  /** Units whose installed job absorbs the new one: unit → installed job id. */
  reuse: Map<string, number>;
  /** Installed jobs to cancel: replaced ones, and (isolate, flush) every other one. */
  replace: number[];
  /** The jobs ignore ordering (mode ignore-dependencies). */
  ignoreOrder: boolean;
  /** The jobs may not be replaced later (mode replace-irreversibly). */
  irreversible: boolean;
  warnings: string[];
}

class TransactionError extends SysmasterError {}

function fail(message: string): never {
  throw new TransactionError('ERR_TRANSACTION', message);
}

/** One job a job asks for (step 1), before it is merged into the transaction (step 2). */
export interface Pull {
  unit: string;
  type: RequestJobType;
  /** Must succeed for the job that pulls it in. */
  required: boolean;
  /** Pulled by a conflict (a stop the resolution rules prefer to keep). */
  conflict: boolean;
  reason: string;
}

/** A job of the transaction being built. */
export interface DraftJob {
  unit: string;
  type: MergeableJobType;
  anchor: boolean;
  /** Matters to an anchor so far (recomputed exactly before cycle breaking). */
  matters: boolean;
  conflict: boolean;
  /** Jobs this one pulled in, and whether each must succeed for it. */
  edges: Array<{ unit: string; required: boolean }>;
}

/** The transaction being built: its jobs by unit, the warnings so far, and what the request allows. */
export interface Draft {
  graph: JobGraph;
  jobs: Map<string, DraftJob>;
  warnings: string[];
  /** False for ignore-dependencies and ignore-requirements: step 1 pulls in nothing. */
  pullDependencies: boolean;
  exclude?: ReadonlySet<string>;
}

/** An empty transaction for `request`. */
export function newDraft(graph: JobGraph, request: Pick<TransactionRequest, 'mode' | 'exclude'>): Draft {
  return {
    graph, jobs: new Map(), warnings: [],
    pullDependencies: request.mode !== 'ignore-dependencies' && request.mode !== 'ignore-requirements',
    ...(request.exclude ? { exclude: request.exclude } : {}),
  };
}

/** Which kinds a job type pulls in, as what, and whether it must succeed. */
const PULLS: Readonly<Record<'start' | 'stop' | 'restart' | 'reload', ReadonlyArray<{ kind: string; as: RequestJobType; required: boolean; conflict?: boolean; skipMissing?: boolean }>>> = {
  start: [
    { kind: 'Requires', as: 'start', required: true },
    { kind: 'BindsTo', as: 'start', required: true },
    { kind: 'RequiresMountsFor', as: 'start', required: true, skipMissing: true },
    { kind: 'Requisite', as: 'verify-active', required: true },
    { kind: 'Conflicts', as: 'stop', required: true, conflict: true },
    { kind: 'Wants', as: 'start', required: false },
    { kind: 'Upholds', as: 'start', required: false },
    { kind: 'ConflictedBy', as: 'stop', required: false, conflict: true },
  ],
  stop: [
    { kind: 'RequiredBy', as: 'stop', required: true },
    { kind: 'BoundBy', as: 'stop', required: true },
    { kind: 'ConsistsOf', as: 'stop', required: true },
    { kind: 'RequisiteOf', as: 'stop', required: true },
  ],
  restart: [
    { kind: 'RequiredBy', as: 'try-restart', required: true },
    { kind: 'BoundBy', as: 'try-restart', required: true },
    { kind: 'ConsistsOf', as: 'try-restart', required: true },
    { kind: 'RequisiteOf', as: 'try-restart', required: true },
  ],
  reload: [{ kind: 'PropagatesReloadTo', as: 'try-reload', required: false }],
};

/** The key the other unit wrote, for the kinds that are the far side of a dependency. */
const WRITTEN_AS: Readonly<Record<string, string>> = {
  RequiredBy: 'Requires', BoundBy: 'BindsTo', ConsistsOf: 'PartOf', RequisiteOf: 'Requisite', ConflictedBy: 'Conflicts',
};

function verb(type: MergeableJobType | RequestJobType): string {
  return type === 'stop' ? 'stopped' : type === 'verify-active' ? 'verified' : type.includes('reload') ? 'reloaded' : type.includes('restart') ? 'restarted' : 'started';
}

function unitIsUp(graph: JobGraph, name: string): boolean {
  return inStates(graph.unit(name)?.activeState ?? 'inactive', UP_STATES);
}

/**
 * Builds one transaction: the steps below, in order. Pure: the result is a plan the engine
 * installs. Throws TransactionError (ERR_TRANSACTION) when the request cannot be honoured.
 */
export function buildTransaction(graph: JobGraph, request: TransactionRequest): TransactionPlan {
  const draft = newDraft(graph, request);
  pullIn(draft, request.anchors);
  if (request.mode === 'isolate') addIsolateStops(draft, request.installed);
  const installed = reconcileInstalled(draft, request);
  const ignoreOrder = request.mode === 'ignore-dependencies';
  if (!ignoreOrder) breakOrderingCycles(draft, request.installed, installed);
  const jobs = new Map<string, EngineJobType>();
  for (const [unit, job] of draft.jobs) jobs.set(unit, collapseForRun(job.type, unitIsUp(graph, unit)));
  return {
    jobs, reuse: installed.reuse, replace: installed.replace, ignoreOrder,
    irreversible: request.mode === 'replace-irreversibly', warnings: draft.warnings,
  };
}

// ---- Step 1: pull in ----------------------------------------------------------------------

/** The pulls a job of `type` makes by the table PULLS (nothing when dependencies are ignored). */
export function pullsOf(draft: Draft, job: Pick<DraftJob, 'unit'>, type: MergeableJobType): Pull[] {
  if (!draft.pullDependencies) return [];
  const rules = type === 'stop' ? PULLS.stop
    : type === 'restart' ? [...PULLS.start, ...PULLS.restart]
      : type === 'start' || type === 'reload-or-start' ? PULLS.start
        : type === 'reload' ? PULLS.reload : [];
  const { graph } = draft;
  const out: Pull[] = [];
  for (const rule of rules) {
    for (const other of graph.deps(job.unit, rule.kind)) {
      if (rule.skipMissing && (graph.unit(other)?.loadState ?? 'not-found') === 'not-found') continue;
      if (!rule.required && rule.as === 'start' && draft.exclude?.has(other)) continue;
      const written = WRITTEN_AS[rule.kind];
      const reason = written !== undefined ? `${other} has ${written}=${job.unit}` : `${job.unit} has ${rule.kind}=${other}`;
      out.push({ unit: other, type: rule.as, required: rule.required, conflict: rule.conflict ?? false, reason });
    }
  }
  return out;
}

/** Adds every anchor and, recursively, what it pulls in (merging as it goes, step 2). */
export function pullIn(draft: Draft, anchors: TransactionRequest['anchors']): void {
  const walk = new Walk(draft);
  for (const anchor of anchors) {
    walk.from({ unit: anchor.unit, type: anchor.type, required: true, conflict: false, reason: `${anchor.unit}/${anchor.type}` }, false);
  }
}

/** A frame of the walk: a job whose pulls are being visited. */
interface Frame { job: DraftJob; pulls: Pull[]; index: number; branch: { mark: number; pull: Pull } | null }

/**
 * The walk of step 1, with an explicit stack of frames (one per job whose pulls are being
 * walked), so a dependency chain of any length cannot overflow the JavaScript stack. A frame
 * entered through a best-effort pull is a branch and records the undo mark to roll back to.
 * The undo log is kept only while a branch is open (nothing else is ever rolled back), and
 * dropped when the outermost open branch completes.
 */
class Walk {
  private readonly stack: Frame[] = [];
  private readonly undo: Array<() => void> = [];
  private openBranches = 0;
  private recording = false;

  constructor(private readonly draft: Draft) {}

  /** Adds `root` (an anchor, or an isolate stop when best effort) and everything it pulls in. */
  from(root: Pull, bestEffort: boolean): void {
    this.visit(root, null, true, bestEffort);
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1]!;
      const pull = top.pulls[top.index++];
      if (pull === undefined) {
        this.stack.pop();
        if (top.branch && --this.openBranches === 0) this.undo.length = top.branch.mark;
        continue;
      }
      this.visit(pull, top.job, top.job.matters || top.job.anchor, !pull.required);
    }
  }

  private readonly record = (fn: () => void): void => {
    if (this.recording) this.undo.push(fn);
  };

  private rollback(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()!();
  }

  private visit(pull: Pull, from: DraftJob | null, fromMatters: boolean, bestEffort: boolean): void {
    const mark = this.undo.length;
    this.recording = bestEffort || this.openBranches > 0;
    try {
      const matters = from === null || (fromMatters && pull.required);
      const added = mergeJob(this.draft, pull, { matters, anchor: from === null }, this.record);
      if (from) {
        const target = this.draft.graph.unit(pull.unit)?.name ?? pull.unit;
        from.edges.push({ unit: target, required: pull.required });
        this.record(() => from.edges.pop());
      }
      if (added) {
        this.stack.push({ job: added.job, pulls: pullsOf(this.draft, added.job, added.type), index: 0, branch: bestEffort ? { mark, pull } : null });
        if (bestEffort) this.openBranches++;
      }
    } catch (error) {
      if (!(error instanceof TransactionError)) throw error;
      if (bestEffort) {
        this.rollback(mark);
        this.draft.warnings.push(`${pull.reason}, which is left out: ${error.message}`);
        return;
      }
      this.unwind(error);
    }
  }

  /** A must-succeed pull failed: undo up to the innermost open branch, or fail the transaction. */
  private unwind(error: TransactionError): void {
    while (this.stack.length > 0) {
      const frame = this.stack.pop()!;
      if (frame.branch) {
        this.openBranches--;
        this.rollback(frame.branch.mark);
        this.draft.warnings.push(`${frame.branch.pull.reason}, which is left out: ${error.message}`);
        return;
      }
    }
    throw error;
  }
}

// ---- Step 2: merge ------------------------------------------------------------------------

/**
 * Adds (or merges) one pulled job. Returns the job when it is new or changed type (its pulls
 * must be walked), null when nothing changed or there is nothing to do. Throws TransactionError
 * when it cannot be added. `record` receives the undo of every change (step 1's branches).
 */
export function mergeJob(
  draft: Draft, pull: Pull, position: { matters: boolean; anchor: boolean }, record: (undo: () => void) => void = () => {},
): { job: DraftJob; type: MergeableJobType } | null {
  const { matters, anchor } = position;
  const unit = draft.graph.unit(pull.unit);
  if (!unit || (unit.loadState !== 'loaded' && pull.type !== 'stop')) {
    // A unit that failed to load can still be stopped (it may be running from before).
    if (pull.type === 'stop' || pull.type === 'try-restart' || pull.type === 'try-reload') return null;
    const why = unit?.loadMessage || `Unit ${pull.unit} is not loaded.`;
    fail(anchor ? why : `${pull.reason}, but ${why}`);
  }
  const type = collapseRequest(pull.type, inStates(unit.activeState, UP_STATES));
  if (type === null) return null;
  if (type === 'stop' && unit.loadState !== 'loaded' && inStates(unit.activeState, DOWN_STATES)) return null;
  const id = unit.name;
  const existing = draft.jobs.get(id);
  if (!existing) {
    const job: DraftJob = { unit: id, type, anchor, matters, conflict: pull.conflict && type === 'stop', edges: [] };
    draft.jobs.set(id, job);
    record(() => draft.jobs.delete(id));
    return { job, type };
  }
  const merged = mergeJobTypes(existing.type, type);
  if (merged !== null) {
    const before = { type: existing.type, matters: existing.matters, anchor: existing.anchor };
    existing.matters ||= matters;
    existing.anchor ||= anchor;
    record(() => Object.assign(existing, before));
    if (merged === existing.type) return null;
    existing.type = merged;
    return { job: existing, type: merged };
  }
  return resolveStartStop(draft, existing, pull, type, position, record);
}

/**
 * A start-like and a stop job of one unit, by systemd's rules: the one that matters to an
 * anchor wins; if neither does the stop is dropped, unless the stop came from a conflict;
 * if both do the transaction is destructive.
 */
function resolveStartStop(
  draft: Draft, existing: DraftJob, pull: Pull, type: MergeableJobType, position: { matters: boolean; anchor: boolean },
  record: (undo: () => void) => void,
): { job: DraftJob; type: MergeableJobType } {
  const newIsStop = type === 'stop';
  const what = `${existing.unit} would be both ${verb(existing.type)} and ${verb(type)} (${pull.reason})`;
  const existingMatters = existing.matters || existing.anchor;
  const newMatters = position.matters || position.anchor;
  let dropNew: boolean;
  if (existingMatters && newMatters) fail(`Transaction is destructive: ${what}.`);
  else if (existingMatters) dropNew = true;
  else if (newMatters) dropNew = false;
  else {
    const stopIsConflict = newIsStop ? pull.conflict : existing.conflict;
    dropNew = newIsStop ? !stopIsConflict : stopIsConflict;
  }
  if (dropNew) fail(`${what}; the ${type} job is left out`);
  const before = { type: existing.type, matters: existing.matters, anchor: existing.anchor, conflict: existing.conflict };
  draft.warnings.push(`${what}; the ${existing.type} job of ${existing.unit} is dropped`);
  existing.type = type;
  existing.matters = position.matters;
  existing.anchor = position.anchor;
  existing.conflict = pull.conflict && newIsStop;
  record(() => Object.assign(existing, before));
  return { job: existing, type };
}

// ---- Step 3: isolate ----------------------------------------------------------------------

/**
 * Mode isolate: a stop (best effort, with what it pulls in) of every unit that is up or has a
 * job, is not in the transaction and is not IgnoreOnIsolate=yes.
 */
export function addIsolateStops(draft: Draft, installed: readonly InstalledJob[]): void {
  const withJobs = new Set(installed.map((j) => j.unit));
  const walk = new Walk(draft);
  for (const unit of draft.graph.units()) {
    if (draft.jobs.has(unit.name) || unit.ignoreOnIsolate) continue;
    if (inStates(unit.activeState, DOWN_STATES) && !withJobs.has(unit.name)) continue;
    walk.from({ unit: unit.name, type: 'stop', required: true, conflict: false, reason: `isolate stops ${unit.name}` }, true);
  }
}

// ---- Step 4: installed jobs ---------------------------------------------------------------

/** What becomes of the installed jobs: the ones that absorb a new job, and the ones canceled. */
export interface Reconciled {
  /** unit → the installed job id that absorbs the transaction's job of the unit. */
  reuse: Map<string, number>;
  /** Installed job ids to cancel. */
  replace: number[];
}

/**
 * Checks the transaction against the queue: an installed job that subsumes the new one absorbs
 * it; any other conflicts (refused by mode fail and by an irreversible job; replaced otherwise,
 * the new job taking the merged type). Isolate and flush also cancel every other reversible job.
 */
export function reconcileInstalled(draft: Draft, request: Pick<TransactionRequest, 'mode' | 'installed'>): Reconciled {
  const reuse = new Map<string, number>();
  const replace: number[] = [];
  const installedByUnit = new Map(request.installed.map((j) => [j.unit, j]));
  for (const [unit, job] of draft.jobs) {
    const installed = installedByUnit.get(unit);
    if (!installed) continue;
    const merged = mergeJobTypes(installed.type, job.type);
    if (merged !== null && collapseForRun(merged, unitIsUp(draft.graph, unit)) === installed.type) {
      reuse.set(unit, installed.id);
      continue;
    }
    if (request.mode === 'fail') {
      fail(`Transaction for ${unit}/${job.type} is destructive (${unit} has a ${installed.type} job queued, id ${installed.id}).`);
    }
    if (installed.irreversible) {
      fail(`Transaction for ${unit}/${job.type} is destructive: ${unit} has an irreversible ${installed.type} job queued (id ${installed.id}).`);
    }
    if (merged !== null) job.type = merged;
    replace.push(installed.id);
  }
  if (request.mode === 'isolate' || request.mode === 'flush') {
    for (const installed of request.installed) {
      if (!draft.jobs.has(installed.unit) && !installed.irreversible) replace.push(installed.id);
    }
  }
  return { reuse, replace };
}

// ---- Step 5: ordering cycles --------------------------------------------------------------

/**
 * Makes the jobs that will exist afterwards (the installed ones not replaced, and the new ones)
 * acyclic under mustWait(): each cycle loses a job of this transaction that does not matter to
 * an anchor, with the jobs only it pulled in (dropUnneeded); a cycle of jobs that all matter
 * fails the transaction, printed with the keys that order it.
 */
export function breakOrderingCycles(draft: Draft, installed: readonly InstalledJob[], reconciled: Reconciled): void {
  const { graph, jobs, warnings } = draft;
  const replaced = new Set(reconciled.replace);
  for (;;) {
    const all = new Map<string, EngineJobType>();
    for (const j of installed) if (!replaced.has(j.id)) all.set(j.unit, j.type);
    for (const [unit, job] of jobs) if (!reconciled.reuse.has(unit)) all.set(unit, collapseForRun(job.type, unitIsUp(graph, unit)));
    const cycle = findOrderingCycle(graph, all);
    if (!cycle) return;
    markMatters(jobs);
    const victim = cycle.slice(0, -1).find((u) => {
      const j = jobs.get(u);
      return j !== undefined && !reconciled.reuse.has(u) && !j.anchor && !j.matters;
    });
    const printed = cycle.map((u) => `${u}/${all.get(u)}`).join(' → ');
    if (victim === undefined) {
      fail(`Ordering cycle found: ${printed} (${describeCycle(graph, cycle)}); the transaction is refused.`);
    }
    warnings.push(`Ordering cycle found: ${printed}; the job ${victim}/${jobs.get(victim)!.type} is deleted to break it.`);
    jobs.delete(victim);
    for (const gone of dropUnneeded(jobs)) {
      reconciled.reuse.delete(gone);
      warnings.push(`The job of ${gone} is no longer needed once ${victim} is left out; deleted.`);
    }
  }
}

/** Marks each job that matters to an anchor: reachable from one through must-succeed pulls. */
export function markMatters(jobs: ReadonlyMap<string, DraftJob>): void {
  const queue: DraftJob[] = [];
  for (const j of jobs.values()) {
    j.matters = j.anchor;
    if (j.anchor) queue.push(j);
  }
  while (queue.length > 0) {
    const j = queue.pop()!;
    for (const e of j.edges) {
      const other = jobs.get(e.unit);
      if (other && e.required && !other.matters) {
        other.matters = true;
        queue.push(other);
      }
    }
  }
}

/** Deletes the jobs no anchor reaches any more (through any pull); returns their units. */
export function dropUnneeded(jobs: Map<string, DraftJob>): string[] {
  const reached = new Set<string>();
  const queue = [...jobs.values()].filter((j) => j.anchor);
  for (const j of queue) reached.add(j.unit);
  while (queue.length > 0) {
    const j = queue.pop()!;
    for (const e of j.edges) {
      const other = jobs.get(e.unit);
      if (other && !reached.has(other.unit)) {
        reached.add(other.unit);
        queue.push(other);
      }
    }
  }
  const gone = [...jobs.keys()].filter((u) => !reached.has(u));
  for (const u of gone) jobs.delete(u);
  return gone;
}

/** Which key orders each step of a cycle: "a.service After=b.service". */
function describeCycle(graph: JobGraph, cycle: string[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < cycle.length; i++) {
    const a = cycle[i]!, b = cycle[i + 1]!;
    if (graph.deps(a, 'After').includes(b)) parts.push(`${a} has After=${b}`);
    else if (graph.deps(b, 'Before').includes(a)) parts.push(`${b} has Before=${a}`);
    else if (graph.deps(a, 'Before').includes(b)) parts.push(`${a} has Before=${b}`);
    else if (graph.deps(b, 'After').includes(a)) parts.push(`${b} has After=${a}`);
  }
  return parts.join(', ');
}

/** A cycle in the wait-for graph of `jobs` (unit → job type), as the units in order, or null. */
export function findOrderingCycle(graph: JobGraph, jobs: ReadonlyMap<string, EngineJobType>): string[] | null {
  // A restart orders as a stop until its stop is done, then as a start (engine.ts `ordered`):
  // a cycle in either of its halves would leave its jobs waiting for each other.
  const asStarts = new Map([...jobs].map(([unit, type]) => [unit, type === 'restart' ? 'start' as const : type]));
  return cycleAmong(graph, jobs) ?? ([...jobs.values()].includes('restart') ? cycleAmong(graph, asStarts) : null);
}

function cycleAmong(graph: JobGraph, jobs: ReadonlyMap<string, EngineJobType>): string[] | null {
  const WHITE = 0, GREY = 1, BLACK = 2;
  const colour = new Map<string, number>();
  const stack: string[] = [];
  const waitsFor = (unit: string): string[] => {
    const type = jobs.get(unit)!;
    const out: string[] = [];
    for (const other of orderingNeighbours(graph, unit)) {
      const otherType = jobs.get(other);
      if (otherType !== undefined && mustWait(graph, { unit, type }, { unit: other, type: otherType })) out.push(other);
    }
    return out;
  };
  // Iterative DFS, so a long chain of units cannot overflow the stack.
  for (const root of jobs.keys()) {
    if ((colour.get(root) ?? WHITE) !== WHITE) continue;
    const work: Array<{ unit: string; next: string[] }> = [{ unit: root, next: waitsFor(root) }];
    colour.set(root, GREY);
    stack.push(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const child = top.next.pop();
      if (child === undefined) {
        colour.set(top.unit, BLACK);
        stack.pop();
        work.pop();
        continue;
      }
      const c = colour.get(child) ?? WHITE;
      if (c === GREY) return [...stack.slice(stack.indexOf(child)), child];
      if (c === WHITE) {
        colour.set(child, GREY);
        stack.push(child);
        work.push({ unit: child, next: waitsFor(child) });
      }
    }
  }
  return null;
}

