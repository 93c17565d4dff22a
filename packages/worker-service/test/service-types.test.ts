// Every Type= through the fake OS: when each is started, how its main process is found, and
// what reload does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, loadRequest, subStatePath } from './helpers';

const CG = (unit: string): string => `/cg/system.slice/${unit}`;

test('Type=exec fails the start with exit status 203 when the binary is missing', () => {
  const h = harness();
  h.os.missing.add('/usr/sbin/nothere');
  h.units.load(loadRequest('x.service', ['Type=exec', 'ExecStart=/usr/sbin/nothere']));
  h.units.start('x.service');
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'exit-code');
  assert.equal(h.last().exit_code, 'exited');
  assert.equal(h.last().exit_status, 203);
});

test('a missing WorkingDirectory= without "-" fails the start with exit-code 200/CHDIR; with "-" it starts in /', () => {
  const h = harness();
  h.units.load(loadRequest('w.service', ['Type=exec', 'WorkingDirectory=/nonexistent/dir', 'ExecStart=/bin/daemon']));
  h.units.start('w.service');
  assert.equal(h.os.spawned.length, 0);
  assert.deepEqual([h.last().active_state, h.last().result, h.last().exit_code, h.last().exit_status], ['failed', 'exit-code', 'exited', 200]);
  h.units.load(loadRequest('o.service', ['Type=exec', 'WorkingDirectory=-/nonexistent/dir', 'ExecStart=/bin/daemon']));
  h.units.start('o.service');
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.os.lastSpawn().request.cwd, '/');
});

test('Type=exec is active once the program runs and keeps its main pid after it exits', () => {
  const h = harness();
  h.units.load(loadRequest('x.service', ['Type=exec', 'ExecStart=/bin/daemon']));
  h.units.start('x.service');
  const pid = h.os.lastSpawn().pid;
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().invocation_id, '0123456789abcdef0123456789abcdef');
  assert.ok(Number(h.last().active_enter_monotonic_usec) > 0);
  h.os.exit(pid, { code: 1 });
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().main_pid, 0);
  assert.equal(h.last().exec_main_pid, pid, 'sctl status shows "Main PID: N (code=exited, status=1/FAILURE)"');
  assert.equal(h.last().exit_status, 1);
});

test('Type=forking takes the main pid from PIDFile= once the parent exits', () => {
  const h = harness();
  h.units.load(loadRequest('f.service', ['Type=forking', 'PIDFile=/run/f.pid', 'ExecStart=/usr/sbin/f']));
  h.units.start('f.service');
  const parent = h.os.lastSpawn().pid;
  assert.equal(h.last().sub_state, 'start');
  assert.equal(h.last().control_pid, parent);
  assert.equal(h.last().main_pid, 0);
  h.os.adoptable(4242, CG('f.service'));
  h.os.files.set('/run/f.pid', '4242\n');
  h.os.exit(parent, { code: 0 });
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().main_pid, 4242);
  h.os.exit(4242, { code: 0 });
  h.os.advance(50);
  assert.equal(h.last().sub_state, 'dead');
});

test('Type=forking waits for a PIDFile= that is written after the parent exits, up to TimeoutStartSec', () => {
  const h = harness();
  h.units.load(loadRequest('f.service', ['Type=forking', 'PIDFile=/run/f.pid', 'ExecStart=/usr/sbin/f', 'TimeoutStartSec=1']));
  h.units.start('f.service');
  h.os.adoptable(4243, CG('f.service'));
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().sub_state, 'start');
  h.os.advance(150);
  h.os.files.set('/run/f.pid', '4243');
  h.os.advance(100);
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().main_pid, 4243);

  h.units.load(loadRequest('g.service', ['Type=forking', 'PIDFile=/run/g.pid', 'ExecStart=/usr/sbin/g', 'TimeoutStartSec=1']));
  h.units.start('g.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  h.os.advance(1000);
  assert.equal(h.units.status('g.service').active_state, 'failed');
  assert.equal(h.units.status('g.service').result, 'timeout');
});

test('Type=forking refuses a PIDFile owned by a non-root user that names a process outside the cgroup', () => {
  const h = harness();
  h.units.load(loadRequest('f.service', ['Type=forking', 'PIDFile=/run/f.pid', 'ExecStart=/usr/sbin/f']));
  h.units.start('f.service');
  h.os.alive.add(1); // some process of the system, e.g. PID 1
  h.os.files.set('/run/f.pid', '1');
  h.os.owners.set('/run/f.pid', 1000);
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'protocol');
  assert.ok(!h.os.signals.some(([pid]) => pid === 1), 'the foreign process is never signalled');
});

