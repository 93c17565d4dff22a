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
//     destructive and fails, naming why each was pulled in. "Matters" is kept exact during the
//     walk (a job that comes to matter passes it down its must-succeed pulls at once). A job
//     that loses is deleted with every job that must have it (a dropped stop of v pulled in by
//     u's Conflicts=v takes u's start with it), and what only those had pulled in is collected
//     as garbage once the walk ends; so one transaction never starts two units that conflict.
//     Then a job that is not an anchor and would do nothing (a start or verify-active of a unit
//     that is up, a stop of one that is down) and whose unit has no installed job is left out
//     (systemd's transaction_drop_redundant_jobs; dropRedundant), so it never waits its turn in
//     the ordering for nothing.
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
// met), addIsolateStops() (3), reconcileInstalled() (4), breakOrderingCycles() (5, in
// transaction-cycles.ts with markMatters() and dropUnneeded()). They share one Draft
// (transaction-draft.ts): the jobs by unit and the warnings.
import { DOWN_STATES, UP_STATES, inStates } from '@sysmaster/proto';
import {
  collapseForRun, collapseRequest, mergeJobTypes, type MergeableJobType, type RequestJobType,
} from './merge';
import { breakOrderingCycles, dropUnneeded } from './transaction-cycles';
import {
  TransactionError, fail, newDraft, unitIsUp,
  type Draft, type DraftJob, type InstalledJob, type Pull, type Reconciled, type TransactionRequest,
} from './transaction-draft';
import type { EngineJobType, JobGraph } from './types';

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


/**
 * Builds one transaction: the steps below, in order. Pure: the result is a plan the engine
 * installs. Throws TransactionError (ERR_TRANSACTION) when the request cannot be honoured.
 */
export function buildTransaction(graph: JobGraph, request: TransactionRequest): TransactionPlan {
  const draft = newDraft(graph, request);
  pullIn(draft, request.anchors);
  if (request.mode === 'isolate') addIsolateStops(draft, request.installed);
  collectGarbage(draft);
  dropRedundant(draft, request.installed);
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
      // A job deleted by step 2 (it needed a job that lost to a conflicting one) pulls nothing more.
      const pull = this.draft.jobs.get(top.job.unit) === top.job ? top.pulls[top.index++] : undefined;
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
      // The merge deleted the job that pulled this one in: what it pulled is garbage (collected at the end).
      if (from && this.draft.jobs.get(from.unit) !== from) return;
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
    const job: DraftJob = { unit: id, type, anchor, matters, conflict: pull.conflict && type === 'stop', reason: pull.reason, edges: [] };
    draft.jobs.set(id, job);
    record(() => draft.jobs.delete(id));
    return { job, type };
  }
  const merged = mergeJobTypes(existing.type, type);
  if (merged !== null) {
    const before = { type: existing.type, anchor: existing.anchor };
    existing.anchor ||= anchor;
    record(() => Object.assign(existing, before));
    if (matters || anchor) raiseMatters(draft, existing, record);
    if (merged === existing.type) return null;
    existing.type = merged;
    return { job: existing, type: merged };
  }
  return resolveStartStop(draft, existing, pull, type, position, record);
}

/**
 * A start-like and a stop job of one unit, by systemd's rules: the one that matters to an
 * anchor wins; if neither does the stop is dropped, unless the stop came from a conflict; if
 * both do the transaction is destructive. A job that loses takes with it every job that must
 * have it (deleteWithDependents), as systemd deletes a job "with its dependencies": so a unit
 * that Conflicts= another is never started beside it because its stop job lost.
 */
