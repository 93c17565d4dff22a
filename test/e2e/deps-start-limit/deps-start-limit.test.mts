// Scenario: start limits (systemd.unit(5) StartLimitIntervalSec=, StartLimitBurst=). With a burst
// of 3, the 4th start within the interval is refused: the command never runs, the unit is failed
// with result start-limit-hit, and sctl says so plainly with the way out (reset-failed). Restarts
// count as starts. reset-failed clears the limit at once; an elapsed interval clears it too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, unitsOf } from '../harness.mjs';

describe('start limits', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  const runs = async (): Promise<number> =>
    (await sb.sh('cat /run/limited-runs 2>/dev/null || true')).stdout.split('\n').filter((l) => l !== '').length;
  /** sctl's refusal: the plain reason and the way out. */
  const assertRefused = (unit: string, r: { exitCode: number; stderr: string }): void => {
    assert.equal(r.exitCode, 1, r.stderr);
    const u = unit.replace(/\./g, '\\.');
    // systemctl's words ("Job for U failed because start of the service was attempted too
    // often.") or the manager's refusal ("Start request repeated too quickly for U"): either says
    // plainly that the unit was started too often.
    assert.match(r.stderr, new RegExp(`${u}`));
    assert.match(r.stderr, /attempted too often|repeated too quickly/);
    assert.match(r.stderr, new RegExp(`sctl reset-failed ${u}`), 'the message names the way out');
  };
  before(async () => { sb = await Sandbox.boot({ units: [unitsOf(import.meta.url)] }); });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('the 4th start within StartLimitIntervalSec= is refused with the plain message', async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await sb.sctl('start', 'limited.service');
      assert.equal(r.exitCode, 0, `start ${i}: ${r.stderr}`);
    }
    assert.equal(await runs(), 3);
    const r = await sb.sctl('start', 'limited.service');
    assertRefused('limited.service', r);
    assert.equal(await runs(), 3, 'the refused start never ran the command');
    assert.equal(await state('limited.service'), 'failed');
    assert.equal(await sb.show('limited.service', 'Result'), 'start-limit-hit');
    const status = await sb.sctl('status', 'limited.service');
    assert.match(status.stdout, /Active: failed \(Result: start-limit-hit\)/);
  });

  test('reset-failed clears the limit and the next start runs', async () => {
    let r = await sb.sctl('reset-failed', 'limited.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('limited.service'), 'inactive');
    r = await sb.sctl('start', 'limited.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await runs(), 4);
  });

  test('restarts count against the limit and the refused restart says so too', async () => {
    let r = await sb.sctl('start', 'limited-restart.service');
    assert.equal(r.exitCode, 0, r.stderr);
    for (let i = 2; i <= 3; i++) {
      r = await sb.sctl('restart', 'limited-restart.service');
      assert.equal(r.exitCode, 0, `start ${i}: ${r.stderr}`);
    }
    assert.equal(await state('limited-restart.service'), 'active');
    r = await sb.sctl('restart', 'limited-restart.service');
    assertRefused('limited-restart.service', r);
    assert.equal(await state('limited-restart.service'), 'failed');
    r = await sb.sctl('reset-failed');
    assert.equal(r.exitCode, 0, r.stderr);
    r = await sb.sctl('start', 'limited-restart.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('limited-restart.service'), 'active');
  });

  test('once StartLimitIntervalSec= has passed the unit starts again without reset-failed', async () => {
    for (let i = 1; i <= 2; i++) {
      const r = await sb.sctl('start', 'short-window.service');
      assert.equal(r.exitCode, 0, `start ${i}: ${r.stderr}`);
    }
    assertRefused('short-window.service', await sb.sctl('start', 'short-window.service'));
    await sleep(2_200);
    const r = await sb.sctl('start', 'short-window.service');
    assert.equal(r.exitCode, 0, r.stderr);
  });
});
