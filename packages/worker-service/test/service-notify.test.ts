// sd_notify through the fake OS: NotifyAccess=, routing by cgroup, fds (BARRIER, FDSTORE),
// MAINPID, ERRNO, STOPPING, EXTEND_TIMEOUT_USEC and the watchdog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FakeOs } from './fake-os';
import { harness, loadRequest, subStatePath } from './helpers';

const CG = (unit: string): string => `/cg/system.slice/${unit}`;

test('NotifyAccess=main ignores other processes of the unit, exec accepts a control process, all any process of the cgroup', () => {
  const h = harness();
  h.units.load(loadRequest('m.service', ['Type=notify', 'ExecStart=/usr/sbin/m', 'ExecStartPre=/bin/pre']));
  h.units.start('m.service');
  const pre = h.os.lastSpawn().pid;
  h.os.sendNotify(pre, 'STATUS=from the control process');
  assert.equal(h.last().status_text, '', 'main: a control process is refused');
  h.os.exit(pre, { code: 0 });
  const main = h.os.lastSpawn().pid;
  h.os.adoptable(777, CG('m.service'));
  h.os.sendNotify(777, 'READY=1');
  assert.equal(h.last().sub_state, 'start', 'main: another process of the cgroup is refused');
  h.os.sendNotify(main, 'READY=1');
  assert.equal(h.last().sub_state, 'running');

  h.units.load(loadRequest('e.service', ['Type=notify', 'NotifyAccess=exec', 'ExecStart=/usr/sbin/e', 'ExecStartPre=/bin/pre']));
  h.units.start('e.service');
  const control = h.os.lastSpawn();
  assert.ok(control.request.env.some((kv) => kv.startsWith('NOTIFY_SOCKET=')), 'exec: control processes get NOTIFY_SOCKET');
  h.os.sendNotify(control.pid, 'STATUS=preparing');
  assert.equal(h.units.status('e.service').status_text, 'preparing');

  h.units.load(loadRequest('a.service', ['Type=notify', 'NotifyAccess=all', 'ExecStart=/usr/sbin/a']));
  h.units.start('a.service');
  h.os.adoptable(888, CG('a.service'));
  h.os.sendNotify(888, 'READY=1');
  assert.equal(h.units.status('a.service').sub_state, 'running');

  h.units.load(loadRequest('n.service', ['NotifyAccess=none', 'ExecStart=/usr/sbin/n']));
  h.units.start('n.service');
  const plain = h.os.lastSpawn();
  assert.ok(!plain.request.env.some((kv) => kv.startsWith('NOTIFY_SOCKET=')));
  h.os.sendNotify(plain.pid, 'STATUS=nope');
  assert.equal(h.units.status('n.service').status_text, '');
});

test('a datagram is routed by the sender\'s cgroup, and one from no service is dropped with its fds closed', () => {
  const h = harness();
  h.units.load(loadRequest('one.service', ['Type=notify', 'NotifyAccess=all', 'ExecStart=/usr/sbin/one']));
  h.units.load(loadRequest('two.service', ['Type=notify', 'NotifyAccess=all', 'ExecStart=/usr/sbin/two']));
  h.units.start('one.service');
  h.units.start('two.service');
  h.os.adoptable(900, CG('two.service'));
  h.os.sendNotify(900, 'READY=1\nSTATUS=two is up');
  assert.equal(h.units.status('two.service').sub_state, 'running');
  assert.equal(h.units.status('one.service').sub_state, 'start');
  h.os.alive.add(901); // not in any unit's cgroup
  h.os.sendNotify(901, 'READY=1', { fds: [40, 41] });
  assert.deepEqual(h.os.closed, [40, 41]);
  assert.equal(h.units.status('one.service').sub_state, 'start');
});

