// Scenario (issue 4, robustness): a service that crashes in a tight loop, one that floods its
// output, one that forks 10,000 children (and is then stopped), and one that never answers
// SIGTERM cannot stall the service worker or the core: while each misbehaves, `sctl status` of
// another unit answers and shows it active. The time of each answer is measured inside the
// sandbox (so nsenter's own start-up is not counted) and reported as a diagnostic; no wall-clock
// limit is asserted (a loaded 2-core machine would make one flaky), only that it answers.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { bootScenario, describeRun, sleep, stateOf, type Sandbox } from '../service-common/lib.mjs';

/** Runs `sctl status rb-probe.service` `times` times from inside; returns the answers' ms. */
async function probe(sb: Sandbox, t: TestContext, label: string, times = 5): Promise<number[]> {
  const r = await sb.sh(`for i in $(seq ${times}); do t0=$(date +%s%N); out=$(sctl status rb-probe.service); rc=$?; ` +
    `echo "$(( ($(date +%s%N) - t0) / 1000000 )) $rc $(echo "$out" | grep -c 'Active: active (running)')"; done`, { timeoutMs: 120_000 });
  const rows = r.stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
  assert.equal(rows.length, times, describeRun(r));
  for (const [, rc, active] of rows) {
    assert.equal(rc, 0, `sctl status answered with exit ${rc} (${label})`);
    assert.equal(active, 1, `rb-probe shows active (running) (${label})`);
  }
  const ms = rows.map(([m]) => m!);
  const line = `${label}: sctl status of another unit answered in ${ms.join(', ')} ms (max ${Math.max(...ms)})`;
  t.diagnostic(line);
  console.log(`# ${line}`);
  return ms;
}

describe('service robustness', () => {
  let sb: Sandbox;
  let cleanup: () => Promise<{ exitCode: number; output: string }>;
  let workerPid = 0;
  let corePid = 0;
  before(async () => {
    ({ sb, cleanup } = await bootScenario(import.meta.url, {}, 120));
    workerPid = await sb.pidOf('sm-service');
    corePid = await sb.pidOf('sysmaster');
    const r = await sb.sctl('start', 'rb-probe.service');
    assert.equal(r.exitCode, 0, describeRun(r));
  });
  after(async () => {
    if (!cleanup) return;
    const r = await cleanup();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('the baseline: sctl status answers while nothing misbehaves', async (t) => {
    await probe(sb, t, 'baseline');
  });

  test('a service crashing in a tight loop does not stall sctl', async (t) => {
    const r = await sb.sctl('start', '--no-block', 'rb-crash.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await sleep(2000);
    await probe(sb, t, 'crash loop');
    const restarts = Number(await sb.show('rb-crash.service', 'NRestarts'));
    t.diagnostic(`crash loop: ${restarts} restarts so far`);
    assert.ok(restarts >= 5, `it really is looping (${restarts} restarts)`);
    const stop = await sb.sctl('stop', 'rb-crash.service');
    assert.equal(stop.exitCode, 0, describeRun(stop));
    await sleep(500);
    assert.ok(['inactive', 'failed'].includes(await sb.show('rb-crash.service', 'ActiveState')), 'stop ends the loop');
    const after = Number(await sb.show('rb-crash.service', 'NRestarts'));
    await sleep(1000);
    assert.equal(Number(await sb.show('rb-crash.service', 'NRestarts')), after, 'no restart after stop');
  });

  test('a service flooding its output does not stall sctl, and its log keeps the flood', async (t) => {
    const r = await sb.sctl('start', 'rb-flood.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await sleep(500);
    await probe(sb, t, 'output flood');
    assert.ok(await sb.waitFor(async () => /flood: done/.test((await sb.sctl('logs', '-n', '3', 'rb-flood.service')).stdout), 120_000, 1000),
      'the whole flood was written and the last line is in the log');
    await probe(sb, t, 'after the flood', 3);
    const stop = await sb.sctl('stop', 'rb-flood.service');
    assert.equal(stop.exitCode, 0, describeRun(stop));
  });

  test('a service forking 10,000 children does not stall sctl, and stopping it removes them all', async (t) => {
    const r = await sb.sctl('start', 'rb-fork.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await probe(sb, t, 'while forking 10,000', 3);
    const count = async (): Promise<number> => Number((await sb.sh("pgrep -c -x -f 'sleep 611' || true")).stdout.trim());
    assert.ok(await sb.waitFor(async () => (await count()) >= 10_000, 180_000, 1000), `10,000 children (have ${await count()})`);
    await probe(sb, t, 'with 10,000 children', 3);
    const status = (await sb.sctl('status', 'rb-fork.service')).stdout;
    t.diagnostic(`status of rb-fork: ${status.split('\n').filter((l) => /Tasks|Memory|Active/.test(l)).join(' | ')}`);
    const stopping = sb.sctl('stop', 'rb-fork.service');
    await probe(sb, t, 'while stopping 10,000', 3);
    const stop = await stopping;
    assert.equal(stop.exitCode, 0, describeRun(stop));
    assert.ok(await sb.waitFor(async () => (await count()) === 0, 30_000), `left: ${await count()}`);
    assert.equal(await stateOf(sb, 'rb-fork.service'), 'inactive/dead/success');
  });

  test('a service that never answers SIGTERM does not stall sctl while it is being stopped', async (t) => {
    let r = await sb.sctl('start', 'rb-noterm.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    r = await sb.sctl('stop', '--no-block', 'rb-noterm.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => (await sb.show('rb-noterm.service', 'SubState')) === 'stop-sigterm', 5000));
    await probe(sb, t, 'while another unit ignores SIGTERM');
    // Other jobs run meanwhile: a start of an unrelated unit is not queued behind the stuck stop.
    r = await sb.sctl('restart', 'rb-probe.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await sb.show('rb-noterm.service', 'SubState'), 'stop-sigterm');
    r = await sb.sctl('kill', '-s', 'KILL', 'rb-noterm.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => ['inactive', 'failed'].includes(await sb.show('rb-noterm.service', 'ActiveState')), 5000));
  });

  test('the worker and the core are the same processes as at the start: nothing crashed', async () => {
    assert.ok(workerPid > 1 && corePid > 1);
    assert.equal(await sb.pidOf('sm-service'), workerPid, 'the service worker never died');
    assert.equal(await sb.pidOf('sysmaster'), corePid, 'the core never died');
  });
});