test('Type=forking without PIDFile guesses the only process left in the cgroup, or runs while the cgroup is populated', () => {
  const h = harness();
  h.units.load(loadRequest('f.service', ['Type=forking', 'ExecStart=/usr/sbin/f']));
  h.units.start('f.service');
  h.os.adoptable(5000, CG('f.service'));
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().main_pid, 5000);

  h.units.load(loadRequest('m.service', ['Type=forking', 'ExecStart=/usr/sbin/m']));
  h.units.start('m.service');
  h.os.adoptable(6000, CG('m.service'));
  h.os.adoptable(6001, CG('m.service'));
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.units.status('m.service').sub_state, 'running');
  assert.equal(h.units.status('m.service').main_pid, 0);
  h.os.exit(6000);
  assert.equal(h.units.status('m.service').sub_state, 'running');
  h.os.exit(6001); // cgroup.events: populated 0
  assert.equal(h.units.status('m.service').sub_state, 'dead');
});

test('Type=notify is activating until READY=1 from the main process, and STATUS= is the status text', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['Type=notify', 'ExecStart=/usr/sbin/n']));
  h.units.start('n.service');
  const { pid, request } = h.os.lastSpawn();
  assert.ok(request.env.includes(`NOTIFY_SOCKET=${h.os.notifyPath}`));
  assert.equal(h.last().active_state, 'activating');
  h.os.sendNotify(pid, 'STATUS=loading data');
  assert.equal(h.last().status_text, 'loading data');
  assert.equal(h.last().active_state, 'activating');
  h.os.sendNotify(pid, 'READY=1\nSTATUS=serving');
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().status_text, 'serving');
  assert.deepEqual(subStatePath(h.events), ['start', 'running']);
});

test('Type=notify fails with result protocol when the main process exits cleanly before READY=1', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['Type=notify', 'ExecStart=/usr/sbin/n']));
  h.units.start('n.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'protocol');
});

test('a READY=1 queued before the main process exit is handled first (systemd-notify then exit)', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['Type=notify', 'ExecStart=/usr/sbin/n', 'RemainAfterExit=yes']));
  h.units.start('n.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1', { queue: true });
  h.os.exit(pid, { code: 0 });
  assert.equal(h.last().sub_state, 'exited');
  assert.equal(h.last().result, 'success');
});

test('Type=notify-reload reloads with SIGHUP, then waits for RELOADING=1 and READY=1', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['Type=notify-reload', 'ExecStart=/usr/sbin/r']));
  h.units.start('r.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'READY=1');
  h.units.reload('r.service');
  assert.deepEqual(h.os.signals.at(-1), [pid, 1]);
  assert.equal(h.last().sub_state, 'reload-signal');
  assert.equal(h.last().active_state, 'reloading');
  h.os.sendNotify(pid, 'RELOADING=1\nMONOTONIC_USEC=123');
  assert.equal(h.last().sub_state, 'reload-notify');
  h.os.sendNotify(pid, 'READY=1');
  assert.equal(h.last().sub_state, 'running');
});

test('ExecReload= runs as a control process in state reload and returns to running', () => {
  const h = harness();
  h.units.load(loadRequest('e.service', ['ExecStart=/usr/sbin/e', 'ExecReload=/bin/kill -HUP $MAINPID']));
  h.units.start('e.service');
  const main = h.os.lastSpawn().pid;
  h.units.reload('e.service');
  const reload = h.os.lastSpawn();
  assert.deepEqual(reload.request.argv, ['/bin/kill', '-HUP', String(main)]);
  assert.equal(h.last().sub_state, 'reload');
  h.os.exit(reload.pid, { code: 0 });
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().main_pid, main);

  h.units.load(loadRequest('plain.service', ['ExecStart=/usr/sbin/p']));
  h.units.start('plain.service');
  assert.throws(() => h.units.reload('plain.service'), /cannot reload/);
});