function resolveStartStop(
  draft: Draft, existing: DraftJob, pull: Pull, type: MergeableJobType, position: { matters: boolean; anchor: boolean },
  record: (undo: () => void) => void,
): { job: DraftJob; type: MergeableJobType } {
  const newIsStop = type === 'stop';
  const what = `${existing.unit} would be both ${verb(existing.type)} (${existing.reason}) and ${verb(type)} (${pull.reason})`;
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
  const gone = deleteWithDependents(draft, existing, record).slice(1).map((j) => `${j.unit}/${j.type}`);
  const warning = `${what}; the ${existing.type} job of ${existing.unit} is dropped${gone.length > 0 ? `, with the jobs that need it: ${gone.join(', ')}` : ''}`;
  draft.warnings.push(warning);
  record(() => draft.warnings.pop());
  const job: DraftJob = { unit: existing.unit, type, ...position, conflict: pull.conflict && newIsStop, reason: pull.reason, edges: [] };
  draft.jobs.set(job.unit, job);
  record(() => draft.jobs.set(job.unit, existing));
  return { job, type };
}

/**
 * Marks `job` as mattering to an anchor and passes that down its must-succeed pulls, so the
 * flag stays exact when a job first pulled in by Wants= is later required by an anchor.
 */
function raiseMatters(draft: Draft, job: DraftJob, record: (undo: () => void) => void): void {
  const queue = [job];
  while (queue.length > 0) {
    const j = queue.pop()!;
    if (j.matters) continue;
    j.matters = true;
    record(() => { j.matters = false; });
    for (const e of j.edges) {
      const other = draft.jobs.get(e.unit);
      if (other && e.required && !other.matters) queue.push(other);
    }
  }
}

/**
 * Deletes `job` and, transitively, every job that must have it (a must-succeed pull of its
 * unit), and frees every pull of the deleted units; returns the deleted jobs, `job` first.
 * None of them matters to an anchor (`job` does not, so nothing that requires it does).
 */
function deleteWithDependents(draft: Draft, job: DraftJob, record: (undo: () => void) => void): DraftJob[] {
  const gone: DraftJob[] = [];
  const queue = [job];
  while (queue.length > 0) {
    const j = queue.pop()!;
    if (draft.jobs.get(j.unit) !== j) continue;
    if (j.anchor || j.matters) fail(`Transaction is destructive: ${j.unit}/${j.type} matters to the request but needs ${job.unit}/${job.type}, which conflicts.`);
    draft.jobs.delete(j.unit);
    record(() => draft.jobs.set(j.unit, j));
    gone.push(j);
    for (const other of draft.jobs.values()) if (other.edges.some((e) => e.unit === j.unit && e.required)) queue.push(other);
  }
  const units = new Set(gone.map((j) => j.unit));
  for (const other of draft.jobs.values()) {
    if (!other.edges.some((e) => units.has(e.unit))) continue;
    const edges = other.edges;
    other.edges = edges.filter((e) => !units.has(e.unit));
    record(() => { other.edges = edges; });
  }
  return gone;
}

/** Deletes the jobs that only deleted jobs had pulled in (systemd's garbage collection). */
function collectGarbage(draft: Draft): void {
  for (const gone of dropUnneeded(draft.jobs)) draft.warnings.push(`The job of ${gone} is no longer needed once the jobs that pulled it in are deleted; deleted.`);
}

/**
 * systemd's transaction_drop_redundant_jobs: a job that is not an anchor and would do nothing to
 * its unit as it is now (a start or verify-active of a unit that is up, a stop of one that is
 * down) is left out, unless the unit has a job installed (step 4 decides about that one). Else
 * such a job would wait its turn in the ordering for nothing — a restart of a service whose
 * Requires=sysinit.target pulled in a start of the active target, ordered behind a stop of
 * another unit that never ends, would wait with it.
 */
function dropRedundant(draft: Draft, installed: readonly InstalledJob[]): void {
  const withJobs = new Set(installed.map((j) => j.unit));
  for (const [unit, job] of draft.jobs) {
    if (job.anchor || withJobs.has(unit)) continue;
    const state = draft.graph.unit(unit)?.activeState ?? 'inactive';
    const up = inStates(state, UP_STATES) && state !== 'activating';
    const down = inStates(state, DOWN_STATES);
    if (((job.type === 'start' || job.type === 'verify-active') && up) || (job.type === 'stop' && down)) draft.jobs.delete(unit);
  }
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

