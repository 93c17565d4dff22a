// Each numbered step of buildTransaction() on its own (job/transaction.ts), over small graphs
// written as tables: what the step adds, merges, drops or refuses, and the warnings it leaves.
// transaction-property.test.ts checks the composed algorithm over random graphs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addIsolateStops, buildTransaction, mergeJob, pullIn, pullsOf, reconcileInstalled } from '../src/job/transaction';
import { breakOrderingCycles, dropUnneeded, findOrderingCycle, markMatters } from '../src/job/transaction-cycles';
import { newDraft, type Draft, type DraftJob, type InstalledJob, type Pull } from '../src/job/transaction-draft';
import type { JobGraph } from '../src/job/types';
import type { JobMode } from '../src/manager-core';
import { specGraph, type GraphSpec } from './fakes';

/** A unit of the step tests: a GraphSpec with its active state written out. */
interface Spec extends GraphSpec {
  active?: string;
}

function graphOf(specs: Record<string, Spec>): JobGraph {
  return specGraph(specs, (name) => specs[name]?.active ?? 'inactive');
}

function draftOf(specs: Record<string, Spec>, mode: JobMode = 'replace', exclude?: ReadonlySet<string>): Draft {
  return newDraft(graphOf(specs), { mode, ...(exclude ? { exclude } : {}) });
}

function types(draft: Draft): Record<string, string> {
  return Object.fromEntries([...draft.jobs].map(([unit, job]) => [unit, job.type]));
}

function pull(unit: string, type: Pull['type'], extra: Partial<Pull> = {}): Pull {
  return { unit, type, required: true, conflict: false, reason: `test pulls ${unit}/${type}`, ...extra };
}

function job(unit: string, extra: Partial<DraftJob> = {}): DraftJob {
  return { unit, type: 'start', anchor: false, matters: false, conflict: false, reason: `${unit}/start`, edges: [], ...extra };
}

const transactionError = (pattern: RegExp) => (error: Error & { code?: string }): boolean => {
  assert.equal(error.code, 'ERR_TRANSACTION');
  assert.match(error.message, pattern);
  return true;
};

