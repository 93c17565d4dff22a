// Scenario (issue 9): Debian's own dbus.socket and dbus.service, copied UNMODIFIED from
// /lib/systemd/system, under sysmaster-ts. Starting the socket listens on
// /run/dbus/system_bus_socket without starting the bus; the first client (dbus-send, Debian's)
// activates dbus.service, whose dbus-daemon takes the listening fd through
// --address=systemd: (sd_listen_fds), reports READY=1 (Type=notify) and answers (its
// OOMScoreAdjust=-900 is a notice where root lacks CAP_SYS_RESOURCE); the bus keeps
// answering across a restart of the service, the socket holding the fd meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, useSandbox } from '../harness.mjs';

const SYSTEM = '/lib/systemd/system';

/** Whether this process holds CAP_SYS_RESOURCE (bit 24 of CapEff), as the manager in the sandbox does or not. */
function hasSysResource(): boolean {
  const capEff = /^CapEff:\s+([0-9a-f]+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return ((BigInt(`0x${capEff}`) >> 24n) & 1n) === 1n;
}
const FILES = ['dbus.socket', 'dbus.service'];
const LIST_NAMES = 'dbus-send --system --print-reply --reply-timeout=10000 --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.ListNames';

describe("Debian's dbus.socket + dbus.service (sm-socket, sm-service) in a booted sandbox", () => {
  let sb: Sandbox;
  const units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-socket-debian-'));
  useSandbox(async () => {
    for (const f of FILES) fs.copyFileSync(path.join(SYSTEM, f), path.join(units, f));
    return Sandbox.boot({ units: [units] });
  }, (s) => { sb = s; }, () => fs.rmSync(units, { recursive: true, force: true }));

  test('the socket listens without starting the bus', async () => {
    const start = await sb.sctl('start', 'dbus.socket');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal(await sb.show('dbus.socket', 'SubState'), 'listening');
    assert.equal((await sb.sh('test -S /run/dbus/system_bus_socket; echo $?')).stdout.trim(), '0');
    assert.equal(await sb.show('dbus.service', 'ActiveState'), 'inactive');
    assert.match(await sb.show('dbus.service', 'TriggeredBy'), /\bdbus\.socket\b/);
  });

  test('the first client activates dbus-daemon, which takes the fd, notifies READY=1 and answers', async () => {
    const r = await sb.sh(LIST_NAMES);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /string "org\.freedesktop\.DBus"/);
    assert.equal(await sb.show('dbus.service', 'ActiveState'), 'active');
    assert.equal(await sb.show('dbus.socket', 'SubState'), 'running');
    const main = await sb.show('dbus.service', 'MainPID');
    assert.match((await sb.sh(`cat /proc/${main}/cmdline | tr '\\0' ' '`)).stdout, /^\/usr\/bin\/dbus-daemon --system --address=systemd:/);
    const fds = (await sb.sh(`ls -l /proc/${main}/fd | grep -c socket`)).stdout.trim();
    assert.ok(Number(fds) >= 1, `dbus-daemon holds sockets (${fds})`);
    // OOMScoreAdjust=-900 needs CAP_SYS_RESOURCE; where root lacks it (this kind of machine), the
    // daemon runs without it and `sctl status` says so, as systemd goes on in a container.
    const status = (await sb.sctl('status', 'dbus.service')).stdout;
    const notice = /Notice: OOMScoreAdjust=-900 is not applied: lowering the OOM score needs CAP_SYS_RESOURCE/;
    if (hasSysResource()) assert.doesNotMatch(status, notice);
    else assert.match(status, notice);
  });

  test('a restart of dbus.service keeps the socket: clients during and after it are answered', async () => {
    const before = await sb.show('dbus.service', 'MainPID');
    const restart = await sb.sctl('restart', 'dbus.service');
    assert.equal(restart.exitCode, 0, restart.stderr);
    const r = await sb.sh(LIST_NAMES);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.notEqual(await sb.show('dbus.service', 'MainPID'), before, 'a new dbus-daemon');
    assert.equal(await sb.show('dbus.service', 'ActiveState'), 'active');
  });
});
