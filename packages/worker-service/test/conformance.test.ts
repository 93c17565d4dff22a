// systemd.service(5) semantics an acceptance run against systemd 252 found wrong (issue 13):
// PIDFile= removed after the stop, ExecStop= only after a successful start, the oom-kill result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, loadRequest } from './helpers';
import { cleanNothing } from '@sysmaster/proto';

const CG = (unit: string): string => `/cg/system.slice/${unit}`;

test('the PIDFile= of a forking service is removed once the service stopped', () => {
  const h = harness();
  h.units.load(loadRequest('f.service', ['Type=forking', 'PIDFile=f.pid', 'ExecStart=/usr/sbin/f']));
  h.units.start('f.service');
  h.os.adoptable(4242, CG('f.service'));
  h.os.files.set('/run/f.pid', '4242\n');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().main_pid, 4242, 'the relative PIDFile= was read under /run');
  h.units.stop('f.service');
  h.os.advance(100);
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.os.files.has('/run/f.pid'), false, 'the manager removed /run/f.pid');
});

test('an absolute PIDFile= is removed when the daemon exits on its own, too', () => {
  const h = harness();
  h.units.load(loadRequest('g.service', ['Type=forking', 'PIDFile=/var/run/g/g.pid', 'ExecStart=/usr/sbin/g']));
  h.units.start('g.service');
  h.os.adoptable(4343, CG('g.service'));
  h.os.files.set('/var/run/g/g.pid', '4343');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().sub_state, 'running');
  h.os.exit(4343, { code: 0 });
  h.os.advance(100);
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.os.files.has('/var/run/g/g.pid'), false);
});

/** The paths of the commands spawned, in order, after the first `skip`. */
const spawnedPaths = (h: ReturnType<typeof harness>, skip = 0): string[] => h.os.spawned.slice(skip).map((s) => s.request.path);

test('a failed ExecStartPost= skips ExecStop=: only the ExecStopPost= commands run, in order, and the unit fails', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', [
    'ExecStart=/usr/sbin/p', 'ExecStartPost=/bin/post', 'ExecStop=/bin/stop', 'ExecStopPost=/bin/clean1', 'ExecStopPost=/bin/clean2',
  ]));
  h.units.start('p.service');
  const main = h.os.spawned[0]!.pid;
  h.os.exit(h.os.lastSpawn().pid, { code: 1 }); // ExecStartPost= fails
  h.os.exit(main, { signal: 'SIGTERM' });
  h.os.exit(h.os.lastSpawn().pid, { code: 0 }); // clean1
  h.os.exit(h.os.lastSpawn().pid, { code: 0 }); // clean2
  h.os.advance(100);
  assert.deepEqual(spawnedPaths(h), ['/usr/sbin/p', '/bin/post', '/bin/clean1', '/bin/clean2']);
  assert.equal(`${h.last().active_state}/${h.last().sub_state}/${h.last().result}`, 'failed/failed/exit-code');
});

test('a failed ExecStart= and a failed ExecStartPre= run ExecStopPost= but never ExecStop=', () => {
  for (const lines of [['Type=oneshot', 'ExecStart=/bin/fails'], ['ExecStartPre=/bin/fails', 'ExecStart=/usr/sbin/x']]) {
    const h = harness();
    h.units.load(loadRequest('s.service', [...lines, 'ExecStop=/bin/stop', 'ExecStopPost=/bin/clean']));
    h.units.start('s.service');
    h.os.exit(h.os.lastSpawn().pid, { code: 2 });
    h.os.exit(h.os.lastSpawn().pid, { code: 0 });
    h.os.advance(100);
    assert.deepEqual(spawnedPaths(h), ['/bin/fails', '/bin/clean'], lines.join(' '));
    assert.equal(h.last().sub_state, 'failed');
  }
});

