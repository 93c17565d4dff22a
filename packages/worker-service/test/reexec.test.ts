// The service worker across UnitWorker.Reexec (worker-kit execs the same process; here the same
// FakeOs plays the process): the notify socket is handed over as the same fd, the processes are
// still children so their exits carry their real status, and a Type=notify start waits on for
// READY=1 — where a crash's re-adoption says "status unknown" and ends such a start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOs } from './fake-os';
import { harness, loadRequest } from './helpers';

/** Starts the units of `requests` in a first worker, then shuts it down for a re-exec and builds the next image on the same OS. */
function reexecuted(requests: Array<[string, string[]]>) {
  const os = new FakeOs();
  const first = harness(os);
  for (const [name, lines] of requests) { first.units.load(loadRequest(name, lines)); first.units.start(name); }
  first.units.shutdown({ reexec: true });
  const kept = first.units.keptFds();
  const second = harness(os, first.stateDir, 'run', { listenFd: 3, fds: kept });
  return { os, first, second, kept };
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