test('BARRIER=1 fds are closed at once, and every fd not stored is closed', () => {
  const h = harness();
  h.units.load(loadRequest('b.service', ['Type=notify', 'ExecStart=/usr/sbin/b']));
  h.units.start('b.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'BARRIER=1', { fds: [50] });
  assert.deepEqual(h.os.closed, [50]);
  h.os.sendNotify(pid, 'FDSTORE=1', { fds: [51] }); // FileDescriptorStoreMax=0
  assert.deepEqual(h.os.closed, [50, 51]);
});

test('FDSTORE=1 keeps up to FileDescriptorStoreMax fds, hands them back at the next start, and FDSTOREREMOVE drops them', () => {
  const h = harness();
  h.units.load(loadRequest('s.service', ['Type=notify', 'ExecStart=/usr/sbin/s', 'FileDescriptorStoreMax=2', 'Restart=on-failure', 'RestartSec=1']));
  h.units.start('s.service');
  const first = h.os.lastSpawn().pid;
  h.os.sendNotify(first, 'READY=1');
  h.os.sendNotify(first, 'FDSTORE=1\nFDNAME=web', { fds: [60, 61, 62] });
  assert.deepEqual(h.os.closed, [62], 'beyond the maximum');
  h.os.exit(first, { signal: 'SIGSEGV', core: true });
  assert.equal(h.last().sub_state, 'auto-restart');
  h.os.advance(1000);
  const second = h.os.lastSpawn();
  assert.deepEqual(second.request.fds, [60, 61]);
  assert.ok(second.request.env.includes('LISTEN_FDS=2'));
  assert.ok(second.request.env.includes('LISTEN_FDNAMES=web:web'));
  h.os.sendNotify(second.pid, 'FDSTOREREMOVE=1\nFDNAME=web');
  assert.deepEqual(h.os.closed, [62, 60, 61]);
});

test('the fd store survives a worker restart through its holder process', () => {
  const first = harness();
  first.units.load(loadRequest('k.service', ['Type=notify', 'ExecStart=/usr/sbin/k', 'FileDescriptorStoreMax=4']));
  first.units.start('k.service');
  const pid = first.os.lastSpawn().pid;
  first.os.sendNotify(pid, 'READY=1');
  first.os.sendNotify(pid, 'FDSTORE=1\nFDNAME=listen', { fds: [70] });
  const [holder, held] = [...first.os.holders][0]!;
  assert.deepEqual(held, [70]);
  first.units.shutdown();

  const os = new FakeOs();
  os.nextPid = 5000;
  os.adoptable(pid, CG('k.service'));
  os.alive.add(holder);
  os.holders.set(holder, [70]);
  const second = harness(os, first.stateDir);
  second.units.stop('k.service', { restart: true }); // a restart job: the store is kept
  os.advance(50);
  second.units.start('k.service');
  assert.deepEqual(os.lastSpawn().request.fds, [1070], 'the copy taken back from the holder');
});

test('a plain stop releases the fd store as soon as the unit is inactive; the next start gets none', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', ['Type=notify', 'ExecStart=/usr/sbin/p', 'FileDescriptorStoreMax=4']));
  h.units.start('p.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1');
  h.os.sendNotify(pid, 'FDSTORE=1\nFDNAME=listen', { fds: [80] });
  assert.equal(h.os.holders.size, 1);
  h.units.stop('p.service');
  h.os.exit(pid, { signal: 'SIGTERM' });
  assert.equal(h.last().sub_state, 'dead');
  assert.deepEqual(h.os.closed, [80], 'closed at once, with no grace period');
  assert.equal(h.os.holders.size, 0, 'the holder is ended');
  h.units.start('p.service');
  assert.equal(h.os.lastSpawn().request.fds, undefined);
});

test('the stop of a restart job keeps the fd store for the start that follows', () => {
  const h = harness();
  h.units.load(loadRequest('q.service', ['Type=notify', 'ExecStart=/usr/sbin/q', 'FileDescriptorStoreMax=4']));
  h.units.start('q.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1');
  h.os.sendNotify(pid, 'FDSTORE=1\nFDNAME=listen', { fds: [81] });
  h.units.stop('q.service', { restart: true });
  h.os.exit(pid, { signal: 'SIGTERM' });
  assert.equal(h.last().sub_state, 'dead');
  h.os.advance(10_000);
  assert.deepEqual(h.os.closed, []);
  h.units.start('q.service');
  assert.deepEqual(h.os.lastSpawn().request.fds, [81]);
  assert.ok(h.os.lastSpawn().request.env.includes('LISTEN_FDNAMES=listen'));
});

