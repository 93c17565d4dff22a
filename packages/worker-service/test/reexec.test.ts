// The service worker across UnitWorker.Reexec (worker-kit execs the same process; here the same
// FakeOs plays the process): the notify socket is handed over as the same fd, the processes are
// still children so their exits carry their real status, a Type=notify start waits on for
// READY=1, and a control step (ExecStartPre=, ExecStop=, a forking or oneshot start) goes on with
// its next command when its process exits — where a crash's re-adoption says "status unknown"
// and ends such a start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOs } from './fake-os';
import { harness, loadRequest, subStatePath, type Harness } from './helpers';

/** Shuts `first` down for a re-exec and builds the next image on the same OS. */
function reexec(first: Harness) {
  first.units.shutdown({ reexec: true });
  const kept = first.units.keptFds();
  return { second: harness(first.os, first.stateDir, 'run', { listenFd: 3, fds: kept }), kept };
}

/** Starts the units of `requests` in a first worker, then re-executes it. */
function reexecuted(requests: Array<[string, string[]]>) {
  const os = new FakeOs();
  const first = harness(os);
  for (const [name, lines] of requests) { first.units.load(loadRequest(name, lines)); first.units.start(name); }
  return { os, first, ...reexec(first) };
}

test('a re-exec keeps the notify socket as the same fd, where a graceful exit closes it', () => {
  const { os, kept } = reexecuted([]);
  assert.deepEqual(kept, { notify: 99 });
  assert.equal(os.notifyInherited, 99, 'the next image reads the kept fd instead of binding a new socket');
  const h = harness();
  h.units.shutdown();
  assert.deepEqual(h.units.keptFds(), {});
});

test('after a re-exec the exit of a running main process is reported with its real status, not "unknown"', () => {
  const { os, second } = reexecuted([['s.service', ['ExecStart=/bin/daemon']], ['e.service', ['ExecStart=/bin/job']]]);
  const [s, e] = [second.units.status('s.service'), second.units.status('e.service')];
  assert.equal(s.sub_state, 'running');
  os.exit(s.main_pid!, { signal: 'SIGTERM' });
  os.advance(100);
  const killed = second.units.status('s.service');
  assert.deepEqual([killed.active_state, killed.exit_code, killed.exit_status], ['inactive', 'killed', 15]);
  os.exit(e.main_pid!, { code: 3 });
  os.advance(100);
  const failed = second.units.status('e.service');
  assert.deepEqual([failed.active_state, failed.exit_code, failed.exit_status, failed.result], ['failed', 'exited', 3, 'exit-code']);
});

test('a Type=notify start interrupted by a re-exec waits on for READY=1 and becomes active', () => {
  const { os, second } = reexecuted([['n.service', ['Type=notify', 'ExecStart=/bin/daemon']]]);
  const status = second.units.status('n.service');
  assert.equal(status.sub_state, 'start');
  os.sendNotify(status.main_pid!, 'READY=1');
  assert.equal(second.units.status('n.service').active_state, 'active');
  assert.equal(second.units.status('n.service').main_pid, status.main_pid);
});

test('after a crash, by contrast, a Type=notify start is ended: a READY=1 may have been lost with the old socket', () => {
  const first = harness();
  first.units.load(loadRequest('n.service', ['Type=notify', 'ExecStart=/bin/daemon']));
  first.units.start('n.service');
  const pid = first.os.lastSpawn().pid;
  first.units.shutdown();
  const os = new FakeOs();
  os.adoptable(pid, '/cg/system.slice/n.service');
  const second = harness(os, first.stateDir);
  assert.equal(second.units.status('n.service').sub_state, 'stop-sigterm');
});

test('an ExecStartPre= running at a re-exec is not spawned again; its exit 0 goes on with the next one, then ExecStart=', () => {
  const { os, second } = reexecuted([['p.service', ['ExecStartPre=/bin/sleep 2', 'ExecStartPre=/bin/true', 'ExecStart=/bin/daemon']]]);
  const pre = os.lastSpawn();
  const spawned = os.spawned.length;
  const status = second.units.status('p.service');
  assert.deepEqual([status.sub_state, status.control_pid], ['start-pre', pre.pid], 'still in start-pre with the same control process');
  assert.equal(os.spawned.length, spawned, 'nothing was spawned by the takeover');
  os.exit(pre.pid, { code: 0 });
  assert.deepEqual(os.lastSpawn().request.argv, ['/bin/true'], 'the second ExecStartPre= runs');
  os.exit(os.lastSpawn().pid, { code: 0 });
  const main = os.lastSpawn();
  assert.deepEqual(main.request.argv, ['/bin/daemon']);
  assert.ok(main.request.env.includes('INVOCATION_ID=0123456789abcdef0123456789abcdef'), 'the next commands get the run\'s context');
  const after = second.units.status('p.service');
  assert.deepEqual([after.active_state, after.sub_state, after.main_pid, after.result], ['active', 'running', main.pid, 'success']);
});

test('an ExecStartPre= that exits 1 after a re-exec fails the start with result exit-code, and ExecStart= never runs', () => {
  const { os, second } = reexecuted([['p.service', ['ExecStartPre=/bin/sleep 2', 'ExecStart=/bin/daemon']]]);
  const pre = os.lastSpawn();
  os.exit(pre.pid, { code: 1 });
  os.advance(100);
  const after = second.units.status('p.service');
  assert.deepEqual([after.active_state, after.result], ['failed', 'exit-code']);
  assert.equal(os.spawned.length, 1, 'ExecStart= never ran');
  assert.deepEqual(subStatePath(second.events).at(-1), 'failed');
});