test('a service that started runs ExecStop= and then ExecStopPost= on a stop', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['ExecStart=/usr/sbin/r', 'ExecStop=/bin/stop', 'ExecStopPost=/bin/clean']));
  h.units.start('r.service');
  h.units.stop('r.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  h.os.advance(100);
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  h.os.advance(100);
  assert.deepEqual(spawnedPaths(h), ['/usr/sbin/r', '/bin/stop', '/bin/clean']);
  assert.equal(h.last().sub_state, 'dead');
});

test('a main process SIGKILLed while the cgroup oom_kill counter rose ends with result oom-kill', () => {
  const h = harness();
  h.units.load(loadRequest('m.service', ['ExecStart=/usr/sbin/m']));
  h.os.createCgroup(CG('m.service'));
  h.os.oomKillCounts.set(CG('m.service'), 2);
  h.units.start('m.service');
  h.os.oomKillCounts.set(CG('m.service'), 3);
  h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGKILL' });
  h.os.advance(100);
  assert.equal(`${h.last().sub_state}/${h.last().result}`, 'failed/oom-kill');
});

test('a SIGKILL without an OOM kill, or without a readable memory.events, stays result signal', () => {
  for (const counts of [[1, 1], null] as const) {
    const h = harness();
    h.units.load(loadRequest('k.service', ['ExecStart=/usr/sbin/k']));
    if (counts) h.os.oomKillCounts.set(CG('k.service'), counts[0]);
    h.units.start('k.service');
    if (counts) h.os.oomKillCounts.set(CG('k.service'), counts[1]);
    h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGKILL' });
    h.os.advance(100);
    assert.equal(`${h.last().sub_state}/${h.last().result}`, 'failed/signal', counts ? 'counter unchanged' : 'no memory controller');
  }
});

const CLEAN_NONE = cleanNothing();

test('clean removes the selected directories of an inactive unit, passing through cleaning, and refuses an active one', () => {
  const h = harness();
  h.units.load(loadRequest('d.service', ['ExecStart=/usr/sbin/d', 'RuntimeDirectory=d-run', 'StateDirectory=d-state', 'CacheDirectory=d-cache']));
  for (const dir of ['/run/d-run', '/var/lib/d-state', '/var/cache/d-cache']) h.os.files.set(`${dir}/file`, 'x');
  h.units.start('d.service');
  assert.throws(() => h.units.clean('d.service', { ...CLEAN_NONE, state: true }), (e: Error & { code?: string }) => e.code === 'ERR_WRONG_STATE');
  assert.ok(h.os.files.has('/var/lib/d-state/file'), 'nothing removed while active');
  h.units.stop('d.service');
  h.os.advance(100);
  const seen = h.events.length;
  h.units.clean('d.service', { ...CLEAN_NONE, state: true, cache: true });
  assert.deepEqual(h.events.slice(seen).map((e) => `${e.active_state}/${e.sub_state}`), ['maintenance/cleaning', 'inactive/dead']);
  assert.equal(h.os.files.has('/var/lib/d-state/file'), false);
  assert.equal(h.os.files.has('/var/cache/d-cache/file'), false);
  h.os.files.set('/run/d-run/file', 'x');
  h.units.clean('d.service', CLEAN_NONE);
  assert.ok(h.os.files.has('/run/d-run/file'), 'only what was selected goes');
});

test('a failed unit stays failed after clean, and a removal that fails leaves it failed with result resources', () => {
  const h = harness();
  h.units.load(loadRequest('e.service', ['Type=oneshot', 'ExecStart=/bin/fails', 'LogsDirectory=e-logs']));
  h.units.start('e.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.advance(100);
  h.units.clean('e.service', { ...CLEAN_NONE, logs: true });
  assert.equal(`${h.last().sub_state}/${h.last().result}`, 'failed/exit-code');
  h.units.resetFailed('e.service');
  h.os.removeTree = () => { throw new Error('EBUSY'); };
  assert.throws(() => h.units.clean('e.service', { ...CLEAN_NONE, logs: true }), /removing \/var\/log\/e-logs failed: EBUSY/);
  assert.equal(`${h.last().sub_state}/${h.last().result}`, 'failed/resources');
});
