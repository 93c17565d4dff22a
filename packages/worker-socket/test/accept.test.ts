// Accept=yes on a fake OS and a recording WorkerHost: instance names as systemd makes them, the
// connection's holder and hand-over record until the instance has it, MaxConnections=, the
// trigger limit, the counters in the status, stop, and a new worker re-following connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitStatus, UnitStatus__Output } from '@sysmaster/proto';
import { createLogger, createRecordingHost, type RecordingHost } from '@sysmaster/worker-kit';
import { SocketUnits } from '../src/socket-units';
import { parseSocketConfig } from '../src/config';
import { FakeSocketOs, type FakeConnection } from './fake-os';
import { request } from './helpers';

const quiet = createLogger('test', { silent: true });
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Setup { units: SocketUnits; os: FakeSocketOs; core: RecordingHost; events: UnitStatus[]; stateDir: string }

function setup(existing?: { os: FakeSocketOs; stateDir: string }): Setup {
  const stateDir = existing?.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'socket-accept-'));
  const fakeOs = existing?.os ?? new FakeSocketOs();
  const core = createRecordingHost();
  const events: UnitStatus[] = [];
  const units = new SocketUnits({ host: { log: quiet, emit: (st) => events.push(st), core }, os: fakeOs, stateDir });
  return { units, os: fakeOs, core, events, stateDir };
}

function tcp(peerPort: number): FakeConnection {
  return { localFamily: 'inet', localAddress: '127.0.0.1', localPort: 22, peerFamily: 'inet', peerAddress: '127.0.0.1', peerPort };
}

function status(name: string, active_state: string, main_pid = 0): UnitStatus__Output {
  return { name, active_state, sub_state: '', result: 'success', main_pid } as UnitStatus__Output;
}

/** ssh.socket with Accept=yes on 127.0.0.1:22; returns its listening fd. */
function ssh(s: Setup, extra: string[] = []): number {
  s.units.load(request('ssh.socket', ['ListenStream=127.0.0.1:22', 'Accept=yes', ...extra]));
  s.units.start('ssh.socket');
  const [fd] = [...s.os.polls.keys()];
  assert.ok(fd !== undefined);
  return fd;
}

test('Accept=yes takes the template named after the socket and refuses Service= and sockets that accept nothing', () => {
  const ok = parseSocketConfig(request('ssh.socket', ['ListenStream=22', 'Accept=yes']));
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.config.service, 'ssh@.service');
  assert.equal(ok.config.triggerLimitBurst, 200, 'systemd.socket(5): 200 for Accept=yes');
  assert.equal(ok.config.maxConnections, 64);
  const bad = parseSocketConfig(request('x.socket', ['ListenDatagram=/run/x.dgram', 'Accept=yes', 'Service=x.service', 'MaxConnections=0']));
  assert.deepEqual(bad.errors.map((e) => [e.line, e.key]), [[6, 'Accept'], [7, 'Service'], [8, 'MaxConnections']]);
  assert.match(bad.errors[0]?.message ?? '', /accepts no connections/);
  assert.match(bad.errors[1]?.message ?? '', /Service= cannot be set with Accept=yes/);
  const units = setup().units;
  assert.deepEqual(units.load(request('ssh.socket', ['ListenStream=22', 'Accept=yes'])).dependencies, [], 'no dependency names the template');
});

test('each connection starts an instance named as systemd names it, whose holder keeps the fd until its main process runs', async () => {
  const s = setup();
  const fd = ssh(s);
  assert.ok(s.os.connect(fd, tcp(40000), tcp(40001)));
  await flush();
  assert.deepEqual(s.core.jobs, ['ssh@0-127.0.0.1:22-127.0.0.1:40000.service start replace', 'ssh@1-127.0.0.1:22-127.0.0.1:40001.service start replace']);
  assert.ok(s.os.polls.has(fd), 'the socket is polled again after the batch');
  assert.equal(s.units.status('ssh.socket').sub_state, 'listening', 'an Accept=yes socket stays listening');
  const record = s.os.handovers.get('ssh.socket#0');
  assert.deepEqual(record && { ...record, holderPid: 0 }, { unit: 'ssh.socket#0', service: 'ssh@0-127.0.0.1:22-127.0.0.1:40000.service', holderPid: 0, names: ['connection'] });
  const holder = s.os.holders.get(record?.holderPid ?? -1);
  assert.equal(holder?.unit, 'ssh.socket#0');
  assert.ok(!s.os.open.has(holder?.fds[0] ?? -1), "the worker's own copy of the connection is closed once the holder has it");

  s.core.publish(status('ssh@0-127.0.0.1:22-127.0.0.1:40000.service', 'inactive'));
  assert.ok(s.os.handovers.has('ssh.socket#0'), 'the first, not-yet-started state changes nothing');
  s.core.publish(status('ssh@0-127.0.0.1:22-127.0.0.1:40000.service', 'activating', 4242));
  assert.ok(!s.os.handovers.has('ssh.socket#0'), 'a main process has its copy: record and holder go');
  assert.ok(!s.os.holders.has(record?.holderPid ?? -1));
  assert.deepEqual(s.units.status('ssh.socket').runtime_properties, { NAccepted: '2', NConnections: '2', NRefused: '0' });
  s.core.publish(status('ssh@0-127.0.0.1:22-127.0.0.1:40000.service', 'inactive'));
  assert.deepEqual(s.units.status('ssh.socket').runtime_properties, { NAccepted: '2', NConnections: '1', NRefused: '0' });
});