test('the start timeout of a step resumed after a re-exec is armed again, in full from the re-exec', () => {
  const { os, second } = reexecuted([['p.service', ['ExecStartPre=/bin/sleep 60', 'ExecStart=/bin/daemon', 'TimeoutStartSec=5']]]);
  const pre = os.lastSpawn();
  os.advance(4_900);
  assert.equal(second.units.status('p.service').sub_state, 'start-pre');
  os.advance(200);
  assert.ok(os.signals.some(([pid, signal]) => pid === pre.pid && signal === 15), 'the control process got SIGTERM on the timeout');
  os.advance(100);
  const after = second.units.status('p.service');
  assert.deepEqual([after.active_state, after.result], ['failed', 'timeout']);
});

test('an ExecStop= running at a re-exec goes on, when it exits, to the signal steps, ExecStopPost= and dead', () => {
  const first = harness();
  first.units.load(loadRequest('s.service', ['ExecStart=/bin/daemon', 'ExecStop=/bin/stopper', 'ExecStopPost=/bin/cleanup']));
  first.units.start('s.service');
  const main = first.os.lastSpawn().pid;
  first.units.stop('s.service');
  const stopper = first.os.lastSpawn();
  assert.deepEqual(stopper.request.argv, ['/bin/stopper']);
  const { second } = reexec(first);
  const os = first.os;
  assert.deepEqual([second.units.status('s.service').sub_state, second.units.status('s.service').control_pid], ['stop', stopper.pid]);
  os.exit(stopper.pid, { code: 0 });
  assert.ok(os.signals.some(([pid, signal]) => pid === main && signal === 15), 'stop-sigterm signals the main process');
  os.settle();
  const post = os.lastSpawn();
  assert.deepEqual(post.request.argv, ['/bin/cleanup']);
  assert.ok(post.request.env.includes('SERVICE_RESULT=success'), 'ExecStopPost= gets the stop-phase variables');
  assert.equal(second.units.status('s.service').sub_state, 'stop-post');
  os.exit(post.pid, { code: 0 });
  os.advance(100);
  const after = second.units.status('s.service');
  assert.deepEqual([after.active_state, after.sub_state, after.result], ['inactive', 'dead', 'success']);
});

test('a Type=oneshot start at a re-exec waits for its main process, then runs the next ExecStart=', () => {
  const { os, second } = reexecuted([['o.service', ['Type=oneshot', 'ExecStart=/bin/true one', 'ExecStart=/bin/true two']]]);
  const one = os.lastSpawn();
  assert.deepEqual([second.units.status('o.service').sub_state, second.units.status('o.service').main_pid], ['start', one.pid]);
  os.exit(one.pid, { code: 0 });
  const two = os.lastSpawn();
  assert.deepEqual(two.request.argv, ['/bin/true', 'two']);
  os.exit(two.pid, { code: 0 });
  os.advance(100);
  const after = second.units.status('o.service');
  assert.deepEqual([after.active_state, after.result], ['inactive', 'success']);
  assert.equal(os.spawned.length, 2);
});

test('a Type=forking start at a re-exec finds its main process once the forking process exits', () => {
  const { os, second } = reexecuted([['f.service', ['Type=forking', 'PIDFile=/run/f.pid', 'ExecStart=/bin/forker']]]);
  const forker = os.lastSpawn();
  assert.deepEqual([second.units.status('f.service').sub_state, second.units.status('f.service').control_pid], ['start', forker.pid]);
  os.adoptable(4242, '/cg/system.slice/f.service');
  os.files.set('/run/f.pid', '4242\n');
  os.exit(forker.pid, { code: 0 });
  const after = second.units.status('f.service');
  assert.deepEqual([after.active_state, after.sub_state, after.main_pid], ['active', 'running', 4242]);
});

test('a unit running at a re-exec can still reload and stop: the execution context is resolved again', () => {
  const { os, second } = reexecuted([['r.service', ['ExecStart=/bin/daemon', 'ExecReload=/bin/reloader', 'ExecStop=/bin/stopper']]]);
  second.units.reload('r.service');
  assert.deepEqual(os.lastSpawn().request.argv, ['/bin/reloader']);
  os.exit(os.lastSpawn().pid, { code: 0 });
  assert.equal(second.units.status('r.service').sub_state, 'running');
  second.units.stop('r.service');
  assert.deepEqual(os.lastSpawn().request.argv, ['/bin/stopper']);
  os.exit(os.lastSpawn().pid, { code: 0 });
  os.advance(100);
  assert.deepEqual([second.units.status('r.service').sub_state, second.units.status('r.service').result], ['dead', 'success']);
});

test('after a crash, by contrast, a unit in start-pre is stopped with result resources: its control process is not our child', () => {
  const first = harness();
  first.units.load(loadRequest('p.service', ['ExecStartPre=/bin/sleep 2', 'ExecStart=/bin/daemon']));
  first.units.start('p.service');
  const pid = first.os.lastSpawn().pid;
  first.units.shutdown();
  const os = new FakeOs();
  os.adoptable(pid, '/cg/system.slice/p.service');
  const second = harness(os, first.stateDir);
  assert.equal(second.units.status('p.service').sub_state, 'stop-sigterm');
  assert.deepEqual(os.signals[0], [pid, 15]);
  // Not our child and not watched, its end is seen at the stop timeouts (TimeoutStopSec= 90 s each).
  os.advance(600_000);
  const after = second.units.status('p.service');
  assert.deepEqual([after.active_state, after.result], ['failed', 'resources']);
  assert.equal(os.spawned.length, 0, 'ExecStart= never ran');
});