describe('step 1: pullIn', () => {
  test('a start pulls in Requires= as a must-succeed start and Wants= as a best-effort one', () => {
    const draft = draftOf({ 'app.service': { deps: { Requires: ['db.service'], Wants: ['extra.service'] } }, 'db.service': {}, 'extra.service': {} });
    pullIn(draft, [{ unit: 'app.service', type: 'start' }]);
    assert.deepEqual(types(draft), { 'app.service': 'start', 'db.service': 'start', 'extra.service': 'start' });
    const app = draft.jobs.get('app.service')!;
    assert.deepEqual(app.edges, [{ unit: 'db.service', required: true }, { unit: 'extra.service', required: false }]);
    assert.equal(draft.jobs.get('db.service')!.matters, true);
    assert.equal(draft.jobs.get('extra.service')!.matters, false);
  });

  test('a stop pulls in stops of the units that require it, naming the key the other unit wrote', () => {
    const draft = draftOf({ 'app.service': { active: 'active', deps: { Requires: ['db.service'] } }, 'db.service': { active: 'active' } });
    assert.deepEqual(pullsOf(draft, { unit: 'db.service' }, 'stop'), [
      { unit: 'app.service', type: 'stop', required: true, conflict: false, reason: 'app.service has Requires=db.service' },
    ]);
  });

  test('a restart pulls in try-restarts of the units that require it, besides what a start pulls in', () => {
    const draft = draftOf({ 'app.service': { deps: { Requires: ['db.service'] } }, 'db.service': { deps: { Wants: ['log.service'] } }, 'log.service': {} });
    const pulls = pullsOf(draft, { unit: 'db.service' }, 'restart').map((p) => `${p.unit}/${p.type}`);
    assert.deepEqual(pulls, ['log.service/start', 'app.service/try-restart']);
  });

  test('mode ignore-requirements pulls in nothing but the anchors', () => {
    const draft = draftOf({ 'app.service': { deps: { Requires: ['db.service'] } }, 'db.service': {} }, 'ignore-requirements');
    pullIn(draft, [{ unit: 'app.service', type: 'start' }]);
    assert.deepEqual(types(draft), { 'app.service': 'start' });
  });

  test('an excluded unit is left out of Wants= but still pulled in by Requires=', () => {
    const specs = { 'a.target': { deps: { Wants: ['w.service'], Requires: ['r.service'] } }, 'w.service': {}, 'r.service': {} };
    const draft = draftOf(specs, 'replace', new Set(['w.service', 'r.service']));
    pullIn(draft, [{ unit: 'a.target', type: 'start' }]);
    assert.deepEqual(types(draft), { 'a.target': 'start', 'r.service': 'start' });
  });

  test('a best-effort branch that fails deep inside is undone whole and leaves a warning', () => {
    const draft = draftOf({
      'a.target': { deps: { Wants: ['b.service'] } },
      'b.service': { deps: { Requires: ['c.service'] } },
      'c.service': { deps: { Requires: ['gone.service'] } },
    });
    pullIn(draft, [{ unit: 'a.target', type: 'start' }]);
    assert.deepEqual(types(draft), { 'a.target': 'start' });
    assert.deepEqual(draft.jobs.get('a.target')!.edges, []);
    assert.equal(draft.warnings.length, 1);
    assert.match(draft.warnings[0]!, /^a\.target has Wants=b\.service, which is left out: c\.service has Requires=gone\.service/);
  });

  test('a must-succeed pull of a unit that cannot load fails the transaction naming the unit and key', () => {
    const draft = draftOf({ 'app.service': { deps: { Requires: ['broken.service'] } }, 'broken.service': { loadState: 'bad-setting' } });
    assert.throws(() => pullIn(draft, [{ unit: 'app.service', type: 'start' }]),
      transactionError(/^app\.service has Requires=broken\.service, but Unit broken\.service is bad-setting\.$/));
  });

  test('a Requires= chain of 20,000 units is walked without overflowing the stack', () => {
    const specs: Record<string, Spec> = {};
    for (let i = 0; i < 20_000; i++) specs[`u${i}.service`] = { deps: i + 1 < 20_000 ? { Requires: [`u${i + 1}.service`] } : {} };
    const draft = draftOf(specs);
    pullIn(draft, [{ unit: 'u0.service', type: 'start' }]);
    assert.equal(draft.jobs.size, 20_000);
  });
});