test('a unix peer is named by its pid and uid, and an instance that fails before it runs releases the connection', async () => {
  const s = setup();
  s.units.load(request('echo.socket', ['ListenStream=/run/echo.sock', 'Accept=yes']));
  s.units.start('echo.socket');
  const [fd] = [...s.os.polls.keys()];
  s.os.connect(fd ?? -1, { localFamily: 'unix', localAddress: '', localPort: 0, peerFamily: 'unix', peerAddress: '', peerPort: 0, cred: { pid: 77, uid: 1000, gid: 1000 } });
  await flush();
  assert.deepEqual(s.core.jobs, ['echo@0-77-1000.service start replace']);
  s.core.publish(status('echo@0-77-1000.service', 'activating'));
  assert.ok(s.os.handovers.has('echo.socket#0'), 'activating without a main process: not handed over yet');
  s.core.publish(status('echo@0-77-1000.service', 'failed'));
  assert.equal(s.os.handovers.size, 1, 'only the listening record is left');
  assert.equal(s.os.holders.size, 1);
  assert.equal(s.units.status('echo.socket').runtime_properties?.NConnections, '0');
});

test('connections beyond MaxConnections= are closed at once and counted as refused', async () => {
  const s = setup();
  const fd = ssh(s, ['MaxConnections=2']);
  s.os.connect(fd, tcp(1), tcp(2), tcp(3));
  await flush();
  assert.equal(s.core.jobs.length, 2);
  assert.deepEqual(s.units.status('ssh.socket').runtime_properties, { NAccepted: '2', NConnections: '2', NRefused: '1' });
  const connectionFds = [...s.os.open.values()].filter((v) => 'fifo' in v && v.fifo.startsWith('connection'));
  assert.equal(connectionFds.length, 0, 'no connection fd is left open in the worker');
});

test('more connections than TriggerLimitBurst within the interval fail the socket with trigger-limit-hit', async () => {
  const s = setup();
  const fd = ssh(s, ['TriggerLimitBurst=2']);
  s.os.connect(fd, tcp(1), tcp(2), tcp(3));
  await flush();
  const st = s.units.status('ssh.socket');
  assert.equal(`${st.active_state}/${st.sub_state}/${st.result}`, 'failed/failed/trigger-limit-hit');
  assert.equal(s.os.polls.size, 0);
  assert.equal(s.os.holders.size, 0, 'stopping ends the holders of connections not handed over');
});

test('a connection whose instance never takes it is closed after the hand-over timeout', async () => {
  const s = setup();
  const fd = ssh(s);
  s.os.connect(fd, tcp(1));
  await flush();
  assert.equal(s.os.holders.size, 2);
  s.os.fireTimers();
  assert.equal(s.os.holders.size, 1);
  assert.equal(s.units.status('ssh.socket').runtime_properties?.NConnections, '0');
});

test('a new worker re-follows the connections a killed one left, and ends their holders when the instances run', async () => {
  const first = setup();
  const fd = ssh(first);
  first.os.connect(fd, tcp(5));
  await flush();
  first.units.shutdown();
  const instance = 'ssh@0-127.0.0.1:22-127.0.0.1:5.service';
  const holderPid = first.os.handovers.get('ssh.socket#0')?.holderPid;
  assert.ok(holderPid !== undefined && first.os.holders.has(holderPid), 'a worker that exits keeps the holder');

  const second = setup({ os: first.os, stateDir: first.stateDir });
  assert.deepEqual(second.units.status('ssh.socket').runtime_properties, { NAccepted: '1', NConnections: '1', NRefused: '0' });
  second.core.publish(status(instance, 'active', 99));
  assert.ok(!second.os.holders.has(holderPid));
  second.os.connect([...second.os.polls.keys()][0] ?? -1, tcp(6));
  await flush();
  assert.deepEqual(second.core.jobs, ['ssh@1-127.0.0.1:22-127.0.0.1:6.service start replace'], 'the count goes on');
});

test('MaxConnectionsPerSource= refuses a source beyond its share while other sources still get instances', async () => {
  const s = setup();
  const fd = ssh(s, ['MaxConnectionsPerSource=1']);
  const from = (peerAddress: string, peerPort: number): FakeConnection => ({ ...tcp(peerPort), peerAddress });
  s.os.connect(fd, from('10.0.0.1', 1), from('10.0.0.1', 2), from('10.0.0.2', 3));
  await flush();
  assert.deepEqual(s.core.jobs, ['ssh@0-127.0.0.1:22-10.0.0.1:1.service start replace', 'ssh@1-127.0.0.1:22-10.0.0.2:3.service start replace']);
  assert.deepEqual(s.units.status('ssh.socket').runtime_properties, { NAccepted: '2', NConnections: '2', NRefused: '1' });
  s.core.publish(status('ssh@0-127.0.0.1:22-10.0.0.1:1.service', 'active', 7));
  s.core.publish(status('ssh@0-127.0.0.1:22-10.0.0.1:1.service', 'inactive'));
  s.os.connect(fd, from('10.0.0.1', 4));
  await flush();
  assert.equal(s.core.jobs.at(-1), 'ssh@2-127.0.0.1:22-10.0.0.1:4.service start replace', 'once its instance ended the source may connect again');
});
