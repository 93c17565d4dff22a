import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SysmasterError } from '@sysmaster/proto';
import { FakeOs } from './fake-os';
import { harness, loadRequest, subStatePath } from './helpers';

test('a simple service starts with a clean environment, its own cgroup and log, and stops on SIGTERM', () => {
  const h = harness();
  h.os.files.set('/etc/env', 'FROM_FILE=yes\n');
  h.units.load(loadRequest('a.service', ['Environment=GREETING=hi', 'EnvironmentFile=/etc/env', 'EnvironmentFile=-/nope', 'ExecStart=/bin/sleep $GREETING ${GREETING}x']));
  h.units.start('a.service');
  const { pid, request } = h.os.lastSpawn();
  assert.deepEqual(request.argv, ['/bin/sleep', 'hi', 'hix']);
  assert.ok(request.env.includes('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'));
  assert.ok(request.env.includes('INVOCATION_ID=0123456789abcdef0123456789abcdef'));
  assert.ok(request.env.includes('FROM_FILE=yes') && request.env.includes('GREETING=hi'));
  assert.ok(!request.env.some((kv) => kv.startsWith('NODE_') || kv.startsWith('HOME=')), 'none of the worker\'s own environment');
  assert.equal(request.cgroup, '/cg/system.slice/a.service');
  assert.deepEqual(request.stdout, { kind: 'file', path: h.last().log_path, mode: 'append' });
  assert.deepEqual(request.stderr, { kind: 'stdout' });
  assert.equal(h.last().active_state, 'active');
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().main_pid, pid);
  assert.equal(h.last().cgroup, '/system.slice/a.service');
  h.units.stop('a.service');
  assert.deepEqual(h.os.signals[0], [pid, 15]);
  h.os.settle();
  assert.equal(h.last().active_state, 'inactive');
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.last().result, 'success');
  assert.deepEqual(subStatePath(h.events), ['start', 'running', 'stop-sigterm', 'dead']);
});

test('a oneshot runs its ExecStart commands one after another and ends inactive with success', () => {
  const h = harness();
  h.units.load(loadRequest('o.service', ['Type=oneshot', 'ExecStart=/bin/true one', 'ExecStart=/bin/true two']));
  h.units.start('o.service');
  const first = h.os.lastSpawn();
  assert.equal(h.last().active_state, 'activating');
  assert.equal(h.last().main_pid, first.pid);
  h.os.exit(first.pid, { code: 0 });
  const second = h.os.lastSpawn();
  assert.deepEqual(second.request.argv, ['/bin/true', 'two']);
  h.os.exit(second.pid, { code: 0 });
  assert.equal(h.last().active_state, 'inactive');
  assert.equal(h.last().result, 'success');
  assert.equal(h.os.spawned.length, 2);
});

test('a oneshot with RemainAfterExit stays active (exited) and ExecStop gets MAINPID-less env', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['Type=oneshot', 'RemainAfterExit=yes', 'ExecStart=/bin/true', 'ExecStop=/bin/echo bye']));
  h.units.start('r.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().sub_state, 'exited');
  assert.equal(h.last().active_state, 'active');
  h.units.stop('r.service');
  assert.equal(h.last().sub_state, 'stop');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().sub_state, 'dead');
});

test('a failing ExecStartPre fails the start, and with "-" it is ignored', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', ['ExecStartPre=/bin/false', 'ExecStart=/bin/sleep 1']));
  h.units.start('p.service');
  assert.equal(h.last().sub_state, 'start-pre');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'exit-code');
  assert.equal(h.os.spawned.length, 1, 'ExecStart never ran');

  h.units.load(loadRequest('p.service', ['ExecStartPre=-/bin/false', 'ExecStart=/bin/sleep 1']));
  h.units.start('p.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  assert.equal(h.last().sub_state, 'running');
  assert.deepEqual(h.os.lastSpawn().request.argv, ['/bin/sleep', '1']);
});

test('a crashing Restart=on-failure service waits RestartSec in auto-restart, then runs again through a restart job of the core', () => {
  const h = harness();
  h.units.load(loadRequest('c.service', ['ExecStart=/bin/crash', 'Restart=on-failure', 'RestartSec=2s']));
  h.units.start('c.service');
  const first = h.os.lastSpawn().pid;
  h.os.exit(first, { code: 3 });
  assert.equal(h.last().sub_state, 'auto-restart');
  assert.equal(h.last().active_state, 'activating');
  assert.equal(h.last().spontaneous, true);
  h.os.advance(1999);
  assert.equal(h.os.spawned.length, 1);
  assert.deepEqual(h.core.jobs, []);
  h.os.advance(1);
  assert.deepEqual(h.core.jobs, ['c.service restart replace'], 'the restart is asked of the core, which checks the start limit');
  assert.equal(h.last().sub_state, 'running');
  assert.notEqual(h.last().main_pid, first);
  assert.equal(h.last().restarts, 1);
  assert.equal(h.last().spontaneous, false, 'the new run answers the Start of the restart job');
});

