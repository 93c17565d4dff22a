// Scenario (issue 4, watchdog): WatchdogSec= with the notify fixture daemon pinging WATCHDOG=1
// every WATCHDOG_USEC/2; once it stops pinging the manager sends WatchdogSignal= (SIGABRT by
// default), the result is "watchdog" and Restart=on-watchdog brings it back with a new main pid.
// WATCHDOG=trigger fires at once; WATCHDOG_USEC= sent by the daemon sets the timeout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alive, useScenario, describeRun, sleep, stateOf, waitProperty, type Sandbox } from '../service-common/lib.mjs';

describe('service watchdog', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });

  test('a daemon that pings stays up well past WatchdogSec=, with WATCHDOG_USEC and WATCHDOG_PID set', async () => {
    const r = await sb.sctl('start', 'w-restart.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const pid = Number(await sb.show('w-restart.service', 'MainPID'));
    const env = (await sb.sh(`tr '\\0' '\\n' < /proc/${pid}/environ`)).stdout;
    assert.match(env, /^WATCHDOG_USEC=1000000$/m);
    assert.match(env, new RegExp(`^WATCHDOG_PID=${pid}$`, 'm'));
    await sleep(3000);
    assert.equal(await stateOf(sb, 'w-restart.service'), 'active/running/success');
    assert.equal(Number(await sb.show('w-restart.service', 'MainPID')), pid);
    assert.equal(await sb.show('w-restart.service', 'NRestarts'), '0');
  });

  test('when the pings stop, the watchdog aborts it and Restart=on-watchdog starts a new main process', async () => {
    const pid = Number(await sb.show('w-restart.service', 'MainPID'));
    await sb.sh('touch /run/w-restart.hang');
    assert.equal(await waitProperty(sb, 'w-restart.service', 'NRestarts', ['1', '2', '3'], 10_000) !== '0', true);
    await sb.sh('rm -f /run/w-restart.hang');
    assert.equal(await alive(sb, pid), false);
    assert.ok(await sb.waitFor(async () => {
      const now = Number(await sb.show('w-restart.service', 'MainPID'));
      return now > 0 && now !== pid && (await stateOf(sb, 'w-restart.service')).startsWith('active/running');
    }, 10_000), `running again: ${await stateOf(sb, 'w-restart.service')}`);
  });

  test('without Restart= a missed watchdog fails the unit with result watchdog, by SIGABRT', async () => {
    const r = await sb.sctl('start', 'w-fail.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await sb.sh('touch /run/w-fail.hang');
    assert.equal(await waitProperty(sb, 'w-fail.service', 'ActiveState', ['failed', 'inactive'], 10_000), 'failed');
    assert.equal(await stateOf(sb, 'w-fail.service'), 'failed/failed/watchdog');
    assert.equal(await sb.show('w-fail.service', 'ExecMainStatus'), '6', 'killed by SIGABRT (6)');
    const status = await sb.sctl('status', 'w-fail.service');
    assert.match(status.stdout, /Active: failed \(Result: watchdog\)/);
  });

  test('WatchdogSignal= replaces SIGABRT', async () => {
    const r = await sb.sctl('start', 'w-signal.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    await sb.sh('touch /run/w-signal.hang');
    assert.equal(await waitProperty(sb, 'w-signal.service', 'ActiveState', ['failed', 'inactive'], 10_000), 'failed');
    assert.equal(await stateOf(sb, 'w-signal.service'), 'failed/failed/watchdog');
    assert.equal(await sb.show('w-signal.service', 'ExecMainStatus'), '9');
  });

  test('WATCHDOG=trigger fires the watchdog at once, long before WatchdogSec=30', async () => {
    const r = await sb.sctl('start', 'w-trigger.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'w-trigger.service', 'ActiveState', ['failed', 'inactive'], 10_000), 'failed');
    assert.equal(await stateOf(sb, 'w-trigger.service'), 'failed/failed/watchdog');
  });

  test('WATCHDOG_USEC= from the daemon arms a watchdog it then misses', async () => {
    const r = await sb.sctl('start', 'w-usec.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await waitProperty(sb, 'w-usec.service', 'ActiveState', ['failed', 'inactive'], 10_000), 'failed');
    assert.equal(await stateOf(sb, 'w-usec.service'), 'failed/failed/watchdog');
  });
});
