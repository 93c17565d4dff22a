// Scenario: misbehaving workers are contained (issue 7 item 5). Five unit types are registered
// from workers/ beside this file, each served by fixtures/misbehaving-worker.js breaking the
// contract one way: crashing in a loop, hanging, flooding Watch, sending garbage, never
// answering. Each test checks that the core still answers sctl within a bound, that the plain
// service type keeps working, and that the unit of the misbehaving type says why.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, unitsOf, useSandbox } from '../harness.mjs';

const WORKERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workers');

/** How long `sctl is-active ok.service` takes inside the sandbox, in ms (nsenter not counted). */
async function answerMs(sb: Sandbox): Promise<number> {
  const r = await sb.sh('t0=$(date +%s%N); sctl is-active ok.service >/dev/null; echo $(( ($(date +%s%N) - t0) / 1000000 ))');
  return Number(r.stdout.trim());
}

async function statusText(sb: Sandbox, unit: string): Promise<string> {
  const r = await sb.sctl('status', unit);
  return `${r.stdout}\n${r.stderr}`;
}

/** The plain service type is unaffected: ok.service restarts and answers. */
async function othersWork(sb: Sandbox): Promise<void> {
  const r = await sb.sctl('restart', 'ok.service');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal((await sb.sctl('is-active', 'ok.service')).stdout.trim(), 'active');
}

describe('worker isolation', () => {
  let sb: Sandbox;
  let core = 0;
  useSandbox(async () => {
    const s = await Sandbox.boot({ units: [unitsOf(import.meta.url)], workers: [WORKERS], timeoutSec: 120 });
    core = await s.pidOf('sysmaster');
    assert.equal((await s.sctl('start', 'ok.service')).exitCode, 0);
    return s;
  }, (s) => { sb = s; });

  test('a worker that never answers Describe fails, and its unit\'s load error names the reason', async () => {
    const text = await statusText(sb, 'one.mute');
    assert.match(text, /did not answer Describe on .*mute\.sock within 10s/);
    const start = await sb.sctl('start', 'one.mute');
    assert.notEqual(start.exitCode, 0);
    await othersWork(sb);
  });

  test('a crash-looping worker is restarted with a growing backoff and its unit says how often', async () => {
    assert.ok(await sb.waitFor(async () => /the crashy worker (is restarting|was restarted) .*[3-9] restarts? so far|the crashy worker was restarted ([3-9]|\d\d) times/.test(await statusText(sb, 'one.crashy')), 20_000, 500),
      await statusText(sb, 'one.crashy'));
    const ms = await answerMs(sb);
    assert.ok(ms < 1000, `sctl answered in ${ms} ms`);
    await othersWork(sb);
  });

  test('a hung worker is killed after three missed keepalives and started again', async () => {
    const first = await sb.pidOf('sm-hung');
    assert.ok(await sb.waitFor(async () => /missed 3 keepalives in a row/.test(await statusText(sb, 'one.hung')), 20_000, 500), await statusText(sb, 'one.hung'));
    assert.ok(await sb.waitFor(async () => { const pid = await sb.pidOf('sm-hung'); return pid > 1 && pid !== first; }, 10_000), 'a new hung worker runs');
    const ms = await answerMs(sb);
    assert.ok(ms < 1000, `sctl answered in ${ms} ms while a worker hangs`);
    await othersWork(sb);
  });

  test('a flooding worker is rate-limited and reported while the core keeps answering', async () => {
    assert.ok(await sb.waitFor(async () => /the flood worker is flooding the core with events; \d+ were dropped/.test(await statusText(sb, 'one.flood')), 15_000, 500),
      await statusText(sb, 'one.flood'));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await answerMs(sb));
    assert.ok(Math.max(...times) < 1000, `sctl answered in ${times.join(', ')} ms under the flood`);
    await othersWork(sb);
  });

  test('garbage from a worker is ignored and counted: no stray unit appears', async () => {
    assert.ok(await sb.waitFor(async () => /the junk worker sent \d+ invalid statuses/.test(await statusText(sb, 'one.junk')), 10_000, 500));
    const units = await sb.sctl('list-units', '--all', '--no-legend');
    assert.doesNotMatch(units.stdout, /stray\d+\.service|odd\d+\.junk/);
    await othersWork(sb);
  });

  test('through all of it the core never died', async () => {
    await sleep(200);
    assert.equal(await sb.pidOf('sysmaster'), core);
  });
});
