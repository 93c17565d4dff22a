// Scenario (issue 4, sd_notify): the fields of sd_notify(3) on /run/sysmaster/notify, sent by
// the python3 fixture daemons as raw datagrams: STATUS= shown by `sctl status` and updated,
// MAINPID= moving the main process to a child, EXTEND_TIMEOUT_USEC= stretching a start past
// TimeoutStartSec=, ERRNO=, FDSTORE= handing a memfd back to the next run after a crash and after
// `sctl restart`, and NotifyAccess= main/all/none judged by the sender's credentials.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alive, useScenario, describeRun, stateOf, waitProperty, type Sandbox } from '../service-common/lib.mjs';

describe('service notify', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });

  test('the notify socket exists at /run/sysmaster/notify as a datagram socket', async () => {
    const r = await sb.sh('stat -c %F /run/sysmaster/notify');
    assert.equal(r.stdout.trim(), 'socket', describeRun(r));
  });

  test('STATUS= shows in sctl status and follows every update', async () => {
    const r = await sb.sctl('start', 'n-status.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const status = await sb.sctl('status', 'n-status.service');
    assert.match(status.stdout, /Status: "counting pings(; \d+ pings)?"/);
    const first = await sb.show('n-status.service', 'StatusText');
    assert.ok(await sb.waitFor(async () => (await sb.show('n-status.service', 'StatusText')) !== first, 5000),
      `STATUS= updates reach the unit (stuck at '${first}')`);
    assert.match(await sb.show('n-status.service', 'StatusText'), /^counting pings; \d+ pings$/);
  });

  test('MAINPID= makes the forked child the main process and the unit stays up when the parent leaves', async () => {
    const r = await sb.sctl('start', 'n-mainpid.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-mainpid.service'), 'active/running/success');
    const pid = Number(await sb.show('n-mainpid.service', 'MainPID'));
    assert.ok(await alive(sb, pid));
    const logs = await sb.sctl('logs', 'n-mainpid.service');
    assert.match(logs.stdout, new RegExp(`notify-daemon: ready, pid ${pid}\\b`), `the main pid is the child that became ready: ${logs.stdout}`);
    assert.equal(await sb.show('n-mainpid.service', 'StatusText'), 'child is main');
  });

  test('EXTEND_TIMEOUT_USEC= lets a start outlast TimeoutStartSec=', async () => {
    const r = await sb.sctl('start', 'n-extend.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-extend.service'), 'active/running/success');
    assert.equal(await sb.show('n-extend.service', 'StatusText'), 'started late');
  });

  test('without EXTEND_TIMEOUT_USEC= the same start fails with result timeout', async () => {
    const r = await sb.sctl('start', 'n-noextend.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-noextend.service'), 'failed/failed/timeout');
  });

  test('ERRNO= is shown by sctl status', async () => {
    const r = await sb.sctl('start', 'n-errno-stopping.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const status = await sb.sctl('status', 'n-errno-stopping.service');
    assert.match(status.stdout, /Status: "failing softly"/);
    assert.match(status.stdout, /Error: 28\b/, status.stdout);
  });

  test('FDSTORE= fds are handed back to the service after it crashed and was restarted', async () => {
    let r = await sb.sctl('start', 'n-fdstore.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const first = Number(await sb.show('n-fdstore.service', 'MainPID'));
    assert.equal((await sb.sh('cat /run/n-fdstore.report')).stdout.trim(), 'fdstore: nothing handed back');
    await sb.sh(`kill -9 ${first}`);
    assert.ok(await sb.waitFor(async () => {
      const pid = Number(await sb.show('n-fdstore.service', 'MainPID'));
      return pid > 0 && pid !== first && (await stateOf(sb, 'n-fdstore.service')).startsWith('active/running');
    }, 15_000), `restarted: ${await stateOf(sb, 'n-fdstore.service')}`);
    assert.equal((await sb.sh('cat /run/n-fdstore.report')).stdout.trim(), `fdstore: got 'born in pid ${first}'`);

    r = await sb.sctl('restart', 'n-fdstore.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/n-fdstore.report')).stdout.trim(), `fdstore: got 'born in pid ${first}'`,
      'a restart job keeps the store too (FileDescriptorStorePreserve=restart, the default)');
  });

  test('after a stop the fd store is released and the next start begins empty', async () => {
    let r = await sb.sctl('stop', 'n-fdstore.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    r = await sb.sctl('start', 'n-fdstore.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/n-fdstore.report')).stdout.trim(), 'fdstore: nothing handed back');
  });

  test('NotifyAccess=main refuses READY=1 from a child process: the start times out', async () => {
    const r = await sb.sctl('start', 'n-access-main.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-access-main.service'), 'failed/failed/timeout');
    assert.notEqual(await sb.show('n-access-main.service', 'StatusText'), 'from-a-child');
  });

  test('NotifyAccess=all accepts the same READY=1 from a child process', async () => {
    const r = await sb.sctl('start', 'n-access-all.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-access-all.service'), 'active/running/success');
    assert.equal(await sb.show('n-access-all.service', 'StatusText'), 'from-a-child');
  });

  test('NotifyAccess=none ignores every message, even from the main process', async () => {
    const r = await sb.sctl('start', 'n-access-none.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.ok(await sb.waitFor(async () => /notify-daemon: ready/.test((await sb.sctl('logs', 'n-access-none.service')).stdout), 5000),
      'the daemon sent its READY=1 and STATUS=');
    assert.equal(await sb.show('n-access-none.service', 'StatusText'), '');
  });

  test('Type=notify with NotifyAccess=none is treated as NotifyAccess=main, as systemd does', async () => {
    const r = await sb.sctl('start', 'n-access-none-notify.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'n-access-none-notify.service'), 'active/running/success');
    assert.equal(await sb.show('n-access-none-notify.service', 'StatusText'), 'forced to main');
  });

  test('the manager keeps running and answering after all of the above', async () => {
    assert.equal(await waitProperty(sb, 'n-status.service', 'ActiveState', ['active']), 'active');
    const r = await sb.sctl('is-active', 'multi-user.target');
    assert.equal(r.stdout.trim(), 'active');
  });
});