describe('step 2: mergeJob', () => {
  test('two requests for one unit merge by the table into one job, whose new type is walked again', () => {
    const draft = draftOf({ 'a.service': { active: 'active' } });
    assert.equal(mergeJob(draft, pull('a.service', 'start'), { matters: true, anchor: true })?.type, 'start');
    assert.equal(mergeJob(draft, pull('a.service', 'start'), { matters: true, anchor: false }), null);
    assert.equal(mergeJob(draft, pull('a.service', 'reload'), { matters: false, anchor: false })?.type, 'reload-or-start');
    assert.deepEqual(types(draft), { 'a.service': 'reload-or-start' });
  });

  test('a try-restart of a unit that is down, or a stop of an unloaded unit that is down, adds nothing', () => {
    const draft = draftOf({ 'down.service': {}, 'gone.service': { loadState: 'not-found' } });
    assert.equal(mergeJob(draft, pull('down.service', 'try-restart'), { matters: true, anchor: false }), null);
    assert.equal(mergeJob(draft, pull('gone.service', 'stop'), { matters: true, anchor: false }), null);
    assert.equal(mergeJob(draft, pull('never-loaded.service', 'stop'), { matters: true, anchor: false }), null);
    assert.equal(draft.jobs.size, 0);
  });

  test('a start and a stop that both matter make the transaction destructive', () => {
    const draft = draftOf({ 'a.service': {} });
    mergeJob(draft, pull('a.service', 'start'), { matters: true, anchor: true });
    assert.throws(() => mergeJob(draft, pull('a.service', 'stop'), { matters: true, anchor: false }), transactionError(/^Transaction is destructive: a\.service would be both started \(test pulls a\.service\/start\) and stopped/));
  });

  test('when only the job already there matters, the new one is left out', () => {
    const draft = draftOf({ 'a.service': {} });
    mergeJob(draft, pull('a.service', 'start'), { matters: true, anchor: true });
    assert.throws(() => mergeJob(draft, pull('a.service', 'stop'), { matters: false, anchor: false }), transactionError(/; the stop job is left out$/));
    assert.deepEqual(types(draft), { 'a.service': 'start' });
  });

  test('when neither matters the stop is dropped, unless the stop came from a conflict', () => {
    const plain = draftOf({ 'a.service': {} });
    mergeJob(plain, pull('a.service', 'stop'), { matters: false, anchor: false });
    assert.equal(mergeJob(plain, pull('a.service', 'start'), { matters: false, anchor: false })?.type, 'start');
    assert.match(plain.warnings[0]!, /the stop job of a\.service is dropped/);

    const conflict = draftOf({ 'a.service': {} });
    mergeJob(conflict, pull('a.service', 'stop', { conflict: true }), { matters: false, anchor: false });
    assert.throws(() => mergeJob(conflict, pull('a.service', 'start'), { matters: false, anchor: false }), transactionError(/; the start job is left out$/));
    assert.deepEqual(types(conflict), { 'a.service': 'stop' });
  });

  test('the undo recorded for each change restores the transaction as it was', () => {
    const draft = draftOf({ 'a.service': {}, 'b.service': {} });
    mergeJob(draft, pull('a.service', 'start'), { matters: false, anchor: false });
    const undo: Array<() => void> = [];
    mergeJob(draft, pull('a.service', 'stop', { conflict: true }), { matters: true, anchor: false }, (fn) => undo.push(fn));
    mergeJob(draft, pull('b.service', 'start'), { matters: false, anchor: false }, (fn) => undo.push(fn));
    assert.deepEqual(types(draft), { 'a.service': 'stop', 'b.service': 'start' });
    while (undo.length > 0) undo.pop()!();
    assert.deepEqual(types(draft), { 'a.service': 'start' });
    assert.equal(draft.jobs.get('a.service')!.matters, false);
  });
});

describe('step 3: addIsolateStops', () => {
  test('isolate stops every unit that is up or has a job, sparing IgnoreOnIsolate=, units that are down and the transaction itself', () => {
    const draft = draftOf({
      'rescue.target': {},
      'up.service': { active: 'active' },
      'queued.service': {},
      'down.service': {},
      'kept.service': { active: 'active', ignoreOnIsolate: true },
    });
    pullIn(draft, [{ unit: 'rescue.target', type: 'start' }]);
    addIsolateStops(draft, [{ id: 7, unit: 'queued.service', type: 'start' }]);
    assert.deepEqual(types(draft), { 'rescue.target': 'start', 'up.service': 'stop', 'queued.service': 'stop' });
  });

  test('an isolate stop that would destroy the transaction is left out with a warning', () => {
    const draft = draftOf({
      'rescue.target': { deps: { Requires: ['base.service'] } },
      'base.service': { active: 'active' },
      'app.service': { active: 'active', deps: { Requires: ['base.service'] } },
    });
    pullIn(draft, [{ unit: 'rescue.target', type: 'start' }]);
    addIsolateStops(draft, []);
    assert.deepEqual(types(draft), { 'rescue.target': 'start', 'base.service': 'start', 'app.service': 'stop' });
  });
});

