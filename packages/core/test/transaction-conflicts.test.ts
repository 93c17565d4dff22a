// Conflicts= between the jobs of one transaction (systemd.unit(5) "Conflicts="), through the real
// Manager with a fake worker pool: a job that does not matter to the request loses to one that
// does, together with every job that needs it; two that both matter refuse the transaction,
// naming both units. Whatever happens, two units that conflict are never both active.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSystem, service } from './manager-fakes';

test('sctl start a b where a Conflicts=b refuses the transaction naming both units and starts neither', async (t) => {
  const s = await fakeSystem({ 'a.service': service('Conflicts=b.service'), 'b.service': service() });
  t.after(() => s.cleanup());
  await assert.rejects(s.run('start', ['a.service', 'b.service']), (error: { code?: string; message: string }) => {
    assert.equal(error.code, 'ERR_TRANSACTION');
    assert.match(error.message, /b\.service would be both stopped \(a\.service has Conflicts=b\.service\) and started \(b\.service\/start\)/);
    return true;
  });
  await s.settle();
  assert.equal(s.state('a.service'), 'inactive');
  assert.equal(s.state('b.service'), 'inactive');
});

test('a start of A that Wants= and Conflicts= B starts A and drops the start of B', async (t) => {
  const s = await fakeSystem({ 'a.service': service('Wants=b.service\nConflicts=b.service'), 'b.service': service() });
  t.after(() => s.cleanup());
  const [job] = await s.run('start', ['a.service']);
  await s.settle();
  assert.equal(job!.result, 'done');
  assert.equal(s.state('a.service'), 'active');
  assert.equal(s.state('b.service'), 'inactive');
  assert.ok(!s.calls.includes('start b.service'), s.calls.join(', '));
});

test('a unit pulled in by Wants= whose stop of a conflicting anchor loses is dropped with everything that needs it', async (t) => {
  // a Wants=u, u Requires=w and Conflicts=v; the request also starts v. u's stop of v does not
  // matter to the request and loses to v's start, so u's start (which needs that stop) goes too,
  // and w (pulled in only by u) with it. Before, u was started beside v.
  const s = await fakeSystem({
    'a.service': service('Wants=u.service'), 'u.service': service('Conflicts=v.service\nRequires=w.service'),
    'v.service': service(), 'w.service': service(),
  });
  t.after(() => s.cleanup());
  const jobs = await s.run('start', ['a.service', 'v.service']);
  await s.settle();
  assert.deepEqual(jobs.map((j) => j.result), ['done', 'done']);
  assert.equal(s.state('v.service'), 'active');
  assert.equal(s.state('u.service'), 'inactive');
  assert.equal(s.state('w.service'), 'inactive');
  assert.ok(!s.calls.includes('start u.service') && !s.calls.includes('start w.service'), s.calls.join(', '));
});

test('OnFailure= naming two units that conflict never leaves both active', async (t) => {
  const s = await fakeSystem({
    'app.service': service('OnFailure=x.service y.service'), 'x.service': service('Conflicts=y.service'), 'y.service': service(),
  }, { fails: ['app.service'] });
  t.after(() => s.cleanup());
  const [job] = await s.run('start', ['app.service']);
  assert.equal(job!.result, 'failed');
  await s.settle();
  const active = ['x.service', 'y.service'].filter((u) => s.state(u) === 'active');
  assert.equal(active.length, 1, `exactly one of the conflicting OnFailure= units is active: ${active.join(', ')}`);
});
