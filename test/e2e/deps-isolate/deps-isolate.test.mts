// Scenario: isolate (systemctl(1) isolate, systemd.unit(5) AllowIsolate=, IgnoreOnIsolate=).
// Isolating a target without AllowIsolate= is refused and changes nothing; isolating a custom
// target with AllowIsolate= starts what it wants and stops everything else, except units with
// IgnoreOnIsolate=; rescue.target does the same; isolating default.target brings the boot back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf } from '../harness.mjs';

describe('isolate', () => {
  let sb: Sandbox;
  let survivorPid = 0;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  before(async () => {
    sb = await Sandbox.boot({ units: [unitsOf(import.meta.url)] });
    survivorPid = Number(await sb.show('survivor.service', 'MainPID'));
  });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('the boot started both services that multi-user.target wants', async () => {
    assert.equal(await state('victim.service'), 'active');
    assert.equal(await state('survivor.service'), 'active');
    assert.ok(survivorPid > 1);
  });

  test('isolating a target without AllowIsolate= is refused and changes nothing', async () => {
    let r = await sb.sctl('isolate', 'noiso.target');
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.stderr, /noiso\.target/);
    // systemd's sentence, optionally naming the unit.
    assert.match(r.stderr, /Operation refused, unit (noiso\.target )?may not be isolated\./);
    r = await sb.sctl('start', '--job-mode=isolate', 'noiso.target');
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.stderr, /may not be isolated/);
    assert.equal(await state('noiso.target'), 'inactive');
    assert.equal(await state('keep.service'), 'inactive');
    assert.equal(await state('victim.service'), 'active');
    assert.equal(await state('multi-user.target'), 'active');
  });

  test('isolating a custom target starts what it wants and stops the rest, except IgnoreOnIsolate= units', async () => {
    const r = await sb.sctl('isolate', 'iso.target');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('iso.target'), 'active');
    assert.equal(await state('keep.service'), 'active');
    assert.equal(await state('victim.service'), 'inactive');
    assert.equal(await state('multi-user.target'), 'inactive');
    assert.equal(await state('survivor.service'), 'active');
    assert.equal(Number(await sb.show('survivor.service', 'MainPID')), survivorPid, 'the survivor was not restarted');
  });

  test('isolating rescue.target stops the custom target and what it wanted', async () => {
    const r = await sb.sctl('isolate', 'rescue.target');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('rescue.target'), 'active');
    assert.equal(await state('sysinit.target'), 'active', 'rescue.target requires sysinit.target');
    assert.equal(await state('iso.target'), 'inactive');
    assert.equal(await state('keep.service'), 'inactive');
    assert.equal(await state('victim.service'), 'inactive');
    assert.equal(Number(await sb.show('survivor.service', 'MainPID')), survivorPid, 'the survivor was not restarted');
  });

  test('isolating default (the .target suffix implied) brings the boot services back', async () => {
    const r = await sb.sctl('isolate', 'default');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('multi-user.target'), 'active');
    assert.equal(await state('victim.service'), 'active');
    assert.equal(await state('rescue.target'), 'inactive', 'multi-user.target conflicts with rescue.target');
    assert.equal(Number(await sb.show('survivor.service', 'MainPID')), survivorPid, 'the survivor was not restarted');
  });
});