describe('step 4: reconcileInstalled', () => {
  const installedStart: InstalledJob = { id: 3, unit: 'a.service', type: 'start' };

  test('an installed job that already does what the new one asks absorbs it', () => {
    const draft = draftOf({ 'a.service': {} });
    pullIn(draft, [{ unit: 'a.service', type: 'verify-active' }]);
    const r = reconcileInstalled(draft, { mode: 'replace', installed: [{ id: 3, unit: 'a.service', type: 'start' }] });
    assert.deepEqual([...r.reuse], [['a.service', 3]]);
    assert.deepEqual(r.replace, []);
  });

  test('mode fail refuses a conflicting installed job, and replace cancels it and keeps the merged type', () => {
    const failing = draftOf({ 'a.service': {} });
    pullIn(failing, [{ unit: 'a.service', type: 'stop' }]);
    assert.throws(() => reconcileInstalled(failing, { mode: 'fail', installed: [installedStart] }),
      transactionError(/^Transaction for a\.service\/stop is destructive \(a\.service has a start job queued, id 3\)\.$/));
    // A start queued for a unit on its way up, and a reload: the merged reload-or-start runs as a
    // reload there, which the start does not do, so it replaces it.
    const replacing = draftOf({ 'a.service': { active: 'activating' } });
    pullIn(replacing, [{ unit: 'a.service', type: 'reload' }]);
    const r = reconcileInstalled(replacing, { mode: 'replace', installed: [installedStart] });
    assert.deepEqual(r.replace, [3]);
    assert.deepEqual(types(replacing), { 'a.service': 'reload-or-start' });
  });

  test('an irreversible installed job cannot be replaced', () => {
    const draft = draftOf({ 'a.service': {} });
    pullIn(draft, [{ unit: 'a.service', type: 'stop' }]);
    assert.throws(() => reconcileInstalled(draft, { mode: 'replace', installed: [{ ...installedStart, irreversible: true }] }), transactionError(/irreversible start job/));
  });

  test('isolate and flush cancel every other reversible installed job, replace leaves them', () => {
    const installed: InstalledJob[] = [{ id: 1, unit: 'x.service', type: 'start' }, { id: 2, unit: 'y.service', type: 'stop', irreversible: true }];
    for (const [mode, replaced] of [['isolate', [1]], ['flush', [1]], ['replace', []]] as const) {
      const draft = draftOf({ 'a.service': {}, 'x.service': {}, 'y.service': {} });
      pullIn(draft, [{ unit: 'a.service', type: 'start' }]);
      assert.deepEqual(reconcileInstalled(draft, { mode, installed }).replace, replaced, mode);
    }
  });
});

describe('step 5: breakOrderingCycles', () => {
  test('a cycle through a job that does not matter deletes it and the jobs only it pulled in', () => {
    const draft = draftOf({
      'a.service': { deps: { Wants: ['b.service'], After: ['b.service'] } },
      'b.service': { deps: { After: ['a.service'], Requires: ['c.service'] } },
      'c.service': {},
    });
    pullIn(draft, [{ unit: 'a.service', type: 'start' }]);
    const reconciled = { reuse: new Map<string, number>(), replace: [] };
    breakOrderingCycles(draft, [], reconciled);
    assert.deepEqual(types(draft), { 'a.service': 'start' });
    assert.match(draft.warnings[0]!, /^Ordering cycle found: .*; the job b\.service\/start is deleted to break it\.$/);
    assert.match(draft.warnings[1]!, /^The job of c\.service is no longer needed once b\.service is left out; deleted\.$/);
  });

  test('a cycle of jobs that all matter fails the transaction, printing the cycle and the keys that order it', () => {
    const draft = draftOf({
      'a.service': { deps: { Requires: ['b.service'], After: ['b.service'] } },
      'b.service': { deps: { Before: ['a.service'], After: ['a.service'] } },
    });
    pullIn(draft, [{ unit: 'a.service', type: 'start' }]);
    assert.throws(() => breakOrderingCycles(draft, [], { reuse: new Map(), replace: [] }),
      transactionError(/^Ordering cycle found: (a|b)\.service\/start → .* \(.*has After=.*\); the transaction is refused\.$/));
  });

  test('an installed job that stays counts in the check, and a replaced one does not', () => {
    const specs = { 'a.service': { deps: { After: ['b.service'] } }, 'b.service': { deps: { After: ['a.service'] } } };
    const installed: InstalledJob[] = [{ id: 9, unit: 'b.service', type: 'start' }];
    const staying = draftOf(specs);
    pullIn(staying, [{ unit: 'a.service', type: 'start' }]);
    assert.throws(() => breakOrderingCycles(staying, installed, { reuse: new Map(), replace: [] }), transactionError(/Ordering cycle/));
    const replacing = draftOf(specs);
    pullIn(replacing, [{ unit: 'a.service', type: 'start' }]);
    breakOrderingCycles(replacing, installed, { reuse: new Map(), replace: [9] });
    assert.deepEqual(replacing.warnings, []);
  });
});

