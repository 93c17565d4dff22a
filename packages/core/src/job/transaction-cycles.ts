// Step 5 of a transaction (the essay in transaction.ts): ordering cycles. The jobs that will
// exist afterwards must form an acyclic wait-for graph; a cycle loses a job that does not matter
// to an anchor, or refuses the transaction. markMatters() and dropUnneeded() also serve step 2.
import { collapseForRun } from './merge';
import { fail, unitIsUp, type Draft, type DraftJob, type InstalledJob, type Reconciled } from './transaction-draft';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph } from './types';

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