test('with Restart=no a crash leaves the unit failed with the exit status', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['ExecStart=/bin/crash']));
  h.units.start('n.service');
  h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGSEGV', core: true });
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'core-dump');
  assert.equal(h.last().exit_code, 'dumped');
  assert.equal(h.last().exit_status, 11);
  h.units.resetFailed('n.service');
  assert.equal(h.last().active_state, 'inactive');
});

test('a service that ignores SIGTERM is killed with SIGKILL after TimeoutStopSec and ends failed with timeout', () => {
  const h = harness();
  h.units.load(loadRequest('s.service', ['ExecStart=/bin/stubborn', 'TimeoutStopSec=5']));
  h.units.start('s.service');
  const pid = h.os.lastSpawn().pid;
  h.os.stubborn.add(pid);
  h.units.stop('s.service');
  h.os.settle();
  assert.equal(h.last().sub_state, 'stop-sigterm');
  h.os.advance(4999);
  assert.equal(h.last().sub_state, 'stop-sigterm');
  h.os.advance(1);
  assert.deepEqual(h.os.cgroupKills, ['/cg/system.slice/s.service']);
  assert.ok(h.os.signals.some(([p, s]) => p === pid && s === 9));
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'timeout');
});

test('a missing program fails the start with exit status 203, like systemd', () => {
  const h = harness();
  h.os.missing.add('/no/such');
  h.units.load(loadRequest('m.service', ['ExecStart=/no/such']));
  h.units.start('m.service');
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().exit_status, 203);
});

test('ExecStop sees MAINPID and runs before the main process is signalled', () => {
  const h = harness();
  h.units.load(loadRequest('e.service', ['ExecStart=/bin/daemon', 'ExecStop=/bin/kill $MAINPID', 'ExecStopPost=/bin/cleanup']));
  h.units.start('e.service');
  const main = h.os.lastSpawn().pid;
  h.units.stop('e.service');
  const stop = h.os.lastSpawn();
  assert.deepEqual(stop.request.argv, ['/bin/kill', String(main)]);
  assert.equal(h.last().control_pid, stop.pid);
  h.os.exit(main, { signal: 'SIGTERM' });
  h.os.exit(stop.pid, { code: 0 });
  assert.equal(h.last().sub_state, 'stop-post');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.last().result, 'success');
});

test('Start of a unit with bad settings is refused with ERR_BAD_SETTING and an unknown unit with ERR_UNIT_NOT_FOUND', () => {
  const h = harness();
  const response = h.units.load(loadRequest('b.service', ['ExecStart=/bin/x', 'Restart=sometimes']));
  assert.equal(response.errors?.length, 1);
  assert.throws(() => h.units.start('b.service'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_BAD_SETTING');
  assert.throws(() => h.units.start('x.service'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIT_NOT_FOUND');
});

test('a new worker re-adopts a running main process from the state file and notices its exit', () => {
  const first = harness();
  first.units.load(loadRequest('d.service', ['ExecStart=/bin/daemon']));
  first.units.start('d.service');
  const pid = first.os.lastSpawn().pid;
  first.units.shutdown();

  const os = new FakeOs();
  os.adoptable(pid, '/cg/system.slice/d.service');
  const second = harness(os, first.stateDir);
  const status = second.units.status('d.service');
  assert.equal(status.sub_state, 'running');
  assert.equal(status.main_pid, pid);
  os.exit(pid);
  os.advance(50); // the pidfd path gives the reaper a moment to report a status first
  assert.equal(second.last().active_state, 'inactive');
  assert.equal(second.last().spontaneous, true);
});

test('a new worker does not adopt a pid that is no longer in the unit\'s cgroup', () => {
  const first = harness();
  first.units.load(loadRequest('g.service', ['ExecStart=/bin/daemon', 'Restart=always']));
  first.units.start('g.service');
  const pid = first.os.lastSpawn().pid;
  first.units.shutdown();
  const os = new FakeOs();
  os.nextPid = 500;
  os.alive.add(pid); // alive, but some other process now (pid reuse)
  const second = harness(os, first.stateDir);
  assert.equal(second.units.status('g.service').sub_state, 'auto-restart');
  os.advance(100);
  assert.equal(second.units.status('g.service').sub_state, 'running');
  assert.notEqual(second.units.status('g.service').main_pid, pid);
});

test('Logs of a unit the worker does not hold and that left no log answers ERR_UNIT_NOT_FOUND', async () => {
  const h = harness();
  const sink = { write: () => undefined, end: () => undefined, fail: () => undefined, onClose: () => undefined };
  await assert.rejects(h.units.logs({ name: 'never-loaded.service', lines: 0, follow: false, since_usec: 0 }, sink),
    (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIT_NOT_FOUND');
});
