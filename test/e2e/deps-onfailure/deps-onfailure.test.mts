// Scenario: OnFailure=, OnSuccess= and OnFailureJobMode= (systemd.unit(5)). A oneshot that fails
// starts its OnFailure= handler and not its OnSuccess= one; one that succeeds the other way round;
// a running service that crashes on its own starts its OnFailure= handler too; and with
// OnFailureJobMode=isolate the handler target is isolated, stopping what the boot started.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf } from '../harness.mjs';

describe('OnFailure and OnSuccess', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  /** How many times a handler ran: the lines it appended to its marker file. */
  const runs = async (file: string): Promise<number> =>
    (await sb.sh(`cat ${file} 2>/dev/null || true`)).stdout.split('\n').filter((l) => l !== '').length;
  before(async () => { sb = await Sandbox.boot({ units: [unitsOf(import.meta.url)] }); });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('a failing unit starts its OnFailure= handler', async () => {
    const r = await sb.sctl('start', 'boom.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Job for boom\.service failed/);
    assert.equal(await state('boom.service'), 'failed');
    assert.ok(await sb.waitFor(async () => (await runs('/run/on-boom')) === 1), `on-boom.service ran ${await runs('/run/on-boom')} times`);
  });

  test('a succeeding unit starts its OnSuccess= handler and not its OnFailure= one', async () => {
    const r = await sb.sctl('start', 'fine.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await sb.waitFor(async () => (await runs('/run/on-fine')) === 1), `on-fine.service ran ${await runs('/run/on-fine')} times`);
    assert.equal(await runs('/run/on-boom'), 1, 'OnFailure= is not triggered by a success');
  });

  test('a running service that crashes on its own starts its OnFailure= handler, not its OnSuccess= one', async () => {
    let r = await sb.sctl('start', 'crash.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('crash.service'), 'active');
    await sb.sh('touch /run/crash-now');
    assert.ok(await sb.waitFor(async () => (await state('crash.service')) === 'failed'), `crash.service is ${await state('crash.service')}`);
    assert.ok(await sb.waitFor(async () => (await runs('/run/on-boom')) === 2), `on-boom.service ran ${await runs('/run/on-boom')} times`);
    assert.equal(await runs('/run/on-fine'), 1);
    r = await sb.sctl('status', 'crash.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Active: failed/);
  });

  test('OnFailureJobMode=isolate isolates the handler target, stopping the boot services', async () => {
    assert.equal(await state('bystander.service'), 'active');
    const r = await sb.sctl('start', 'doom.service');
    assert.equal(r.exitCode, 1);
    assert.ok(await sb.waitFor(async () => (await state('fallback.target')) === 'active'), `fallback.target is ${await state('fallback.target')}`);
    assert.equal(await state('fallback-shell.service'), 'active');
    assert.ok(await sb.waitFor(async () => (await state('bystander.service')) === 'inactive'), `bystander.service is ${await state('bystander.service')}`);
    assert.equal(await state('multi-user.target'), 'inactive');
  });
});
