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
import { SysmasterError } from '@sysmaster/proto';
import type { JobMode } from '../manager-core';
import {
  collapseForRun, collapseRequest, mergeJobTypes, type MergeableJobType, type RequestJobType,
} from './merge';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph } from './types';


interface InstalledJob {
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

interface Pull {
  unit: string;
  type: RequestJobType;
  /** Must succeed for the job that pulls it in. */
  required: boolean;
  /** Pulled by a conflict (a stop the resolution rules prefer to keep). */
  conflict: boolean;
  reason: string;
}

interface TJob {
  unit: string;
  type: MergeableJobType;
  anchor: boolean;
  /** Matters to an anchor so far (recomputed exactly before cycle breaking). */
  matters: boolean;
  conflict: boolean;
  /** Jobs this one pulled in, and whether each must succeed for it. */
  edges: Array<{ unit: string; required: boolean }>;
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

const UP = new Set(['active', 'activating', 'reloading']);
const DOWN = new Set(['inactive', 'failed']);

function verb(type: MergeableJobType | RequestJobType): string {
  return type === 'stop' ? 'stopped' : type === 'verify-active' ? 'verified' : type.includes('reload') ? 'reloaded' : type.includes('restart') ? 'restarted' : 'started';
}

export function buildTransaction(graph: JobGraph, request: TransactionRequest): TransactionPlan {
  const jobs = new Map<string, TJob>();
  const warnings: string[] = [];
  const pullDependencies = request.mode !== 'ignore-dependencies' && request.mode !== 'ignore-requirements';
  // The undo log is kept only while a best-effort branch is open (nothing else is ever rolled
  // back), and dropped when the outermost open branch completes.
  const undo: Array<() => void> = [];
  let openBranches = 0;
  let recording = false;
  const record = (fn: () => void): void => {
    if (recording) undo.push(fn);
  };
  const rollback = (mark: number): void => {
    while (undo.length > mark) undo.pop()!();
  };
  const isUp = (name: string): boolean => UP.has(graph.unit(name)?.activeState ?? 'inactive');

  /** The pulls a job of `type` makes (step 1). */
  const pullsOf = (job: TJob, type: MergeableJobType): Pull[] => {
    if (!pullDependencies) return [];
    const rules = type === 'stop' ? PULLS.stop
      : type === 'restart' ? [...PULLS.start, ...PULLS.restart]
        : type === 'start' || type === 'reload-or-start' ? PULLS.start
          : type === 'reload' ? PULLS.reload : [];
    const out: Pull[] = [];
    for (const rule of rules) {
      for (const other of graph.deps(job.unit, rule.kind)) {
        if (rule.skipMissing && (graph.unit(other)?.loadState ?? 'not-found') === 'not-found') continue;
        if (!rule.required && rule.as === 'start' && request.exclude?.has(other)) continue;
        const reason = rule.kind === 'RequiredBy' || rule.kind === 'BoundBy' || rule.kind === 'ConsistsOf' || rule.kind === 'RequisiteOf' || rule.kind === 'ConflictedBy'
          ? `${other} has ${({ RequiredBy: 'Requires', BoundBy: 'BindsTo', ConsistsOf: 'PartOf', RequisiteOf: 'Requisite', ConflictedBy: 'Conflicts' } as Record<string, string>)[rule.kind]}=${job.unit}`
          : `${job.unit} has ${rule.kind}=${other}`;
        out.push({ unit: other, type: rule.as, required: rule.required, conflict: rule.conflict ?? false, reason });
      }
    }
    return out;
  };

  /**
   * Adds (or merges) one job. Returns the job when it is new or changed type (its pulls must be
   * walked), null when nothing changed. Throws TransactionError when it cannot be added.
   */
  const addOne = (pull: Pull, matters: boolean, anchor: boolean): { job: TJob; type: MergeableJobType } | null => {
    const unit = graph.unit(pull.unit);
    if (!unit || (unit.loadState !== 'loaded' && pull.type !== 'stop')) {
      // A unit that failed to load can still be stopped (it may be running from before).
      if (pull.type === 'stop' || pull.type === 'try-restart' || pull.type === 'try-reload') return null;
      const why = unit?.loadMessage || `Unit ${pull.unit} is not loaded.`;
      fail(anchor ? why : `${pull.reason}, but ${why}`);
    }
    const type = collapseRequest(pull.type, UP.has(unit.activeState));
    if (type === null) return null;
    if (type === 'stop' && unit.loadState !== 'loaded' && DOWN.has(unit.activeState)) return null;
    const id = unit.name;
    const existing = jobs.get(id);
    if (!existing) {
      const job: TJob = { unit: id, type, anchor, matters, conflict: pull.conflict && type === 'stop', edges: [] };
      jobs.set(id, job);
      record(() => jobs.delete(id));
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
    // Step 2: a start-like and a stop job of one unit.
    const newIsStop = type === 'stop';
    const what = `${id} would be both ${verb(existing.type)} and ${verb(type)} (${pull.reason})`;
    const existingMatters = existing.matters || existing.anchor;
    const newMatters = matters || anchor;
    let dropNew: boolean;
    if (existingMatters && newMatters) fail(`Transaction is destructive: ${what}.`);
    else if (existingMatters) dropNew = true;
    else if (newMatters) dropNew = false;
    else {
      const stopIsConflict = newIsStop ? pull.conflict : existing.conflict;
      dropNew = newIsStop ? !stopIsConflict : stopIsConflict;
    }
    if (dropNew) fail(`${what}; the ${verb(type).replace(/ed$/, '')} job is left out`);
    const before = { type: existing.type, matters: existing.matters, anchor: existing.anchor, conflict: existing.conflict };
    warnings.push(`${what}; the ${existing.type} job of ${id} is dropped`);
    existing.type = type;
    existing.matters = matters;
    existing.anchor = anchor;
    existing.conflict = pull.conflict && newIsStop;
    record(() => Object.assign(existing, before));
    return { job: existing, type };
  };

  // Step 1 and 2: the walk, with an explicit stack of frames (one per job whose pulls are being
  // walked). A frame entered through a best-effort pull records the undo mark to roll back to.
  interface Frame { job: TJob; pulls: Pull[]; index: number; branch: { mark: number; pull: Pull } | null }
  const stack: Frame[] = [];
  const unwind = (error: TransactionError): void => {
    while (stack.length > 0) {
      const frame = stack.pop()!;
      if (frame.branch) {
        openBranches--;
        rollback(frame.branch.mark);
        warnings.push(`${frame.branch.pull.reason}, which is left out: ${error.message}`);
        return;
      }
    }
    throw error;
  };
  const visit = (pull: Pull, from: TJob | null, fromMatters: boolean, bestEffort: boolean): void => {
    const mark = undo.length;
    recording = bestEffort || openBranches > 0;
    try {
      const matters = from === null || (fromMatters && pull.required);
      const added = addOne(pull, matters, from === null);
      if (from) {
        const target = graph.unit(pull.unit)?.name ?? pull.unit;
        from.edges.push({ unit: target, required: pull.required });
        record(() => from.edges.pop());
      }
      if (added) {
        stack.push({ job: added.job, pulls: pullsOf(added.job, added.type), index: 0, branch: bestEffort ? { mark, pull } : null });
        if (bestEffort) openBranches++;
      }
    } catch (error) {
      if (!(error instanceof TransactionError)) throw error;
      if (bestEffort) {
        rollback(mark);
        warnings.push(`${pull.reason}, which is left out: ${error.message}`);
        return;
      }
      unwind(error);
    }
  };
  const walk = (): void => {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const pull = top.pulls[top.index++];
      if (pull === undefined) {
        stack.pop();
        if (top.branch && --openBranches === 0) undo.length = top.branch.mark;
        continue;
      }
      visit(pull, top.job, top.job.matters || top.job.anchor, !pull.required);
    }
  };
  for (const anchor of request.anchors) {
    visit({ unit: anchor.unit, type: anchor.type, required: true, conflict: false, reason: `${anchor.unit}/${anchor.type}` }, null, true, false);
    walk();
  }

  // Step 3: isolate.
  if (request.mode === 'isolate') {
    const withJobs = new Set(request.installed.map((j) => j.unit));
    for (const unit of graph.units()) {
      if (jobs.has(unit.name) || unit.ignoreOnIsolate) continue;
      if (DOWN.has(unit.activeState) && !withJobs.has(unit.name)) continue;
      visit({ unit: unit.name, type: 'stop', required: true, conflict: false, reason: `isolate stops ${unit.name}` }, null, true, true);
      walk();
    }
  }

  // Step 4: the installed jobs.
  const reuse = new Map<string, number>();
  const replace: number[] = [];
  const installedByUnit = new Map(request.installed.map((j) => [j.unit, j]));
  for (const [unit, job] of jobs) {
    const installed = installedByUnit.get(unit);
    if (!installed) continue;
    const merged = mergeJobTypes(installed.type, job.type);
    if (merged !== null && collapseForRun(merged, isUp(unit)) === installed.type) {
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
      if (!jobs.has(installed.unit) && !installed.irreversible) replace.push(installed.id);
    }
  }

  // Step 5: ordering cycles over the jobs that will exist afterwards.
  const ignoreOrder = request.mode === 'ignore-dependencies';
  const replaced = new Set(replace);
  for (;;) {
    const all = new Map<string, EngineJobType>();
    for (const j of request.installed) if (!replaced.has(j.id)) all.set(j.unit, j.type);
    for (const [unit, job] of jobs) if (!reuse.has(unit)) all.set(unit, collapseForRun(job.type, isUp(unit)));
    const cycle = ignoreOrder ? null : findOrderingCycle(graph, all);
    if (!cycle) {
      const out = new Map<string, EngineJobType>();
      for (const [unit, job] of jobs) out.set(unit, collapseForRun(job.type, isUp(unit)));
      return { jobs: out, reuse, replace, ignoreOrder, irreversible: request.mode === 'replace-irreversibly', warnings };
    }
    markMatters(jobs);
    const victim = cycle.slice(0, -1).find((u) => {
      const j = jobs.get(u);
      return j !== undefined && !reuse.has(u) && !j.anchor && !j.matters;
    });
    const printed = cycle.map((u) => `${u}/${all.get(u)}`).join(' → ');
    if (victim === undefined) {
      fail(`Ordering cycle found: ${printed} (${describeCycle(graph, cycle)}); the transaction is refused.`);
    }
    warnings.push(`Ordering cycle found: ${printed}; the job ${victim}/${jobs.get(victim)!.type} is deleted to break it.`);
    jobs.delete(victim);
    for (const gone of collectGarbage(jobs)) {
      reuse.delete(gone);
      warnings.push(`The job of ${gone} is no longer needed once ${victim} is left out; deleted.`);
    }
  }
}

/** Marks each job that matters to an anchor: reachable from one through must-succeed pulls. */
function markMatters(jobs: Map<string, TJob>): void {
  const queue: TJob[] = [];
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

/** Deletes the jobs no anchor reaches any more; returns their units. */
function collectGarbage(jobs: Map<string, TJob>): string[] {
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

