// Scenario (issue 4, timeouts and stopping): a daemon that ignores SIGTERM is SIGKILLed after
// TimeoutStopSec= (passing through stop-sigterm; result timeout), KillSignal= and SendSIGHUP=,
// SendSIGKILL=no, KillMode= control-group/process/mixed/none, the children a main process leaves
// behind, TimeoutStartSec= and RuntimeMaxSec= (result timeout), and ExecStop=/ExecStopPost= with
// $MAINPID, $SERVICE_RESULT and $EXIT_CODE.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alive, useScenario, describeRun, pidsByArgs, stateOf, waitProperty, type Sandbox } from '../service-common/lib.mjs';

describe('service stop and timeouts', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });

  async function started(unit: string): Promise<number> {
    const r = await sb.sctl('start', unit);
    assert.equal(r.exitCode, 0, `${unit}: ${describeRun(r)}`);
    const pid = Number(await sb.show(unit, 'MainPID'));
    assert.ok(pid > 1, `${unit} runs`);
    return pid;
  }

  test('a daemon that ignores SIGTERM sits in stop-sigterm, then is SIGKILLed after TimeoutStopSec= (result timeout)', async () => {
    const pid = await started('s-ignore-term.service');
    await sb.waitFor(async () => /SIGTERM is ignored/.test((await sb.sctl('logs', 's-ignore-term.service')).stdout), 5000);
    const t0 = Date.now();
    const stop = sb.sctl('stop', 's-ignore-term.service');
    assert.equal(await waitProperty(sb, 's-ignore-term.service', 'SubState', ['stop-sigterm'], 5000), 'stop-sigterm');
    assert.ok(await alive(sb, pid), 'still alive during stop-sigterm');
    const r = await stop;
    const tookMs = Date.now() - t0;
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(tookMs >= 2000, `the stop waited for TimeoutStopSec=2 (took ${tookMs} ms)`);
    assert.equal(await alive(sb, pid), false);
    assert.equal(await stateOf(sb, 's-ignore-term.service'), 'failed/failed/timeout');
    assert.match((await sb.sctl('logs', 's-ignore-term.service')).stdout, /ignoring signal 15/);
  });

  test('KillSignal=SIGINT and SendSIGHUP=yes send SIGINT then SIGHUP, and SIGKILL ends it', async () => {
    const pid = await started('s-killsignal.service');
    await sb.waitFor(async () => /SIGTERM is ignored/.test((await sb.sctl('logs', 's-killsignal.service')).stdout), 5000);
    const r = await sb.sctl('stop', 's-killsignal.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await alive(sb, pid), false);
    const logs = (await sb.sctl('logs', 's-killsignal.service')).stdout;
    assert.match(logs, /ignoring signal 2\b/);
    assert.match(logs, /ignoring signal 1\b/);
    assert.doesNotMatch(logs, /ignoring signal 15\b/);
  });

  test('SendSIGKILL=no leaves a process that ignores SIGTERM running after the timeout', async () => {
    const pid = await started('s-nosigkill.service');
    await sb.waitFor(async () => /SIGTERM is ignored/.test((await sb.sctl('logs', 's-nosigkill.service')).stdout), 5000);
    const r = await sb.sctl('stop', 's-nosigkill.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.notEqual((await sb.sctl('is-active', 's-nosigkill.service')).stdout.trim(), 'active');
    assert.ok(await alive(sb, pid), 'the process was never SIGKILLed');
    await sb.sh(`kill -9 ${pid}`);
  });

  test('KillMode=control-group stops every process of the cgroup', async () => {
    const pid = await started('s-kill-cgroup.service');
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7201')).length === 3, 5000));
    const r = await sb.sctl('stop', 's-kill-cgroup.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await alive(sb, pid), false);
    assert.deepEqual(await pidsByArgs(sb, 'sleep 7201'), []);
    assert.equal(await stateOf(sb, 's-kill-cgroup.service'), 'inactive/dead/success');
  });

  test('KillMode=process stops only the main process and leaves the children running', async () => {
    const pid = await started('s-kill-process.service');
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7202')).length === 3, 5000));
    const r = await sb.sctl('stop', 's-kill-process.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await alive(sb, pid), false);
    const children = await pidsByArgs(sb, 'sleep 7202');
    assert.equal(children.length, 3, 'the three children survive');
    assert.equal(await stateOf(sb, 's-kill-process.service'), 'inactive/dead/success');
    await sb.sh(`kill -9 ${children.join(' ')}`);
  });

  test('KillMode=mixed sends SIGTERM to the main process and SIGKILL to the rest without waiting out the timeout', async () => {
    const pid = await started('s-kill-mixed.service');
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7203')).length === 2, 5000));
    const r = await sb.sctl('stop', 's-kill-mixed.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await alive(sb, pid), false);
    assert.deepEqual(await pidsByArgs(sb, 'sleep 7203'), [], 'the SIGTERM-proof children were SIGKILLed');
    assert.equal(await stateOf(sb, 's-kill-mixed.service'), 'inactive/dead/success',
      'no timeout: mixed does not wait TimeoutStopSec=30 for children that ignore SIGTERM');
  });

  test('KillMode=none runs ExecStop= with $MAINPID and kills nothing', async () => {
    const pid = await started('s-kill-none.service');
    const r = await sb.sctl('stop', 's-kill-none.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/s-kill-none.stop')).stdout.trim(), `stop-ran-for-${pid}`);
    assert.ok(await alive(sb, pid), 'KillMode=none leaves the process');
    assert.notEqual((await sb.sctl('is-active', 's-kill-none.service')).stdout.trim(), 'active');
    await sb.sh(`kill -9 ${pid}`);
  });

  test('children left behind by a main process that exits are killed with the cgroup', async () => {
    const r = await sb.sctl('start', 's-leak-exit.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 's-leak-exit.service', 'ActiveState', ['inactive', 'failed'], 10_000), 'inactive');
    assert.ok(await sb.waitFor(async () => (await pidsByArgs(sb, 'sleep 7205')).length === 0, 5000),
      `leftovers: ${(await pidsByArgs(sb, 'sleep 7205')).join(' ')}`);
  });

  test('TimeoutStartSec= fails a start that does not finish, with result timeout', async () => {
    const r = await sb.sctl('start', 's-start-timeout.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 's-start-timeout.service'), 'failed/failed/timeout');
    assert.deepEqual(await pidsByArgs(sb, 'sleep 7206'), []);
  });

  test('RuntimeMaxSec= stops a running service after that long, with result timeout', async () => {
    const pid = await started('s-runtime-max.service');
    assert.equal(await waitProperty(sb, 's-runtime-max.service', 'ActiveState', ['failed', 'inactive'], 10_000), 'failed');
    assert.equal(await stateOf(sb, 's-runtime-max.service'), 'failed/failed/timeout');
    assert.equal(await alive(sb, pid), false);
  });

  test('ExecStop= gets $MAINPID; ExecStopPost= runs afterwards with $SERVICE_RESULT and $EXIT_CODE', async () => {
    const pid = await started('s-execstop.service');
    const r = await sb.sctl('stop', 's-execstop.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/s-execstop.log')).stdout, `stop ${pid}\npost success killed`);
    assert.equal(await stateOf(sb, 's-execstop.service'), 'inactive/dead/success');
  });
});
