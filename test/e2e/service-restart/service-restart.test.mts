// Scenario (issue 4, Restart=): systemd.service(5)'s table of the seven Restart= policies against
// a clean exit, an unclean exit code and an unclean signal (each unit crashes once, then stays
// up if restarted), RestartSec= (the unit waits in auto-restart), RestartSteps=/
// RestartMaxDelaySec= (growing delays), RestartPreventExitStatus=, RestartForceExitStatus=,
// SuccessExitStatus=, and the start limit: StartLimitBurst= hit gives start-limit-hit, further
// starts are refused until `sctl reset-failed`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useScenario, describeRun, sleep, stateOf, waitProperty, type Sandbox } from '../service-common/lib.mjs';

const POLICIES = ['no', 'always', 'on-success', 'on-failure', 'on-abnormal', 'on-abort', 'on-watchdog'] as const;
const ENDINGS = {
  // what the first run does, and the state it leaves when it is not restarted
  exit0: { command: 'exit 0', final: 'inactive/dead/success' },
  exit1: { command: 'exit 1', final: 'failed/failed/exit-code' },
  sigkill: { command: 'kill -KILL $$$$', final: 'failed/failed/signal' },
} as const;
type Ending = keyof typeof ENDINGS;
// systemd.service(5), "Table 2. Exit causes and the effect of the Restart= settings".
const RESTARTS: Record<Ending, ReadonlyArray<typeof POLICIES[number]>> = {
  exit0: ['always', 'on-success'],
  exit1: ['always', 'on-failure'],
  sigkill: ['always', 'on-failure', 'on-abnormal', 'on-abort'],
};

function matrixUnits(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const policy of POLICIES) {
    for (const [ending, { command }] of Object.entries(ENDINGS)) {
      const name = `rm-${policy}-${ending}`;
      out[`${name}.service`] = [
        '[Unit]', `Description=Restart=${policy} against ${ending}`, '',
        '[Service]', `Restart=${policy}`, 'RestartSec=100ms',
        `ExecStart=/bin/sh -c 'if [ -e /run/${name}.ran ]; then exec sleep infinity; fi; touch /run/${name}.ran; sleep 0.3; ${command}'`, '',
      ].join('\n');
    }
  }
  return out;
}

