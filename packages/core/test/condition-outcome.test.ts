// ConditionResult=/AssertResult= and their timestamps, as systemd sets them at every start:
// a unit without any Condition*=/Assert*= passes both (an empty list is true) and is stamped,
// so `sctl show` reads ConditionResult=yes with a ConditionTimestamp=.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toUnitInfo } from '../src/api/convert';
import { fakeSystem, service } from './manager-fakes';

test('a unit without conditions shows ConditionResult=yes and AssertResult=yes with timestamps once started, and no before', async (t) => {
  const s = await fakeSystem({ 'plain.service': service() });
  t.after(() => s.cleanup());
  const unstarted = toUnitInfo(s.manager.unit('plain.service'));
  assert.equal(unstarted.conditions?.checked, false);
  assert.equal(s.manager.unit('plain.service').properties.ConditionResult, 'no');
  const before = Date.now() * 1000;
  await s.run('start', ['plain.service']);
  await s.settle();
  const view = s.manager.unit('plain.service');
  const info = toUnitInfo(view);
  assert.equal(view.properties.ConditionResult, 'yes');
  assert.equal(view.properties.AssertResult, 'yes');
  for (const outcome of [info.conditions, info.asserts]) {
    assert.equal(outcome?.checked, true);
    assert.equal(outcome?.passed, true);
    assert.ok(Number(outcome?.timestamp_usec) >= before, `stamped at the start (${String(outcome?.timestamp_usec)})`);
  }
});

test('a failed condition keeps the previous assert outcome and does not evaluate the asserts', async (t) => {
  const s = await fakeSystem({ 'gated.service': service('ConditionPathExists=/nonexistent-sysmaster-test\nAssertPathExists=/nonexistent-either') });
  t.after(() => s.cleanup());
  await s.run('start', ['gated.service']);
  await s.settle();
  const info = toUnitInfo(s.manager.unit('gated.service'));
  assert.equal(info.conditions?.passed, false);
  assert.equal(info.asserts?.checked, false);
});
