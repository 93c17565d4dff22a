import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeWorld } from './fakes';

test('start pulls in the units it Requires and starts them before it when ordered After', async () => {
  const w = fakeWorld({
    'app.service': { deps: { Requires: ['db.service'], After: ['db.service'] } },
    'db.service': {},
  });
  const [job] = w.engine.enqueue([{ unit: 'app.service', type: 'start' }], 'replace');
  const [done] = await w.engine.waitJobs([job!.id]);
  assert.equal(done!.result, 'done');
  assert.deepEqual(w.calls, ['start db.service', 'start app.service']);
});

test('a Requires that fails to start fails the dependent start job with result dependency without running it', async () => {
  const w = fakeWorld({
    'app.service': { deps: { Requires: ['db.service'], After: ['db.service'] } },
    'db.service': { fails: true },
  });
  const [job] = w.engine.enqueue([{ unit: 'app.service', type: 'start' }], 'replace');
  const [done] = await w.engine.waitJobs([job!.id]);
  assert.equal(done!.result, 'dependency');
  assert.match(done!.message, /db\.service/);
  assert.deepEqual(w.calls, ['start db.service']);
});

test('a Requires on a unit that cannot load fails the transaction naming the unit and key', () => {
  const w = fakeWorld({ 'app.service': { deps: { Requires: ['gone.service'] } } });
  assert.throws(() => w.engine.enqueue([{ unit: 'app.service', type: 'start' }], 'replace'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ERR_TRANSACTION');
    assert.match(e.message, /app\.service has Requires=gone\.service/);
    return true;
  });
  assert.equal(w.engine.count(), 0);
});

test('Wants pulls in a start and tolerates its failure and a wanted unit that cannot load', async () => {
  const w = fakeWorld({
    'multi-user.target': { deps: { Wants: ['bad.service', 'gone.service', 'ok.service'], After: ['bad.service', 'ok.service'] } },
    'bad.service': { fails: true },
    'ok.service': {},
  });
  const [job] = w.engine.enqueue([{ unit: 'multi-user.target', type: 'start' }], 'replace');
  const [done] = await w.engine.waitJobs([job!.id]);
  assert.equal(done!.result, 'done');
  assert.deepEqual(new Set(w.calls), new Set(['start bad.service', 'start ok.service', 'start multi-user.target']));
  assert.equal(w.calls.at(-1), 'start multi-user.target');
});

test('Before= on the other unit orders starts like After= on this one', async () => {
  const w = fakeWorld({ 'a.service': { deps: { Wants: ['b.service'] } }, 'b.service': { deps: { Before: ['a.service'] } } });
  const [job] = w.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace');
  await w.engine.waitJobs([job!.id]);
  await w.settle();
  assert.deepEqual(w.calls, ['start b.service', 'start a.service']);
});

test('stop propagates to units that Require the stopped one, and stops run in reverse order', async () => {
  const w = fakeWorld({
    'app.service': { active: true, deps: { Requires: ['db.service'], After: ['db.service'] } },
    'db.service': { active: true },
    'other.service': { active: true },
  });
  const [job] = w.engine.enqueue([{ unit: 'db.service', type: 'stop' }], 'replace');
  await w.engine.waitJobs([job!.id]);
  await w.settle();
  assert.deepEqual(w.calls, ['stop app.service', 'stop db.service']);
  assert.equal(w.states.get('other.service'), 'active');
});

test('restart stops (telling the worker it is a restart) then starts the same unit in one job', async () => {
  const w = fakeWorld({ 'a.service': { active: true } });
  const [job] = w.engine.enqueue([{ unit: 'a.service', type: 'restart' }], 'replace');
  const [done] = await w.engine.waitJobs([job!.id]);
  assert.equal(done!.result, 'done');
  assert.deepEqual(w.calls, ['stop a.service (restart)', 'start a.service']);
  assert.equal(w.states.get('a.service'), 'active');
});

test('restarting two units ordered X Before=Y stops Y, stops X, starts X, then starts Y, as systemd orders restart jobs', async () => {
  const w = fakeWorld({ 'x.service': { active: true, deps: { Before: ['y.service'] } }, 'y.service': { active: true } });
  const jobs = w.engine.enqueue([{ unit: 'x.service', type: 'restart' }, { unit: 'y.service', type: 'restart' }], 'replace');
  const done = await w.engine.waitJobs(jobs.map((j) => j.id));
  assert.deepEqual(done.map((j) => j.result), ['done', 'done']);
  assert.deepEqual(w.calls, ['stop y.service (restart)', 'stop x.service (restart)', 'start x.service', 'start y.service']);
});

test('a start job on an active unit and a stop job on an inactive one are done at once without a call', () => {
  const w = fakeWorld({ 'up.service': { active: true }, 'down.service': {} });
  const jobs = w.engine.enqueue([{ unit: 'up.service', type: 'start' }, { unit: 'down.service', type: 'stop' }], 'replace');
  assert.deepEqual(jobs.map((j) => j.result), ['done', 'done']);
  assert.deepEqual(w.calls, []);
});