describe('service restart policies', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; }, matrixUnits());

  test('each Restart= policy restarts exactly on the exit causes systemd\'s table lists', async () => {
    const names = POLICIES.flatMap((p) => Object.keys(ENDINGS).map((e) => `rm-${p}-${e}.service`));
    const r = await sb.sctl('start', ...names);
    assert.equal(r.exitCode, 0, describeRun(r));
    // Every first run ends after 0.3 s; a restart comes 100 ms later. Wait until each unit has
    // settled: running again after a restart, or in its final state.
    const expected = new Map<string, string>();
    for (const policy of POLICIES) {
      for (const ending of Object.keys(ENDINGS) as Ending[]) {
        const restarts = RESTARTS[ending].includes(policy);
        expected.set(`rm-${policy}-${ending}.service`, restarts ? 'active/running/success' : ENDINGS[ending].final);
      }
    }
    const seen = new Map<string, string>();
    await sb.waitFor(async () => {
      for (const [unit, want] of expected) if (seen.get(unit) !== want) seen.set(unit, await stateOf(sb, unit));
      return [...expected].every(([unit, want]) => seen.get(unit) === want);
    }, 20_000, 200);
    const wrong = [...expected].filter(([unit, want]) => seen.get(unit) !== want).map(([unit, want]) => `${unit}: want ${want}, got ${seen.get(unit)}`);
    assert.deepEqual(wrong, []);
    for (const [unit, want] of expected) {
      assert.equal(await sb.show(unit, 'NRestarts'), want.startsWith('active') ? '1' : '0', unit);
    }
  });

  test('RestartSec= holds the unit in auto-restart for that long before the next run', async () => {
    const r = await sb.sctl('start', 'r-restartsec.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'r-restartsec.service', 'SubState', ['auto-restart'], 5000), 'auto-restart');
    assert.equal(await sb.show('r-restartsec.service', 'ActiveState'), 'activating');
    assert.equal(await waitProperty(sb, 'r-restartsec.service', 'SubState', ['running'], 10_000), 'running');
    const runs = (await sb.sh('cat /run/r-restartsec.runs')).stdout.trim().split('\n').map(BigInt);
    assert.equal(runs.length, 2);
    const gapMs = Number((runs[1]! - runs[0]!) / 1_000_000n);
    assert.ok(gapMs >= 2000, `the second run began ${gapMs} ms after the first`);
  });

  test('RestartSteps= and RestartMaxDelaySec= make the delays grow towards the maximum', async () => {
    const r = await sb.sctl('start', 'r-steps.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => (await sb.sh('wc -l < /run/r-steps.runs')).stdout.trim() === '6', 20_000),
      `six runs: ${(await sb.sh('cat /run/r-steps.runs')).stdout}`);
    const runs = (await sb.sh('cat /run/r-steps.runs')).stdout.trim().split('\n').map(BigInt);
    const gaps = runs.slice(1).map((t, i) => Number((t - runs[i]!) / 1_000_000n));
    // 100 ms growing to 1600 ms in 4 steps: 100, 200, 400, 800, 1600 (plus the run's own time).
    assert.ok(gaps[0]! < 700, `first delay ${gaps.join(', ')}`);
    assert.ok(gaps[3]! >= 800 && gaps[4]! >= 1600, `delays grow: ${gaps.join(', ')} ms`);
    assert.ok(gaps[4]! > gaps[1]!, `delays grow: ${gaps.join(', ')} ms`);
  });

  test('RestartPreventExitStatus= stops Restart=always for that status', async () => {
    const r = await sb.sctl('start', 'r-prevent.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'r-prevent.service', 'ActiveState', ['failed'], 5000), 'failed');
    await sleep(500);
    assert.equal((await sb.sh('wc -l < /run/r-prevent.runs')).stdout.trim(), '1');
    assert.equal(await stateOf(sb, 'r-prevent.service'), 'failed/failed/exit-code');
  });

  test('RestartForceExitStatus= restarts despite Restart=no', async () => {
    const r = await sb.sctl('start', 'r-force.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'r-force.service', 'NRestarts', ['1'], 5000), '1');
    assert.equal(await waitProperty(sb, 'r-force.service', 'SubState', ['running'], 5000), 'running');
  });

  test('SuccessExitStatus= makes an exit status clean: no on-failure restart and result success', async () => {
    const r = await sb.sctl('start', 'r-success-status.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'r-success-status.service', 'ActiveState', ['inactive', 'failed'], 5000), 'inactive');
    await sleep(500);
    assert.equal(await stateOf(sb, 'r-success-status.service'), 'inactive/dead/success');
    assert.equal((await sb.sh('wc -l < /run/r-success-status.runs')).stdout.trim(), '1');
  });

  test('hitting the start limit fails the unit with start-limit-hit and refuses starts until reset-failed', async () => {
    let r = await sb.sctl('start', 'r-limit.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'r-limit.service', 'Result', ['start-limit-hit'], 10_000), 'start-limit-hit');
    assert.equal(await stateOf(sb, 'r-limit.service'), 'failed/failed/start-limit-hit');
    assert.equal((await sb.sh('wc -l < /run/r-limit.runs')).stdout.trim(), '3', 'StartLimitBurst=3 runs, then no more');
    r = await sb.sctl('start', 'r-limit.service');
    assert.notEqual(r.exitCode, 0, `a start within the interval is refused: ${describeRun(r)}`);
    assert.equal((await sb.sh('wc -l < /run/r-limit.runs')).stdout.trim(), '3');
    r = await sb.sctl('reset-failed', 'r-limit.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'r-limit.service'), 'inactive/dead/success');
    r = await sb.sctl('start', 'r-limit.service');
    assert.equal(r.exitCode, 0, `after reset-failed the unit starts again: ${describeRun(r)}`);
    assert.ok(await sb.waitFor(async () => Number((await sb.sh('wc -l < /run/r-limit.runs')).stdout.trim()) > 3, 5000));
  });
});