test('Type=idle waits until the core\'s job queue holds no job but the idle units\' own, at most 5 s', async () => {
  const h = harness();
  h.units.load(loadRequest('idle.service', ['Type=idle', 'ExecStart=/usr/sbin/idle']));
  h.units.load(loadRequest('idle-b.service', ['Type=idle', 'ExecStart=/usr/sbin/idle-b']));
  h.core.queuedJobs = ['idle.service', 'idle-b.service', 'slow.service', 'other.target'];
  h.units.start('idle.service');
  h.units.start('idle-b.service');
  await Promise.resolve();
  assert.equal(h.units.status('idle.service').sub_state, 'start');
  assert.equal(h.os.spawned.length, 0, 'both idle services wait while other jobs are queued');
  h.core.queuedJobs = ['idle.service', 'idle-b.service', 'other.target'];
  h.core.queueChanged();
  assert.equal(h.os.spawned.length, 0, 'one job is still left');
  h.core.queuedJobs = ['idle.service', 'idle-b.service'];
  h.core.queueChanged();
  assert.deepEqual(h.os.spawned.map((s) => s.request.path), ['/usr/sbin/idle', '/usr/sbin/idle-b'], 'released together');
  assert.equal(h.units.status('idle.service').sub_state, 'running');

  h.units.load(loadRequest('idle2.service', ['Type=idle', 'ExecStart=/usr/sbin/idle2']));
  h.core.queuedJobs = ['idle2.service', 'busy.service'];
  h.units.start('idle2.service');
  await Promise.resolve();
  h.os.advance(4999);
  assert.equal(h.units.status('idle2.service').sub_state, 'start');
  h.os.advance(1);
  assert.equal(h.units.status('idle2.service').sub_state, 'running', 'systemd\'s 5 s cap');
  h.core.queuedJobs = [];
  h.core.queueChanged();
  assert.equal(h.os.spawned.filter((s) => s.request.path === '/usr/sbin/idle2').length, 1, 'spawned once');
});

test('a Type=idle start with an empty queue spawns at once, and a stop while waiting cancels the wait', async () => {
  const h = harness();
  h.units.load(loadRequest('i.service', ['Type=idle', 'ExecStart=/usr/sbin/i']));
  h.core.queuedJobs = ['i.service'];
  h.units.start('i.service');
  await Promise.resolve();
  assert.equal(h.units.status('i.service').sub_state, 'running');
  h.units.stop('i.service');
  h.os.advance(100);
  h.core.queuedJobs = ['i.service', 'x.service'];
  h.units.start('i.service');
  await Promise.resolve();
  h.units.stop('i.service');
  h.os.advance(6000);
  h.core.queuedJobs = [];
  h.core.queueChanged();
  assert.equal(h.os.spawned.length, 1, 'the stopped wait never spawned');
  assert.equal(h.units.status('i.service').sub_state, 'dead');
});

test('Type=dbus fails at start with result resources and says that there is no bus', () => {
  const h = harness();
  h.units.load(loadRequest('d.service', ['Type=dbus', 'BusName=org.example.D', 'ExecStart=/usr/sbin/d']));
  h.units.start('d.service');
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'resources');
  assert.match(h.last().status_text ?? '', /Type=dbus needs a D-Bus system bus, which sysmaster does not provide; BusName=org\.example\.D/);
  assert.equal(h.os.spawned.length, 0);
});

test('ExecCondition= exiting 1-254 skips the start without failing (inactive, result success, the skip in type_condition); 255 fails it', () => {
  const h = harness();
  h.units.load(loadRequest('c.service', ['ExecCondition=/bin/check', 'ExecStart=/usr/sbin/c', 'Restart=always']));
  h.units.start('c.service');
  assert.equal(h.last().sub_state, 'condition');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  assert.equal(h.last().active_state, 'inactive');
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.last().result, 'success');
  assert.equal(h.last().type_condition?.checked, true);
  assert.equal(h.last().type_condition?.passed, false);
  assert.match(h.last().type_condition?.failure ?? '', /ExecCondition=\/bin\/check failed \(exit status 1\)/);
  assert.equal(h.os.spawned.length, 1, 'ExecStart never ran and no restart');

  h.units.start('c.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 255 });
  assert.equal(h.last().result, 'exit-code');
  assert.ok(['failed', 'auto-restart'].includes(h.last().sub_state ?? ''));

  h.units.load(loadRequest('ok.service', ['ExecCondition=/bin/check', 'ExecStart=/usr/sbin/c']));
  h.units.start('ok.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.units.status('ok.service').sub_state, 'running');
  assert.equal(h.units.status('ok.service').type_condition?.passed, true);
  h.units.load(loadRequest('none.service', ['ExecStart=/usr/sbin/c']));
  h.units.start('none.service');
  assert.equal(h.units.status('none.service').type_condition?.checked, false, 'no ExecCondition=: nothing checked');
});

test('a process that fails before exec ends with systemd\'s status for the failed step (205/LIMITS, 217/USER)', () => {
  const h = harness();
  h.os.failStep.set('/usr/bin/limited', 'rlimit');
  h.os.failStep.set('/usr/bin/nouser', 'setuid');
  h.units.load(loadRequest('l.service', ['ExecStart=/usr/bin/limited']));
  h.units.start('l.service');
  assert.equal(h.last().exit_status, 205);
  assert.equal(h.last().result, 'exit-code');
  h.units.load(loadRequest('u.service', ['ExecStartPre=/usr/bin/nouser', 'ExecStart=/usr/bin/x']));
  h.units.start('u.service');
  assert.equal(h.units.status('u.service').active_state, 'failed');
  assert.equal(h.units.status('u.service').result, 'exit-code');
});