test('MAINPID= moves the main process to another process of the unit; ERRNO= is reported', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', ['Type=notify', 'ExecStart=/usr/sbin/p']));
  h.units.start('p.service');
  const launcher = h.os.lastSpawn().pid;
  h.os.adoptable(1234, CG('p.service'));
  h.os.sendNotify(launcher, 'MAINPID=1234\nREADY=1\nERRNO=2');
  assert.equal(h.last().main_pid, 1234);
  assert.equal(h.last().status_errno, 2);
  h.os.sendNotify(launcher, 'STATUS=old main');
  assert.equal(h.last().status_text, '', 'the old main process may no longer notify');
});

test('STOPPING=1 makes the unit deactivating without a signal; the main process exit then ends it', () => {
  const h = harness();
  h.units.load(loadRequest('q.service', ['Type=notify', 'ExecStart=/usr/sbin/q']));
  h.units.start('q.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1');
  h.os.sendNotify(pid, 'STOPPING=1');
  assert.equal(h.last().sub_state, 'stop-sigterm');
  assert.equal(h.last().active_state, 'deactivating');
  assert.deepEqual(h.os.signals, []);
  h.os.exit(pid, { code: 0 });
  assert.equal(h.last().sub_state, 'dead');
});

test('EXTEND_TIMEOUT_USEC= pushes the start timeout out', () => {
  const h = harness();
  h.units.load(loadRequest('x.service', ['Type=notify', 'ExecStart=/usr/sbin/x', 'TimeoutStartSec=2']));
  h.units.start('x.service');
  const pid = h.os.lastSpawn().pid;
  h.os.advance(1500);
  h.os.sendNotify(pid, 'EXTEND_TIMEOUT_USEC=3000000');
  h.os.advance(2000);
  assert.equal(h.last().sub_state, 'start', 'still within the extension');
  h.os.sendNotify(pid, 'READY=1');
  assert.equal(h.last().sub_state, 'running');
});

test('the watchdog: pings keep the unit running; a missed ping sends SIGABRT and ends with result watchdog', () => {
  const h = harness();
  h.units.load(loadRequest('w.service', ['Type=notify', 'ExecStart=/usr/sbin/w', 'WatchdogSec=2', 'Restart=on-watchdog']));
  h.units.start('w.service');
  const { pid, request } = h.os.lastSpawn();
  assert.ok(request.env.includes('WATCHDOG_USEC=2000000'));
  assert.equal(request.watchdogPid, true, 'WATCHDOG_PID= is set by the child to its own pid');
  h.os.sendNotify(pid, 'READY=1');
  for (let i = 0; i < 5; i++) { h.os.advance(1500); h.os.sendNotify(pid, 'WATCHDOG=1'); }
  assert.equal(h.last().sub_state, 'running');
  h.os.advance(2000);
  // The fake process dies of the first signal it gets, so exactly one is sent: WatchdogSignal=
  // (SIGABRT) in stop-watchdog, and no SIGTERM or SIGKILL after it.
  assert.deepEqual(h.os.signals, [[pid, 6]]);
  assert.deepEqual(subStatePath(h.events), ['start', 'running', 'stop-watchdog', 'auto-restart']);
  assert.equal(h.last().result, 'watchdog');
  h.os.advance(100);
  assert.notEqual(h.os.lastSpawn().pid, pid, 'Restart=on-watchdog starts it again after RestartSec (100ms)');
  assert.equal(h.last().restarts, 1);
});

test('WATCHDOG=trigger fires the watchdog at once, and WATCHDOG_USEC= changes its period', () => {
  const h = harness();
  h.units.load(loadRequest('t.service', ['Type=notify', 'ExecStart=/usr/sbin/t', 'WatchdogSec=10']));
  h.units.start('t.service');
  const pid = h.os.lastSpawn().pid;
  h.os.stubborn.add(pid);
  h.os.sendNotify(pid, 'READY=1\nWATCHDOG_USEC=1000000');
  h.os.advance(999);
  assert.equal(h.last().sub_state, 'running');
  h.os.advance(1);
  assert.equal(h.last().sub_state, 'stop-watchdog');
  assert.equal(h.last().result, 'watchdog');

  h.units.load(loadRequest('u.service', ['Type=notify', 'ExecStart=/usr/sbin/u', 'WatchdogSec=10']));
  h.units.start('u.service');
  const other = h.os.lastSpawn().pid;
  h.os.sendNotify(other, 'READY=1');
  h.os.sendNotify(other, 'WATCHDOG=trigger');
  assert.equal(h.units.status('u.service').result, 'watchdog');
});

