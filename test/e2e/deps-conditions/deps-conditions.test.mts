// Scenario: Condition*= against Assert*= (systemd.unit(5)). A condition that is not met skips the
// unit: `sctl start` exits 0, the unit stays inactive, its command never runs, and `sctl status`
// shows the condition line. `!` negates a check and `|` makes it triggering (any one of them
// suffices). An assertion that is not met fails the start with "Assertion failed" and `sctl status`
// shows the assert line. Once the checked path exists, both units start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf } from '../harness.mjs';

describe('conditions and asserts', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  const ran = async (unit: string): Promise<boolean> => (await sb.sh(`test -e /run/ran-${unit}`)).exitCode === 0;
  before(async () => { sb = await Sandbox.boot({ units: [unitsOf(import.meta.url)] }); });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('an unmet ConditionPathExists= skips the unit: start exits 0, the unit stays inactive and never runs', async () => {
    const r = await sb.sctl('start', 'skipped.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(await state('skipped.service'), 'inactive');
    assert.equal(await ran('skipped.service'), false);
    assert.equal(await sb.show('skipped.service', 'ConditionResult'), 'no');
  });

  test('sctl status shows the condition that was not met', async () => {
    const r = await sb.sctl('status', 'skipped.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Active: inactive \(dead\)/);
    assert.match(r.stdout, /Condition: start condition failed at /);
    assert.match(r.stdout, /ConditionPathExists=\/run\/e2e-flag was not met/);
  });

  test('a negated condition (!) on an existing path skips the unit', async () => {
    let r = await sb.sctl('start', 'negated.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('negated.service'), 'inactive');
    assert.equal(await ran('negated.service'), false);
    r = await sb.sctl('status', 'negated.service');
    assert.match(r.stdout, /ConditionPathExists=!\/etc was not met/);
  });

  test('triggering conditions (|) pass when any one of them is met, and skip when none is', async () => {
    let r = await sb.sctl('start', 'either.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('either.service'), 'active');
    assert.equal(await ran('either.service'), true);
    assert.equal(await sb.show('either.service', 'ConditionResult'), 'yes');
    r = await sb.sctl('start', 'neither.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('neither.service'), 'inactive');
    assert.equal(await ran('neither.service'), false);
  });

  test('a unit whose every condition kind is met starts', async () => {
    const r = await sb.sctl('start', 'many.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const status = await sb.sctl('status', 'many.service');
    assert.equal(await state('many.service'), 'active', status.stdout);
    assert.equal(await ran('many.service'), true);
  });

  test('an unmet AssertPathExists= fails the start with an assert message, and status shows it', async () => {
    let r = await sb.sctl('start', 'asserted.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Assertion failed on job for asserted\.service\./);
    assert.equal(await ran('asserted.service'), false);
    assert.notEqual(await state('asserted.service'), 'active');
    assert.equal(await sb.show('asserted.service', 'AssertResult'), 'no');
    r = await sb.sctl('status', 'asserted.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Assert: start assertion failed at /);
    assert.match(r.stdout, /AssertPathExists=\/run\/e2e-flag was not met/);
  });

  test('an unmet AssertUser= fails the start even though the conditions pass', async () => {
    const r = await sb.sctl('start', 'asserted-user.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Assertion failed on job for asserted-user\.service\./);
    assert.equal(await ran('asserted-user.service'), false);
  });

  test('once the path exists the skipped and the asserted units both start', async () => {
    await sb.sh('touch /run/e2e-flag');
    let r = await sb.sctl('start', 'skipped.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('skipped.service'), 'active');
    assert.equal(await ran('skipped.service'), true);
    assert.equal(await sb.show('skipped.service', 'ConditionResult'), 'yes');
    r = await sb.sctl('start', 'asserted.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('asserted.service'), 'active');
    r = await sb.sctl('status', 'skipped.service');
    assert.doesNotMatch(r.stdout, /Condition: start condition failed/);
  });
});