describe('markMatters', () => {
  test('a job matters when an anchor reaches it through must-succeed pulls only', () => {
    const jobs = new Map<string, DraftJob>([
      ['a', job('a', { anchor: true, edges: [{ unit: 'b', required: true }, { unit: 'c', required: false }] })],
      ['b', job('b', { edges: [{ unit: 'd', required: true }] })],
      ['c', job('c', { matters: true, edges: [{ unit: 'e', required: true }] })],
      ['d', job('d')],
      ['e', job('e')],
    ]);
    markMatters(jobs);
    assert.deepEqual([...jobs.values()].filter((j) => j.matters).map((j) => j.unit), ['a', 'b', 'd']);
  });
});

describe('dropUnneeded', () => {
  test('the jobs no anchor reaches through any pull are deleted and returned', () => {
    const jobs = new Map<string, DraftJob>([
      ['a', job('a', { anchor: true, edges: [{ unit: 'b', required: false }] })],
      ['b', job('b')],
      ['orphan', job('orphan', { edges: [{ unit: 'child', required: true }] })],
      ['child', job('child')],
    ]);
    assert.deepEqual(dropUnneeded(jobs), ['orphan', 'child']);
    assert.deepEqual([...jobs.keys()], ['a', 'b']);
  });
});

describe('findOrderingCycle', () => {
  const specs = { 'a.service': { deps: { After: ['b.service'] } }, 'b.service': { deps: { After: ['a.service'] } } };

  test('two starts ordered after each other form a cycle, named from where it closes', () => {
    const cycle = findOrderingCycle(graphOf(specs), new Map([['a.service', 'start'], ['b.service', 'start']]));
    assert.ok(cycle);
    assert.equal(cycle[0], cycle.at(-1));
    assert.deepEqual(new Set(cycle), new Set(['a.service', 'b.service']));
  });

  test('a start and a stop of mutually ordered units wait one way only, so no cycle', () => {
    assert.equal(findOrderingCycle(graphOf(specs), new Map([['a.service', 'start'], ['b.service', 'stop']])), null);
  });
});

describe('buildTransaction', () => {
  test('ignore-dependencies plans the anchors alone and installs them ignoring ordering, even around a cycle', () => {
    const plan = buildTransaction(graphOf({ 'a.service': { deps: { Requires: ['b.service'], After: ['b.service'] } }, 'b.service': { deps: { After: ['a.service'] } } }), {
      anchors: [{ unit: 'a.service', type: 'start' }, { unit: 'b.service', type: 'start' }], mode: 'ignore-dependencies', installed: [],
    });
    assert.deepEqual([...plan.jobs], [['a.service', 'start'], ['b.service', 'start']]);
    assert.equal(plan.ignoreOrder, true);
    assert.equal(plan.irreversible, false);
  });

  test('a merged reload-or-start runs as a reload on a unit that is up', () => {
    const plan = buildTransaction(graphOf({ 'a.service': { active: 'active', deps: { Wants: ['b.service'] } }, 'b.service': { active: 'active' } }), {
      anchors: [{ unit: 'a.service', type: 'start' }, { unit: 'a.service', type: 'reload' }], mode: 'replace-irreversibly', installed: [],
    });
    assert.equal(plan.jobs.get('a.service'), 'reload');
    assert.equal(plan.irreversible, true);
  });
});