test('WATCHDOG=trigger acts like a missed ping: WatchdogSignal=, result watchdog, and Restart=on-watchdog restarts', () => {
  const h = harness();
  h.units.load(loadRequest('v.service', ['Type=notify', 'ExecStart=/usr/sbin/v', 'WatchdogSec=10', 'WatchdogSignal=SIGUSR2', 'Restart=on-watchdog', 'RestartSec=1']));
  h.units.start('v.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1');
  h.os.sendNotify(pid, 'WATCHDOG=trigger');
  assert.deepEqual(h.os.signals.at(0), [pid, 12]);
  assert.equal(h.units.status('v.service').result, 'watchdog');
  h.os.exit(pid, { signal: 'SIGUSR2' });
  assert.equal(h.last().sub_state, 'auto-restart');
  h.os.advance(1000);
  assert.notEqual(h.os.lastSpawn().pid, pid);
  assert.equal(h.last().restarts, 1);
});

test('a unit in stop-watchdog that ignores the signal is killed after TimeoutAbortSec', () => {
  const h = harness();
  h.units.load(loadRequest('a.service', ['Type=notify', 'ExecStart=/usr/sbin/a', 'WatchdogSec=1', 'TimeoutAbortSec=3', 'TimeoutStopSec=60']));
  h.units.start('a.service');
  const pid = h.os.lastSpawn().pid;
  h.os.stubborn.add(pid);
  h.os.sendNotify(pid, 'READY=1');
  h.os.advance(1000);
  assert.equal(h.last().sub_state, 'stop-watchdog');
  h.os.advance(3000);
  assert.ok(h.os.signals.some(([p, s]) => p === pid && s === 9));
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'watchdog');
});

test('RuntimeDirectoryPreserve=restart keeps the directory across a restart job only', () => {
  const h = harness();
  h.units.load(loadRequest('d.service', ['ExecStart=/usr/sbin/d', 'RuntimeDirectory=d', 'RuntimeDirectoryPreserve=restart']));
  h.units.start('d.service');
  assert.ok(h.os.isDirectory('/run/d'));
  h.units.stop('d.service', { restart: true });
  h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGTERM' });
  assert.equal(h.last().sub_state, 'dead');
  assert.ok(h.os.isDirectory('/run/d'), 'kept for the start of the restart job');
  h.units.start('d.service');
  h.units.stop('d.service');
  h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGTERM' });
  assert.equal(h.last().sub_state, 'dead');
  assert.ok(!h.os.isDirectory('/run/d'), 'removed by a plain stop');
});

test('a datagram that changes nothing publishes no status and writes no state; a new STATUS= does both', async () => {
  const h = harness();
  h.units.load(loadRequest('q.service', ['Type=notify', 'ExecStart=/usr/sbin/q', 'WatchdogSec=10']));
  h.units.start('q.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1\nSTATUS=up');
  assert.equal(h.last().sub_state, 'running');
  const file = path.join(h.stateDir, 'q.service.json');
  await new Promise((r) => setImmediate(r));
  const written = fs.statSync(file).ino; // each write renames a new file into place
  const events = h.events.length;
  for (let i = 0; i < 100; i++) { h.os.advance(10); h.os.sendNotify(pid, 'WATCHDOG=1'); }
  h.os.sendNotify(pid, 'STATUS=up');
  h.os.sendNotify(pid, 'READY=1');
  await new Promise((r) => setImmediate(r));
  assert.equal(h.events.length, events, 'no Watch event for pings, a repeated STATUS= or a repeated READY=1');
  assert.equal(fs.statSync(file).ino, written, 'and no write of the state file');
  h.os.sendNotify(pid, 'STATUS=busy\nERRNO=5');
  await new Promise((r) => setImmediate(r));
  assert.equal(h.events.length, events + 1);
  assert.deepEqual([h.last().status_text, h.last().status_errno, h.last().spontaneous], ['busy', 5, true]);
  assert.notEqual(fs.statSync(file).ino, written);
  assert.match(fs.readFileSync(file, 'utf8'), /"statusText":"busy"/);
});
