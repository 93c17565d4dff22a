// Scenario (issue 4, Type=): every service type as systemd.service(5) defines it, in the sandbox.
// simple and exec (exec fails the start when execve fails), forking with PIDFile= and with the
// main pid guessed from the cgroup, oneshot running several ExecStart= in order (and stopping at
// the first failure) with and without RemainAfterExit=, notify driven by Debian's systemd-notify
// and by a raw python3 datagram, notify-reload, idle, and dbus refusing clearly for want of a bus.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alive, useScenario, describeRun, stateOf, type Sandbox } from '../service-common/lib.mjs';

describe('service types', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });

  test('Type=simple is active (running) with the forked process as main pid', async () => {
    const r = await sb.sctl('start', 't-simple.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-simple.service'), 'active/running/success');
    const pid = Number(await sb.show('t-simple.service', 'MainPID'));
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'sleep');
  });

  test('Type=exec is active (running) once the binary was executed', async () => {
    const r = await sb.sctl('start', 't-exec.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-exec.service'), 'active/running/success');
    const pid = Number(await sb.show('t-exec.service', 'MainPID'));
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'sleep');
  });

  test('Type=exec with a missing binary fails the start job with result exit-code', async () => {
    const r = await sb.sctl('start', 't-exec-missing.service');
    assert.notEqual(r.exitCode, 0, `the start must fail: ${describeRun(r)}`);
    assert.equal(await stateOf(sb, 't-exec-missing.service'), 'failed/failed/exit-code');
    const status = await sb.sctl('status', 't-exec-missing.service');
    assert.match(status.stdout, /Active: failed \(Result: exit-code\)/);
    // systemd reports the exec failure as status 203/EXEC.
    assert.equal(await sb.show('t-exec-missing.service', 'ExecMainStatus'), '203');
  });

  test('Type=forking with PIDFile= takes the pid from the file as main pid', async () => {
    const r = await sb.sctl('start', 't-forking-pidfile.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-forking-pidfile.service'), 'active/running/success');
    const fromFile = Number((await sb.sh('cat /run/t-forking.pid')).stdout.trim());
    assert.ok(fromFile > 1, 'the daemon wrote its pid');
    assert.equal(Number(await sb.show('t-forking-pidfile.service', 'MainPID')), fromFile);
    assert.ok(await alive(sb, fromFile));
  });

  test('Type=forking without PIDFile= guesses the main pid from the one process left in the cgroup', async () => {
    const r = await sb.sctl('start', 't-forking-guess.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-forking-guess.service'), 'active/running/success');
    const pid = Number(await sb.show('t-forking-guess.service', 'MainPID'));
    assert.equal((await sb.sh(`tr '\\0' ' ' < /proc/${pid}/cmdline`)).stdout.trim(), 'sleep 6101');
  });

  test('stopping a forking service kills its daemon', async () => {
    const pid = Number(await sb.show('t-forking-pidfile.service', 'MainPID'));
    const r = await sb.sctl('stop', 't-forking-pidfile.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await alive(sb, pid), false);
    assert.equal(await stateOf(sb, 't-forking-pidfile.service'), 'inactive/dead/success');
  });

  test('Type=oneshot runs every ExecStart= in order, and the start job waits for all of them', async () => {
    const r = await sb.sctl('start', 't-oneshot-seq.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/t-oneshot-seq')).stdout, 'one\ntwo\nthree');
    assert.equal(await stateOf(sb, 't-oneshot-seq.service'), 'inactive/dead/success');
  });

  test('Type=oneshot stops at the first failing ExecStart= and the unit fails', async () => {
    const r = await sb.sctl('start', 't-oneshot-fail.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/t-oneshot-fail')).stdout, 'one');
    assert.equal(await stateOf(sb, 't-oneshot-fail.service'), 'failed/failed/exit-code');
  });

  test('Type=oneshot with RemainAfterExit=yes stays active (exited) and runs ExecStop= on stop', async () => {
    let r = await sb.sctl('start', 't-oneshot-remain.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-oneshot-remain.service'), 'active/exited/success');
    r = await sb.sctl('status', 't-oneshot-remain.service');
    assert.match(r.stdout, /Active: active \(exited\)/);
    r = await sb.sctl('stop', 't-oneshot-remain.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/t-oneshot-remain')).stdout, 'remain\nstopped');
    assert.equal(await stateOf(sb, 't-oneshot-remain.service'), 'inactive/dead/success');
  });

  test('Type=notify is activating until systemd-notify --ready, then active with its status text', async () => {
    const r = await sb.sctl('start', '--no-block', 't-notify-systemd-notify.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-notify-systemd-notify.service'), 'activating/start/success');
    assert.ok(await sb.waitFor(async () => (await stateOf(sb, 't-notify-systemd-notify.service')) === 'active/running/success', 15_000),
      `became ${await stateOf(sb, 't-notify-systemd-notify.service')}`);
    const status = await sb.sctl('status', 't-notify-systemd-notify.service');
    assert.match(status.stdout, /Status: "ready via systemd-notify"/);
    const pid = Number(await sb.show('t-notify-systemd-notify.service', 'MainPID'));
    assert.equal((await sb.sh(`cat /proc/${pid}/comm`)).stdout.trim(), 'sleep', 'the shell that signalled is still the main process');
  });

  test('Type=notify reaches active on a raw datagram sent by python3', async () => {
    const r = await sb.sctl('start', 't-notify-raw.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-notify-raw.service'), 'active/running/success');
    assert.equal(await sb.show('t-notify-raw.service', 'StatusText'), 'ready via a raw datagram');
  });

  test('Type=notify-reload: reload signals SIGHUP and completes on RELOADING=1 then READY=1', async () => {
    let r = await sb.sctl('start', 't-notify-reload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const pid = Number(await sb.show('t-notify-reload.service', 'MainPID'));
    r = await sb.sctl('reload', 't-notify-reload.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-notify-reload.service'), 'active/running/success');
    assert.equal(Number(await sb.show('t-notify-reload.service', 'MainPID')), pid, 'a reload keeps the main process');
    assert.equal(await sb.show('t-notify-reload.service', 'StatusText'), 'notify-reload daemon (reloaded)');
    const logs = await sb.sctl('logs', 't-notify-reload.service');
    assert.match(logs.stdout, /notify-daemon: reloading/);
  });

  test('Type=idle runs its process like simple', async () => {
    const r = await sb.sctl('start', 't-idle.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 't-idle.service'), 'active/running/success');
    assert.ok(await alive(sb, Number(await sb.show('t-idle.service', 'MainPID'))));
  });

  test('Type=dbus fails with a message that says no D-Bus is present', async () => {
    const start = await sb.sctl('start', 't-dbus.service');
    assert.notEqual(start.exitCode, 0, describeRun(start));
    const status = await sb.sctl('status', 't-dbus.service');
    const said = `${start.stdout}\n${start.stderr}\n${status.stdout}\n${status.stderr}`;
    assert.match(said, /bus/i, `a clear reason naming the bus: ${said}`);
    assert.notEqual((await sb.sctl('is-active', 't-dbus.service')).stdout.trim(), 'active');
  });
});
