// Building a transaction: which jobs one request really means.
//
// A request names anchor jobs ("start multi-user.target"). The transaction is the anchor jobs
// plus everything they pull in, computed in numbered steps after systemd's transaction.c:
//
//  1. Pull in. start (and restart) of X pulls in start of every unit X Requires= (a unit that
//     cannot be loaded fails the whole transaction, naming X and the key) and of every unit X
//     Wants= (tried as a branch of its own: if anything in the branch fails, the branch is
//     dropped with a warning and the rest goes on), and stop of every unit X Conflicts with.
//     stop of X pulls in stop of every unit that Requires= X. Recursively; isolate adds stop of
//     every other active unit.
//  2. Merge. A unit gets one job. Job types merge by the static table MERGE: start+start is
//     start, start+restart is restart, stop+stop is stop; start and stop of one unit in one
//     transaction is an error naming the unit.
//  3. Check against the installed jobs. An installed job that merges with the new one to its
//     own type absorbs it (the new request gets the old id). Any other installed job of the
//     same unit conflicts: mode 'fail' refuses the transaction, 'replace' cancels it.
//  4. Ordering cycles. The jobs (new and kept installed ones) must form an acyclic wait-for
//     graph under mustWait(); a cycle fails the transaction naming the units in it.
//
// The result is a plan; the engine installs it. Nothing here has effects, so the whole
// algorithm is tested with a fake graph.
import { SysmasterError } from '@sysmaster/proto';
import type { JobMode } from '../manager-core';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph } from './types';

/** Static merge table: the type one job of both types becomes, or null for a conflict. */
const MERGE: Readonly<Record<EngineJobType, Partial<Record<EngineJobType, EngineJobType>>>> = {
  start: { start: 'start', restart: 'restart', 'verify-active': 'start', reload: 'restart' },
  restart: { start: 'restart', restart: 'restart', 'verify-active': 'restart', reload: 'restart' },
  stop: { stop: 'stop' },
  reload: { reload: 'reload', start: 'restart', restart: 'restart', 'verify-active': 'reload' },
  'verify-active': { 'verify-active': 'verify-active', start: 'start', restart: 'restart', reload: 'reload' },
};

export function mergeJobTypes(a: EngineJobType, b: EngineJobType): EngineJobType | null {
  return MERGE[a][b] ?? null;
}

export interface InstalledJob { id: number; unit: string; type: EngineJobType }

export interface TransactionRequest {
  anchors: Array<{ unit: string; type: EngineJobType }>;
  mode: JobMode;
  installed: InstalledJob[];
  /** Units that Wants= must not pull in (stopped by the user since boot). */
  exclude?: ReadonlySet<string>;
}

export interface TransactionPlan {
  /** The job of each unit in the transaction, after merging. */
  jobs: Map<string, EngineJobType>;
  /** Units whose installed job absorbs the new one: unit → installed job id. */
  reuse: Map<string, number>;
  /** Installed jobs to cancel (mode replace). */
  replace: number[];
  warnings: string[];
}

class TransactionError extends SysmasterError {}

function fail(message: string): never {
  throw new TransactionError('ERR_TRANSACTION', message);
}

export function buildTransaction(graph: JobGraph, request: TransactionRequest): TransactionPlan {
  const jobs = new Map<string, EngineJobType>();
  const warnings: string[] = [];
  const pullDependencies = request.mode !== 'ignore-dependencies' && request.mode !== 'ignore-requirements';

  // Step 1 and 2: pull in recursively, merging as jobs meet.
  const add = (name: string, type: EngineJobType, reason: string | null): void => {
    const unit = graph.unit(name);
    // A unit that failed to load can still be stopped (it may be running from before).
    if (!unit || (unit.loadState !== 'loaded' && type !== 'stop')) {
      if (type === 'stop') return; // never loaded: nothing to stop
      const why = unit?.loadMessage || `Unit ${name} is not loaded.`;
      fail(reason ? `${reason}, but ${why}` : why);
    }
    const id = unit.name;
    const existing = jobs.get(id);
    if (existing !== undefined) {
      const merged = mergeJobTypes(existing, type);
      if (merged === null) fail(`Transaction is destructive: ${id} would be both ${existing === 'stop' ? 'stopped' : 'started'} and ${type === 'stop' ? 'stopped' : 'started'}${reason ? ` (${reason})` : ''}.`);
      if (merged === existing) return;
      jobs.set(id, merged);
      return;
    }
    jobs.set(id, type);
    if (!pullDependencies) return;
    if (type === 'start' || type === 'restart') {
      for (const other of graph.deps(id, 'Requires')) add(other, 'start', `${id} has Requires=${other}`);
      for (const other of graph.deps(id, 'Wants')) {
        if (request.exclude?.has(other) || jobs.has(graph.unit(other)?.name ?? other)) continue;
        const snapshot = new Map(jobs);
        try {
          add(other, 'start', `${id} has Wants=${other}`);
        } catch (error) {
          if (!(error instanceof TransactionError)) throw error;
          jobs.clear();
          for (const [k, v] of snapshot) jobs.set(k, v);
          warnings.push(`${id} wants ${other}, which is left out: ${error.message}`);
        }
      }
      for (const other of [...graph.deps(id, 'Conflicts'), ...graph.deps(id, 'ConflictedBy')]) add(other, 'stop', `${id} conflicts with ${other}`);
    } else if (type === 'stop') {
      for (const other of graph.deps(id, 'RequiredBy')) add(other, 'stop', `${other} has Requires=${id}`);
    }
  };
  for (const anchor of request.anchors) add(anchor.unit, anchor.type, null);
  if (request.mode === 'isolate') {
    for (const unit of graph.units()) {
      if (jobs.has(unit.name) || unit.loadState !== 'loaded') continue;
      if (unit.activeState === 'inactive' || unit.activeState === 'failed') continue;
      try {
        add(unit.name, 'stop', `isolate stops ${unit.name}`);
      } catch (error) {
        if (!(error instanceof TransactionError)) throw error;
        warnings.push(error.message);
      }
    }
  }

  // Step 3: the installed jobs.
  const reuse = new Map<string, number>();
  const replace: number[] = [];
  const installedByUnit = new Map(request.installed.map((j) => [j.unit, j]));
  for (const [unit, type] of jobs) {
    const installed = installedByUnit.get(unit);
    if (!installed) continue;
    if (mergeJobTypes(installed.type, type) === installed.type) {
      reuse.set(unit, installed.id);
      continue;
    }
    if (request.mode === 'fail') {
      fail(`Transaction for ${unit}/${type} is destructive (${unit} has a ${installed.type} job queued, id ${installed.id}).`);
    }
    replace.push(installed.id);
  }

  // Step 4: ordering cycles over the jobs that will exist afterwards.
  const all = new Map<string, EngineJobType>();
  for (const j of request.installed) if (!replace.includes(j.id)) all.set(j.unit, j.type);
  for (const [unit, type] of jobs) if (!reuse.has(unit)) all.set(unit, type);
  const cycle = findOrderingCycle(graph, all);
  if (cycle) fail(`Ordering cycle found between ${cycle.map((u) => `${u}/${all.get(u)}`).join(' -> ')}; the transaction is refused.`);
  return { jobs, reuse, replace, warnings };
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
