// Scenario: the requirement dependencies of systemd.unit(5) on real services. Requires= on a unit
// that fails fails the requirer's job with result "dependency" (Wants= does not); Requisite= on an
// inactive unit fails without starting it; BindsTo= stops the binder when the bound service exits
// on its own; PartOf= carries the parent's restart and stop to the part; Conflicts= stops the
// other side, both ways; StopWhenUnneeded= stops a unit once nothing wants it; RefuseManualStart=
// and RefuseManualStop= refuse sctl but let dependencies through.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf } from '../harness.mjs';

describe('requirement dependencies', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  const becomes = (unit: string, want: string): Promise<boolean> => sb.waitFor(async () => (await state(unit)) === want);
  before(async () => { sb = await Sandbox.boot({ units: [unitsOf(import.meta.url)] }); });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('Requires= on a failing unit fails the start with a dependency result', async () => {
    const r = await sb.sctl('start', 'needs-fail.service');
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /A dependency job for needs-fail\.service failed\./);
    assert.match(r.stderr, /sctl status needs-fail\.service/);
    assert.equal(await state('needs-fail.service'), 'inactive');
    assert.equal(await state('fails.service'), 'failed');
    assert.equal(await sb.show('fails.service', 'Result'), 'exit-code');
  });

  test('Wants= on a failing unit still starts the wanting unit', async () => {
    const r = await sb.sctl('start', 'wants-fail.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('wants-fail.service'), 'active');
    assert.equal(await state('fails.service'), 'failed');
  });

  test('Requisite= on an inactive unit fails without starting it, and succeeds once it runs', async () => {
    let r = await sb.sctl('start', 'requisite.service');
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stderr, /A dependency job for requisite\.service failed\./);
    assert.equal(await state('gate.service'), 'inactive', 'Requisite= never starts the unit');
    assert.equal(await state('requisite.service'), 'inactive');
    r = await sb.sctl('start', 'gate.service');
    assert.equal(r.exitCode, 0, r.stderr);
    r = await sb.sctl('start', 'requisite.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('requisite.service'), 'active');
  });

  test('BindsTo= pulls the bound unit in and stops the binder when the bound service exits', async () => {
    const r = await sb.sctl('start', 'binder.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('bound.service'), 'active');
    assert.equal(await state('binder.service'), 'active');
    const binderPid = Number(await sb.show('binder.service', 'MainPID'));
    assert.ok(binderPid > 1);
    await sb.sh('touch /run/bound-exit');
    assert.ok(await becomes('bound.service', 'inactive'), `bound.service is ${await state('bound.service')}`);
    assert.ok(await becomes('binder.service', 'inactive'), `binder.service is ${await state('binder.service')}`);
    assert.equal((await sb.sh(`kill -0 ${binderPid} 2>/dev/null; echo $?`)).stdout.trim(), '1', 'the binder process is gone');
  });

  test('PartOf= restarts and stops the part with its parent, and starting the part leaves the parent alone', async () => {
    let r = await sb.sctl('start', 'part.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('parent.service'), 'inactive', 'PartOf= does not pull the parent in');
    r = await sb.sctl('start', 'parent.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const partPid = Number(await sb.show('part.service', 'MainPID'));
    const parentPid = Number(await sb.show('parent.service', 'MainPID'));
    r = await sb.sctl('restart', 'parent.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.notEqual(Number(await sb.show('parent.service', 'MainPID')), parentPid);
    const partPid2 = Number(await sb.show('part.service', 'MainPID'));
    assert.ok(partPid2 > 1 && partPid2 !== partPid, `part.service main pid ${partPid} -> ${partPid2}`);
    assert.equal(await state('part.service'), 'active');
    r = await sb.sctl('stop', 'parent.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('part.service'), 'inactive');
  });

  test('Conflicts= stops the other unit, in both directions', async () => {
    let r = await sb.sctl('start', 'two.service');
    assert.equal(r.exitCode, 0, r.stderr);
    r = await sb.sctl('start', 'one.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('one.service'), 'active');
    assert.equal(await state('two.service'), 'inactive');
    r = await sb.sctl('start', 'two.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('two.service'), 'active');
    assert.equal(await state('one.service'), 'inactive', 'the conflict is symmetric');
  });

  test('StopWhenUnneeded= stops the helper once nothing wants it', async () => {
    let r = await sb.sctl('start', 'user.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('helper.service'), 'active');
    r = await sb.sctl('stop', 'user.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await becomes('helper.service', 'inactive'), `helper.service is ${await state('helper.service')}`);
    // Started by hand with nobody wanting it, it is stopped again at once.
    r = await sb.sctl('start', 'helper.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await becomes('helper.service', 'inactive'), `helper.service is ${await state('helper.service')}`);
  });

  test('RefuseManualStart= and RefuseManualStop= refuse sctl but not a dependency', async () => {
    let r = await sb.sctl('start', 'manual-only.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /manual-only\.service may be requested by dependency only/);
    assert.equal(await state('manual-only.service'), 'inactive');
    r = await sb.sctl('start', 'puller.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('manual-only.service'), 'active');
    r = await sb.sctl('stop', 'manual-only.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /manual-only\.service may be requested by dependency only/);
    assert.equal(await state('manual-only.service'), 'active');
  });
});
