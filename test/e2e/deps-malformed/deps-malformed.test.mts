// Scenario: malformed dependency values get a clear message naming the unit and the key, and
// nothing crashes. A Requires= on a unit that does not exist fails the start (a Wants= on it does
// not); a bad OnFailureJobMode= and a dependency that is not a unit name load as bad-setting with
// file, line and key; a Requires= ordering cycle fails the transaction with the cycle printed,
// while a cycle through a Wants= job is broken by dropping that job; a unit depending on itself
// starts; a Requires= cycle among units wanted at boot does not block the boot.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Sandbox, unitsOf, useSandbox } from '../harness.mjs';

const UNITS = unitsOf(import.meta.url);

describe('malformed dependency values', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  useSandbox(() => Sandbox.boot({ units: [UNITS] }), (s) => { sb = s; }, undefined, { managersSurvive: true });

  test('a Requires= cycle among units wanted at boot does not block the boot', async () => {
    assert.equal(await state('multi-user.target'), 'active');
    assert.equal(await state('healthy.service'), 'active');
    for (const u of ['boot-cyc-a.service', 'boot-cyc-b.service']) {
      assert.notEqual(await state(u), 'active', `${u}: its job was dropped to break the cycle`);
      assert.notEqual(await state(u), 'activating', `${u} is not stuck`);
    }
  });

  test('Requires= on a unit that does not exist fails the start, naming the unit and the key', async () => {
    const r = await sb.sctl('start', 'needs-ghost.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /ghost\.service/);
    assert.match(r.stderr, /Requires/, r.stderr);
    assert.equal(await state('needs-ghost.service'), 'inactive');
  });

  test('Wants= on a unit that does not exist is ignored', async () => {
    const r = await sb.sctl('start', 'wants-ghost.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('wants-ghost.service'), 'active');
  });

  test('a bad OnFailureJobMode= loads as bad-setting naming the file, line and key', async () => {
    let r = await sb.sctl('status', 'bad-mode.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Loaded: bad-setting/);
    assert.ok(r.stdout.includes(`${path.join(UNITS, 'bad-mode.service')}:4`), r.stdout);
    assert.match(r.stdout, /OnFailureJobMode/);
    assert.match(r.stdout, /sideways/);
    r = await sb.sctl('start', 'bad-mode.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /bad-mode\.service/);
  });

  test('a dependency that is not a unit name loads as bad-setting naming the file, line and key', async () => {
    const r = await sb.sctl('status', 'bad-name.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Loaded: bad-setting/);
    assert.ok(r.stdout.includes(`${path.join(UNITS, 'bad-name.service')}:4`), r.stdout);
    assert.match(r.stdout, /Requires/);
    assert.match(r.stdout, /not\/a\/unit/);
  });

  test('a Requires= ordering cycle fails the start with the cycle printed', async () => {
    const r = await sb.sctl('start', 'cyc-a.service');
    assert.equal(r.exitCode, 1, r.stdout);
    assert.match(r.stderr, /cycl/i);
    assert.match(r.stderr, /cyc-a\.service/);
    assert.match(r.stderr, /cyc-b\.service/);
    assert.match(r.stderr, /After|Before/, 'the ordering key of the cycle is named');
    assert.equal(await state('cyc-a.service'), 'inactive');
    assert.equal(await state('cyc-b.service'), 'inactive');
  });

  test('an ordering cycle through a Wants= job is broken by dropping that job', async () => {
    const r = await sb.sctl('start', 'wcyc-a.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('wcyc-a.service'), 'active');
    assert.equal(await state('wcyc-b.service'), 'inactive', 'the wanted job in the cycle was dropped');
  });

  test('a unit that requires and orders itself after itself starts', async () => {
    const r = await sb.sctl('start', 'self.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('self.service'), 'active');
  });

  test('the rest of the system is untouched', async () => {
    assert.equal(await state('healthy.service'), 'active');
    const r = await sb.sctl('list-units');
    assert.equal(r.exitCode, 0, r.stderr);
  });
});