test('jobs merge: a second start of a queued unit reuses its job, and start vs stop in one transaction is refused', () => {
  const w = fakeWorld({ 'a.service': { deps: { After: ['slow.service'] } }, 'slow.service': {}, 'c.service': { deps: { Conflicts: ['a.service'], Requires: ['a.service'] } } });
  const [first] = w.engine.enqueue([{ unit: 'slow.service', type: 'start' }, { unit: 'a.service', type: 'start' }], 'replace').slice(1);
  const [again] = w.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace');
  assert.equal(again!.id, first!.id);
  assert.throws(() => w.engine.enqueue([{ unit: 'c.service', type: 'start' }], 'replace'), /would be both started \(c\.service has Requires=a\.service\) and stopped \(c\.service has Conflicts=a\.service\)/);
});

test("mode 'fail' refuses a transaction that conflicts with a queued job and 'replace' cancels it", async () => {
  const w = fakeWorld({ 'a.service': { deps: { After: ['slow.service'] } }, 'slow.service': {} });
  const [, queued] = w.engine.enqueue([{ unit: 'slow.service', type: 'start' }, { unit: 'a.service', type: 'start' }], 'replace');
  assert.throws(() => w.engine.enqueue([{ unit: 'a.service', type: 'stop' }], 'fail'), /is destructive/);
  const [stop] = w.engine.enqueue([{ unit: 'a.service', type: 'stop' }], 'replace');
  const [old] = await w.engine.waitJobs([queued!.id]);
  assert.equal(old!.result, 'canceled');
  const [stopped] = await w.engine.waitJobs([stop!.id]);
  assert.equal(stopped!.result, 'done');
});

test('an ordering cycle fails the transaction naming the units in it', () => {
  const w = fakeWorld({
    'a.service': { deps: { Requires: ['b.service'], After: ['b.service'] } },
    'b.service': { deps: { Requires: ['c.service'], After: ['c.service'] } },
    'c.service': { deps: { After: ['a.service'] } },
  });
  assert.throws(() => w.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace'), (e: Error) => {
    assert.match(e.message, /Ordering cycle/);
    for (const u of ['a.service', 'b.service', 'c.service']) assert.ok(e.message.includes(u), `${u} named in ${e.message}`);
    return true;
  });
  assert.equal(w.engine.count(), 0);
});

test('units without ordering between them start in parallel', async () => {
  const w = fakeWorld({
    'all.target': { deps: { Wants: ['a.service', 'b.service', 'c.service'] } },
    'a.service': {}, 'b.service': {}, 'c.service': {},
  });
  const [job] = w.engine.enqueue([{ unit: 'all.target', type: 'start' }], 'replace');
  await w.engine.waitJobs([job!.id]);
  await w.settle();
  assert.equal(w.maxConcurrentStarts, 4);
});

test("a request the worker rejects fails the job with the worker's message", async () => {
  const w = fakeWorld({ 'a.service': { active: true } });
  const [job] = w.engine.enqueue([{ unit: 'a.service', type: 'reload' }], 'replace');
  const [done] = await w.engine.waitJobs([job!.id]);
  assert.equal(done!.result, 'failed');
  assert.match(done!.message, /not supported/);
});

test('canceling a waiting job ends it with result canceled and waitJobs of an unknown id is an error', async () => {
  const w = fakeWorld({ 'a.service': { deps: { After: ['slow.service'] } }, 'slow.service': {} });
  const [, a] = w.engine.enqueue([{ unit: 'slow.service', type: 'start' }, { unit: 'a.service', type: 'start' }], 'replace');
  w.engine.cancel([a!.id]);
  const [done] = await w.engine.waitJobs([a!.id]);
  assert.equal(done!.result, 'canceled');
  await assert.rejects(w.engine.waitJobs([999]), /Job 999 does not exist/);
});

test('a start that ends inactive is done when the run succeeded or ExecCondition skipped it, and failed otherwise', async () => {
  const w = fakeWorld({
    'once.service': { endsInactive: 'success' },
    'skipped.service': { endsInactive: 'exec-condition' },
    'broken.service': { endsInactive: 'exit-code' },
  });
  const jobs = ['once.service', 'skipped.service', 'broken.service']
    .map((unit) => w.engine.enqueue([{ unit, type: 'start' }], 'replace')[0]!.id);
  const done = await w.engine.waitJobs(jobs);
  assert.deepEqual(done.map((j) => j.result), ['done', 'done', 'failed']);
});

test('a pulled-in job that would do nothing (a start of a unit that is up) is left out, so it cannot wait behind an unrelated stop', async () => {
  const w = fakeWorld({
    'base.target': { active: true },
    'probe.service': { active: true, deps: { Requires: ['base.target'], After: ['base.target'] } },
    'stuck.service': { active: true, deps: { After: ['base.target'] } },
  });
  const jobs = w.engine.enqueue([{ unit: 'probe.service', type: 'restart' }], 'replace');
  assert.deepEqual(w.engine.jobs().map((j) => j.unit), ['probe.service'], 'no start job for the active base.target');
  const [done] = await w.engine.waitJobs(jobs.map((j) => j.id));
  assert.equal(done!.result, 'done');
});
