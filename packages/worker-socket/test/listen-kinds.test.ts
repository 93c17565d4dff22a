// ListenSpecial=, ListenNetlink=, ListenMessageQueue= and the socket options on the fake OS: what
// start opens (and with what), what stop removes, activation through their polls, and the options
// the kernel refuses, which warn without failing the socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { createLogger, createRecordingHost, type WorkerHost } from '@sysmaster/worker-kit';
import { parseSocketConfig } from '../src/config';
import { listenSpec } from '../src/socket-unit';
import { SocketUnits } from '../src/socket-units';
import { FakeSocketOs } from './fake-os';
import { request } from './helpers';

const quiet = createLogger('test', { silent: true });

function setup(): { units: SocketUnits; os: FakeSocketOs; core: ReturnType<typeof createRecordingHost> } {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-kinds-'));
  const fake = new FakeSocketOs();
  const core = createRecordingHost();
  const host: WorkerHost = { log: quiet, emit: () => undefined, core };
  return { units: new SocketUnits({ host, os: fake, stateDir }), os: fake, core };
}

const KINDS = [
  'ListenSpecial=/dev/kmsg', 'ListenNetlink=kobject-uevent 1', 'ListenMessageQueue=/jobs', 'ListenFIFO=/run/k/k.fifo',
  'Writable=yes', 'SocketMode=0640', 'MessageQueueMaxMessages=8', 'MessageQueueMessageSize=256', 'PipeSize=128K',
  'ReceiveBuffer=1M', 'PassCredentials=yes', 'SocketUser=daemon', 'RemoveOnStop=yes', 'DirectoryMode=0700',
];

test('start opens a special file read-write (Writable=), a netlink socket, a message queue with its mode and limits, and a FIFO with PipeSize=', () => {
  const s = setup();
  s.units.load(request('k.socket', KINDS));
  s.units.start('k.socket');
  assert.equal(s.units.status('k.socket').sub_state, 'listening');
  assert.deepEqual([...s.os.open.values()], [
    { special: '/dev/kmsg', writable: true },
    { family: 'netlink', type: 'raw', address: '', protocol: 15, groups: 1, backlog: 4096, mode: 0o640, receiveBuffer: 1048576, passCredentials: true },
    { mqueue: '/jobs', mode: 0o640, maxMessages: 8, messageSize: 256 },
    { fifo: '/run/k/k.fifo', mode: 0o640, pipeSize: 131072 },
  ]);
  assert.equal(s.os.polls.size, 4, 'every fd is polled');
  assert.deepEqual(s.os.dirs, [['/run/k', 0o700]], 'only the FIFO gets a folder');
  assert.deepEqual(s.os.chowned, [['/run/k/k.fifo', 'daemon', null]], 'only the FIFO is chowned');
  assert.deepEqual(s.os.handovers.get('k.socket')?.names, ['k.socket', 'k.socket', 'k.socket', 'k.socket']);
});

test('a uevent on the netlink socket (its poll) starts the service', async () => {
  const s = setup();
  s.units.load(request('k.socket', KINDS));
  s.units.start('k.socket');
  const netlinkFd = [...s.os.open.entries()].find(([, v]) => 'family' in v && v.family === 'netlink')?.[0] ?? -1;
  assert.ok(s.os.readable(netlinkFd));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(s.core.jobs, ['k.service start replace']);
  assert.equal(s.units.status('k.socket').sub_state, 'running');
});

test('stop with RemoveOnStop= unlinks the FIFO and the message queue, never the special file', () => {
  const s = setup();
  s.units.load(request('k.socket', KINDS));
  s.units.start('k.socket');
  s.units.stop('k.socket');
  assert.deepEqual(s.os.unlinked, ['/run/k/k.fifo']);
  assert.deepEqual(s.os.unlinkedQueues, ['/jobs']);
  assert.equal(s.os.open.size, 0);
});

test('a special file that cannot be opened fails the unit with resources, naming it and the errno', () => {
  const s = setup();
  s.os.refuse.set('/dev/nothing', 'ENOENT');
  s.units.load(request('n.socket', ['ListenStream=/run/n.sock', 'ListenSpecial=/dev/nothing']));
  s.units.start('n.socket');
  const st = s.units.status('n.socket');
  assert.deepEqual([st.active_state, st.result], ['failed', 'resources']);
  assert.match(s.core.events.at(-1) ?? '', /cannot listen on \/dev\/nothing: open failed: ENOENT/);
  assert.equal(s.os.open.size, 0, 'the socket opened before it is closed again');
});

test('an option the kernel refuses and a PipeSize= it refuses are warnings; the socket listens without them', () => {
  const s = setup();
  s.os.refuseOption.set('mark', 'EPERM');
  s.os.pipeSizeError = 'EPERM';
  s.units.load(request('m.socket', ['ListenStream=127.0.0.1:8080', 'ListenFIFO=/run/m.fifo', 'Mark=7', 'NoDelay=yes', 'PipeSize=4M']));
  s.units.start('m.socket');
  assert.equal(s.units.status('m.socket').sub_state, 'listening');
  const [tcp] = [...s.os.open.values()];
  assert.deepEqual(tcp, { family: 'inet', type: 'stream', address: '127.0.0.1', port: 8080, backlog: 4096, mode: 0o666, noDelay: true });
  assert.deepEqual(s.core.events.filter((e) => / warning /.test(e)), [
    'm.socket warning m.socket: 127.0.0.1:8080: the kernel refused Mark= (setsockopt failed: EPERM); listening without it',
    'm.socket warning m.socket: /run/m.fifo: the kernel refused PipeSize=4194304 (fcntl failed: EPERM); the FIFO keeps its default size',
  ]);
});

test('listenSpec gives every socket option to listen(), and a netlink line its family number and group mask', () => {
  const spec = (lines: string[]) => {
    const { config } = parseSocketConfig(request('p.socket', lines));
    const l = config.listens[0];
    assert.ok(l);
    return listenSpec(l, config);
  };
  assert.deepEqual(spec(['ListenStream=[::1]:80', 'Transparent=yes', 'IPTTL=3', 'KeepAliveTimeSec=1min', 'Timestamping=ns', 'BindToDevice=lo']), {
    family: 'inet6', type: 'stream', address: '::1', port: 80, backlog: 4096, mode: 0o666,
    transparent: true, ipTtl: 3, keepAliveTime: 60, timestamping: 'ns', bindToDevice: 'lo',
  });
  assert.deepEqual(spec(['ListenNetlink=route 17']), { family: 'netlink', type: 'raw', address: '', protocol: 0, groups: 17, backlog: 4096, mode: 0o666 });
  assert.equal(spec(['ListenNetlink=12']).protocol, 12);
});

test('the service of a message queue socket gets the queue as a LISTEN_FDS fd like any socket', () => {
  const s = setup();
  s.units.load(request('q.socket', ['ListenMessageQueue=/q', 'FileDescriptorName=queue']));
  s.units.start('q.socket');
  const record = s.os.handovers.get('q.socket');
  const holder = s.os.holders.get(record?.holderPid ?? -1);
  assert.deepEqual([record?.service, record?.names, holder?.fds.length], ['q.service', ['queue'], 1]);
  const status: UnitStatus__Output = s.units.status('q.socket') as UnitStatus__Output;
  assert.equal(status.sub_state, 'listening');
});
