// Scenario (issue 4, sctl): `kill` with -s and --kill-whom=main|all, `reload` (ExecReload= with
// $MAINPID; refused without one), `reload-or-restart`, `try-restart` (does nothing to a stopped
// unit), `logs -n N` and `logs -f`, and the last log lines in `status`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { alive, useScenario, describeRun, pidsByArgs, stateOf, type Sandbox } from '../service-common/lib.mjs';

describe('sctl for services', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });

  test('kill --kill-whom=main signals only the main process', async () => {
    let r = await sb.sctl('start', 'k-kill.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await sb.waitFor(async () => /SIGTERM is ignored/.test((await sb.sctl('logs', 'k-kill.service')).stdout), 5000);
    assert.equal((await pidsByArgs(sb, 'sleep 7501')).length, 1);
    r = await sb.sctl('kill', '--kill-whom=main', '-s', 'HUP', 'k-kill.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => /ignoring signal 1\b/.test((await sb.sctl('logs', 'k-kill.service')).stdout), 5000));
    assert.equal((await pidsByArgs(sb, 'sleep 7501')).length, 1, 'the child did not get SIGHUP');
    assert.equal(await stateOf(sb, 'k-kill.service'), 'active/running/success');
  });

  test('kill (whom all by default) signals every process of the unit', async () => {
    const main = Number(await sb.show('k-kill.service', 'MainPID'));
    const r = await sb.sctl('kill', '-s', 'TERM', 'k-kill.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7501')).length === 0, 5000), 'the child died of SIGTERM');
    assert.ok(await alive(sb, main), 'the main process ignores SIGTERM');
    assert.equal(await stateOf(sb, 'k-kill.service'), 'active/running/success');
  });

  test('kill -s KILL --kill-whom=main ends the main process and the unit with result signal', async () => {
    const main = Number(await sb.show('k-kill.service', 'MainPID'));
    const r = await sb.sctl('kill', '--kill-whom=main', '-s', 'KILL', 'k-kill.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => (await stateOf(sb, 'k-kill.service')) === 'failed/failed/signal', 5000),
      await stateOf(sb, 'k-kill.service'));
    assert.equal(await alive(sb, main), false);
  });

  test('kill of a unit that is not running fails', async () => {
    const r = await sb.sctl('kill', 'k-noreload.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
  });

  test('reload runs ExecReload= with $MAINPID and keeps the main process', async () => {
    let r = await sb.sctl('start', 'k-reload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const pid = Number(await sb.show('k-reload.service', 'MainPID'));
    r = await sb.sctl('reload', 'k-reload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/k-reload.log')).stdout, `reloaded ${pid}`);
    assert.equal(Number(await sb.show('k-reload.service', 'MainPID')), pid);
  });

  test('reload of a unit without ExecReload= is refused', async () => {
    let r = await sb.sctl('start', 'k-noreload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    r = await sb.sctl('reload', 'k-noreload.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'k-noreload.service'), 'active/running/success');
  });

  test('reload-or-restart reloads a unit that can, and restarts one that cannot', async () => {
    const reloadable = Number(await sb.show('k-reload.service', 'MainPID'));
    const other = Number(await sb.show('k-noreload.service', 'MainPID'));
    let r = await sb.sctl('reload-or-restart', 'k-reload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(Number(await sb.show('k-reload.service', 'MainPID')), reloadable);
    assert.equal((await sb.sh('cat /run/k-reload.log')).stdout, `reloaded ${reloadable}\nreloaded ${reloadable}`);
    r = await sb.sctl('reload-or-restart', 'k-noreload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const now = Number(await sb.show('k-noreload.service', 'MainPID'));
    assert.ok(now > 0 && now !== other, `restarted: ${other} -> ${now}`);
  });

  test('try-restart restarts a running unit and leaves a stopped one stopped', async () => {
    const first = Number(await sb.show('k-noreload.service', 'MainPID'));
    let r = await sb.sctl('try-restart', 'k-noreload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const second = Number(await sb.show('k-noreload.service', 'MainPID'));
    assert.ok(second > 0 && second !== first, `restarted: ${first} -> ${second}`);
    r = await sb.sctl('stop', 'k-noreload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    r = await sb.sctl('try-restart', 'k-noreload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'k-noreload.service'), 'inactive/dead/success');
  });

  test('logs -n N prints the last N lines; status shows the last 10', async () => {
    const r = await sb.sctl('start', 'k-logs.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => /line-20/.test((await sb.sctl('logs', 'k-logs.service')).stdout), 5000));
    const logs = (await sb.sctl('logs', '-n', '5', 'k-logs.service')).stdout.trim().split('\n');
    assert.equal(logs.length, 5, logs.join('\n'));
    assert.deepEqual(logs.map((l) => /line-\d+/.exec(l)?.[0]), ['line-16', 'line-17', 'line-18', 'line-19', 'line-20']);
    const status = (await sb.sctl('status', 'k-logs.service')).stdout;
    assert.match(status, /line-11/);
    assert.doesNotMatch(status, /line-10\b/);
  });

  test('logs -f follows new lines as they are written', async () => {
    const r = await sb.sctl('start', 'k-follow.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    // Follow for 2 s, then stop the client; ticks written meanwhile must have arrived.
    const follow = await execa('nsenter', ['--target', String(sb.initPid), '--pid', '--mount', '--cgroup', '--',
      'env', '-i', 'PATH=/run/sysmaster-sandbox/bin:/usr/bin:/bin', 'timeout', '-s', 'INT', '3', 'sctl', 'logs', '-f', '-n', '1', 'k-follow.service'],
    { reject: false, timeout: 15_000 });
    const ticks = String(follow.stdout).split('\n').map((l) => Number(/tick (\d+)/.exec(l)?.[1])).filter((n) => n > 0);
    assert.ok(ticks.length >= 5, `followed ${ticks.length} lines: ${String(follow.stdout)}\n${String(follow.stderr)}`);
    for (let i = 1; i < ticks.length; i++) assert.equal(ticks[i], ticks[i - 1]! + 1, 'in order, none lost');
  });
});
