// What the worker tells the core with ReportEvent (worker.proto HostEventKind): things the user
// should see that change no state — a refused notify sender, a refused FDSTORE=1, a failed
// ExecStopPost= or ExecReload=, a refused MAINPID= — as warnings, and each new STATUS= as notify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, loadRequest } from './helpers';

const CG = (unit: string): string => `/cg/system.slice/${unit}`;

test('a datagram NotifyAccess= refuses is reported as a warning once, however often it is repeated', () => {
  const h = harness();
  h.units.load(loadRequest('m.service', ['Type=notify', 'ExecStart=/usr/sbin/m']));
  h.units.start('m.service');
  h.os.adoptable(777, CG('m.service'));
  for (let i = 0; i < 5; i++) h.os.sendNotify(777, 'READY=1');
  const warnings = h.core.events.filter((e) => e.startsWith('m.service warning'));
  assert.deepEqual(warnings, [
    'm.service warning A notify message from pid 777 was ignored: NotifyAccess=main and pid 777 is not the main process (100).',
  ]);
  h.os.advance(10_000);
  h.os.sendNotify(777, 'READY=1');
  assert.equal(h.core.events.filter((e) => e.startsWith('m.service warning')).length, 2, 'again after ten seconds');
});

test('FDSTORE=1 without a store, or beyond FileDescriptorStoreMax=, is reported with the fds it refused', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['Type=notify', 'ExecStart=/usr/sbin/n']));
  h.units.start('n.service');
  h.os.sendNotify(h.os.lastSpawn().pid, 'FDSTORE=1', { fds: [50] });
  assert.deepEqual(h.os.closed, [50]);
  assert.ok(h.core.events.includes('n.service warning FDSTORE=1 refused 1 file descriptor(s): FileDescriptorStoreMax=0.'), h.core.events.join('\n'));

  h.units.load(loadRequest('f.service', ['Type=notify', 'ExecStart=/usr/sbin/f', 'FileDescriptorStoreMax=1']));
  h.units.start('f.service');
  h.os.sendNotify(h.os.lastSpawn().pid, 'FDSTORE=1', { fds: [60, 61] });
  assert.ok(h.core.events.includes('f.service warning FDSTORE=1 refused 1 file descriptor(s): the store is full (FileDescriptorStoreMax=1).'));
});

test('each new STATUS= goes to the core as a notify event; a repeated one does not', () => {
  const h = harness();
  h.units.load(loadRequest('s.service', ['Type=notify', 'ExecStart=/usr/sbin/s']));
  h.units.start('s.service');
  const pid = h.os.lastSpawn().pid;
  h.os.sendNotify(pid, 'STATUS=warming up');
  h.os.sendNotify(pid, 'STATUS=warming up\nREADY=1');
  h.os.sendNotify(pid, 'STATUS=serving');
  assert.deepEqual(h.core.events.filter((e) => e.includes(' notify ')), ['s.service notify STATUS=warming up', 's.service notify STATUS=serving']);
});

test('a failed ExecStopPost= and a failed ExecReload= are warnings; the unit carries on as before', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', ['ExecStart=/usr/sbin/p', 'ExecReload=/bin/reload', 'ExecStopPost=/bin/cleanup']));
  h.units.start('p.service');
  h.units.reload('p.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 2 });
  assert.equal(h.last().sub_state, 'running', 'a failed reload leaves the unit running');
  assert.ok(h.core.events.includes('p.service warning ExecReload= command /bin/reload failed (exit status 2).'), h.core.events.join('\n'));
  h.units.stop('p.service');
  h.os.settle();
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.settle();
  assert.ok(h.core.events.includes('p.service warning ExecStopPost= command /bin/cleanup failed (exit status 1).'), h.core.events.join('\n'));
  assert.equal(h.last().result, 'exit-code');
});

test('MAINPID= naming a process outside the unit is refused with a warning', () => {
  const h = harness();
  h.units.load(loadRequest('x.service', ['Type=notify', 'ExecStart=/usr/sbin/x']));
  h.units.start('x.service');
  const pid = h.os.lastSpawn().pid;
  h.os.adoptable(4321, CG('other.service'));
  h.os.sendNotify(pid, 'MAINPID=4321\nREADY=1', { uid: 1000 });
  assert.equal(h.last().main_pid, pid);
  assert.ok(h.core.events.includes('x.service warning MAINPID=4321 was refused: it is not a live process of the unit.'), h.core.events.join('\n'));
});

test('a command that cannot be run is reported with the reason', () => {
  const h = harness();
  h.os.missing.add('/usr/sbin/gone');
  h.units.load(loadRequest('g.service', ['ExecStart=/usr/sbin/gone']));
  h.units.start('g.service');
  assert.equal(h.last().active_state, 'failed');
  assert.ok(h.core.events.some((e) => e.startsWith('g.service warning Cannot run /usr/sbin/gone: ')), h.core.events.join('\n'));
});
