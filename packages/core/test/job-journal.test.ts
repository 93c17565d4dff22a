// The job journal: a core replaced in the middle of a transaction leaves its jobs in the store,
// and the next core takes them up without starting anything twice (job/journal.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActiveState, UnitStatus__Output } from '@sysmaster/proto';
import type { JobView } from '../src/manager-core';
import { restoredJob, type JobRecord } from '../src/job/journal';
import { inactiveStatus } from '../src/units/unit-table';
import { fakeWorld, type FakeUnitSpec } from './fakes';
import { fakeSystem, service } from './manager-fakes';

function recordOf(overrides: Partial<JobRecord>): JobRecord {
  return {
    id: 1, unit: 'a.service', type: 'start', shownType: 'start', half: 'none', ignoreOrder: false, irreversible: false,
    queuedMonotonicUsec: 100, startCalledMonotonicUsec: 0, startCalledRealtimeUsec: 0, ...overrides,
  };
}

function statusOf(active: ActiveState, extra: Partial<UnitStatus__Output> = {}): UnitStatus__Output {
  return { ...inactiveStatus('a.service'), active_state: active, ...extra };
}

/** A journal that keeps what the store would: installed records by id, and the ended jobs. */
function memoryJournal(): { installed: Map<number, JobRecord>; finished: JobView[]; writeJobs(i: JobRecord[], f: JobView[]): void } {
  const journal = {
    installed: new Map<number, JobRecord>(),
    finished: [] as JobView[],
    writeJobs(installed: JobRecord[], finished: JobView[]): void {
      for (const r of installed) journal.installed.set(r.id, { ...r });
      for (const v of finished) { journal.installed.delete(v.id); journal.finished.push(v); }
    },
  };
  return journal;
}

test('a recorded job is taken up by the half it had reached and the state its unit shows now', () => {
  const started = { half: 'start' as const, startCalledMonotonicUsec: 500, startCalledRealtimeUsec: 5_000 };
  assert.deepEqual(restoredJob(recordOf({}), statusOf('inactive')), { install: 'start' });
  assert.deepEqual(restoredJob(recordOf({ type: 'restart', half: 'stop' }), statusOf('inactive')), { install: 'restart' });
  assert.deepEqual(restoredJob(recordOf(started), statusOf('active')), { end: 'done', message: '' });
  assert.deepEqual(restoredJob(recordOf({ ...started, type: 'restart', shownType: 'restart' }), statusOf('activating')), { install: 'start' });
  // Start was called but the unit never left inactive: the call never reached the worker.
  assert.deepEqual(restoredJob(recordOf(started), statusOf('inactive', { inactive_exit_monotonic_usec: 400 })), { install: 'start' });
  // It ran and ended while no core watched: judged by its result, not started again.
  assert.deepEqual(restoredJob(recordOf(started), statusOf('inactive', { inactive_exit_monotonic_usec: 600, result: 'success' })), { end: 'done', message: '' });
  const failed = restoredJob(recordOf(started), statusOf('failed', { inactive_exit_monotonic_usec: 600, result: 'exit-code' }));
  assert.ok('end' in failed && failed.end === 'failed' && failed.message.includes('exit-code'), JSON.stringify(failed));
  // A worker without a monotonic clock: its realtime stamps decide.
  assert.deepEqual(restoredJob(recordOf(started), statusOf('inactive', { inactive_exit_usec: 6_000, result: 'success' })), { end: 'done', message: '' });
});

test('a core replaced in the middle of a transaction: the next one finishes it, and no unit is started twice', async () => {
  const specs: Record<string, FakeUnitSpec> = {
    'a.service': { deps: { Requires: ['b.service'], After: ['b.service'] } },
    'b.service': {},
    'c.service': {},
  };
  const journal = memoryJournal();
  const first = fakeWorld(specs, { journal });
  const [job] = first.engine.enqueue([{ unit: 'a.service', type: 'start' }, { unit: 'c.service', type: 'start' }], 'replace');
  assert.ok(job);
  await new Promise((resolve) => setImmediate(resolve)); // b and c were asked to start; a waits for b
  assert.deepEqual(first.calls.sort(), ['start b.service', 'start c.service']);
  const taken = [...journal.installed.values()];
  assert.deepEqual(taken.map((r) => [r.unit, r.half]).sort(), [['a.service', 'none'], ['b.service', 'start'], ['c.service', 'start']]);
  // The first core is gone. While nobody watched, b went up and c ran and failed.
  const second = fakeWorld(specs, { firstId: 100 });
  second.states.set('b.service', 'active');
  second.states.set('c.service', 'failed');
  const cStarted = taken.find((r) => r.unit === 'c.service')!.startCalledMonotonicUsec;
  const status = (unit: string): UnitStatus__Output => ({
    ...inactiveStatus(unit), active_state: (second.states.get(unit) ?? 'inactive') as ActiveState,
    ...(unit === 'c.service' ? { result: 'exit-code', inactive_exit_monotonic_usec: cStarted + 1 } : {}),
  });
  const events: JobView[] = [];
  second.engine.events.on('job', (v) => { if (v.state === 'done') events.push(v); });
  second.engine.restore(taken, status);
  const results = await second.engine.waitJobs(taken.map((r) => r.id));
  assert.deepEqual(results.map((v) => [v.unit, v.result]).sort(), [['a.service', 'done'], ['b.service', 'done'], ['c.service', 'failed']]);
  assert.deepEqual(second.calls, ['start a.service'], 'only the job that had not run yet called Start');
  assert.equal(events.length, 3);
});

test('the finished jobs of the previous core answer waitJobs in the next one', async () => {
  const world = fakeWorld({ 'a.service': {} }, { firstId: 50 });
  world.engine.rememberFinished([{ id: 9, unit: 'a.service', type: 'restart', state: 'done', result: 'done', message: '' }]);
  assert.deepEqual((await world.engine.waitJobs([9])).map((v) => [v.id, v.type, v.result]), [[9, 'restart', 'done']]);
});

test('a request repeated with its request id is answered with the first one\'s jobs: a retried restart restarts once', async (t) => {
  const sys = await fakeSystem({ 'web.service': service('[Service]\nExecStart=/bin/true\n') });
  t.after(() => sys.cleanup());
  await sys.run('start', ['web.service']);
  const before = sys.calls.length;
  const [first, again] = await Promise.all([
    sys.manager.enqueue('restart', ['web.service'], 'replace', 'api', 'req-42'),
    sys.manager.enqueue('restart', ['web.service'], 'replace', 'api', 'req-42'),
  ]);
  await sys.manager.waitJobs(first.map((j) => j.id));
  const later = await sys.manager.enqueue('restart', ['web.service'], 'replace', 'api', 'req-42');
  assert.deepEqual(again.map((j) => j.id), first.map((j) => j.id));
  assert.deepEqual(later.map((j) => [j.id, j.state]), first.map((j) => [j.id, 'done']));
  assert.deepEqual(sys.calls.slice(before), ['stop web.service', 'start web.service']);
  assert.deepEqual(sys.store.request('req-42'), first.map((j) => j.id));
});
