// Scenario (issue 9): the Listen kinds that are not stream or datagram sockets, and the socket
// options, with the built-in socket worker (sm-socket) in a booted sandbox. One daemon written for
// sd_listen_fds(3) (fixtures/kinds.py) is activated by each kind and logs what it got:
// - ListenNetlink=kobject-uevent 1, activated by a real kernel uevent ("change" written to
//   /sys/class/net/lo/uevent), and ListenNetlink=route 16 (RTMGRP_IPV4_IFADDR), activated when an
//   address is added to lo. The sandbox shares the machine's network namespace, so that address
//   (127.0.0.213/32) is added and removed on the machine's lo, and removed in an after() hook too.
// - ListenSpecial= on a /proc file (read-only) and on /dev/kmsg with Writable=yes; a plain file
//   and a FIFO are refused at start as systemd refuses them.
// - ListenMessageQueue= created with SocketMode= and the two MessageQueue*= limits, activated by
//   a python3 client (ctypes on librt: fixtures/mq.py), unlinked by RemoveOnStop=.
// - A TCP socket with most socket options set, read back from inside the service with python's
//   getsockopt on fd 3, and shown by `sctl show` under systemd's property names; PipeSize= on a
//   FIFO, and one above the kernel's limit (root here lacks CAP_SYS_RESOURCE), which is a warning.
// The unit files are generated (they name the fixtures by absolute path).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, useSandbox } from '../harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DAEMON = path.join(HERE, 'fixtures/kinds.py');
const MQ = path.join(HERE, 'fixtures/mq.py');
const T = '/run/sockkinds';
/** A queue name of this run only: queues live in the machine's IPC namespace, shared with the sandbox. */
const QUEUE = `/sm-e2e-kinds-${process.pid}`;
const ROUTE_ADDRESS = '127.0.0.213/32';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether this process lacks CAP_SYS_RESOURCE (the sandbox's root is this root). */
function lacksSysResource(): boolean {
  const eff = /^CapEff:\s+([0-9a-f]+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return ((BigInt(`0x${eff}`) >> 24n) & 1n) === 0n;
}

const socketUnit = (name: string, lines: string[]): string =>
  `[Unit]\nDescription=socket kinds scenario: ${name}\n\n[Socket]\n${lines.join('\n')}\n`;
const serviceUnit = (name: string): string =>
  `[Unit]\nDescription=socket kinds scenario: ${name}\nStartLimitIntervalSec=0\n\n[Service]\nExecStart=/usr/bin/python3 ${DAEMON} ${T}/${name}.log\n`;

function writeUnits(dir: string, port: number): void {
  const sockets: Record<string, string[]> = {
    uevent: ['ListenNetlink=kobject-uevent 1', 'ReceiveBuffer=1M', 'PassCredentials=yes'],
    route: ['ListenNetlink=route 16', 'FileDescriptorName=rtnl'],
    proc: ['ListenSpecial=/proc/sys/kernel/ostype'],
    kmsg: ['ListenSpecial=/dev/kmsg', 'Writable=yes'],
    queue: [`ListenMessageQueue=${QUEUE}`, 'SocketMode=0600', 'MessageQueueMaxMessages=4', 'MessageQueueMessageSize=64', 'RemoveOnStop=yes'],
    tcp: [`ListenStream=127.0.0.1:${port}`, 'KeepAlive=yes', 'KeepAliveTimeSec=75', 'KeepAliveIntervalSec=15', 'KeepAliveProbes=4',
      'NoDelay=yes', 'Priority=5', 'IPTOS=low-delay', 'IPTTL=42', 'Mark=17', 'DeferAcceptSec=3', 'Transparent=yes', 'FreeBind=yes',
      'BindToDevice=lo', 'ReceiveBuffer=128K', 'Timestamping=ns', 'PassPacketInfo=yes'],
    fifo: [`ListenFIFO=${T}/pipe.fifo`, 'PipeSize=256K'],
  };
  const files: Record<string, string> = {
    'plain.socket': socketUnit('a plain file', [`ListenSpecial=${T}/plain.txt`]),
    'special-fifo.socket': socketUnit('a FIFO as a special file', [`ListenSpecial=${T}/not-special.fifo`]),
    'bigpipe.socket': socketUnit('a pipe size above the limit', [`ListenFIFO=${T}/big.fifo`, 'PipeSize=16M']),
    'bad-kinds.socket': socketUnit('bad values', ['ListenNetlink=nosuch 1', `ListenMessageQueue=${QUEUE}/sub`, 'ListenUSBFunction=/run/ffs']),
  };
  for (const [name, lines] of Object.entries(sockets)) {
    files[`${name}.socket`] = socketUnit(name, lines);
    files[`${name}.service`] = serviceUnit(name);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

async function lines(sb: Sandbox, name: string): Promise<string[]> {
  return (await sb.sh(`cat ${T}/${name}.log 2>/dev/null || true`)).stdout.split('\n').filter((l) => l !== '');
}

/** Waits until the log of `name` has a line matching `pattern`; returns it. */
async function logged(sb: Sandbox, name: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  let found: string | undefined;
  const ok = await sb.waitFor(async () => { found = (await lines(sb, name)).find((l) => pattern.test(l)); return found !== undefined; }, timeoutMs, 200);
  if (!ok) {
    const status = (await sb.sctl('status', `${name}.socket`, `${name}.service`)).stdout;
    assert.fail(`${name}.log has no line matching ${pattern}:\n${(await lines(sb, name)).join('\n')}\n${status}`);
  }
  return found ?? '';
}

async function started(sb: Sandbox, socket: string): Promise<void> {
  const r = await sb.sctl('start', `${socket}.socket`);
  assert.equal(r.exitCode, 0, r.stderr);
}

describe('socket kinds and options (sm-socket) in a booted sandbox', () => {
  let sb: Sandbox;
  let port = 0;
  const units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-socket-kinds-'));
  useSandbox(async () => {
    port = await freePort();
    writeUnits(units, port);
    return Sandbox.boot({ units: [units] });
  }, (s) => { sb = s; }, () => fs.rmSync(units, { recursive: true, force: true }));

  test('a kobject-uevent netlink socket is bound to group 1 and a kernel uevent starts its service, which gets the socket', async () => {
    await started(sb, 'uevent');
    assert.equal(await sb.show('uevent.socket', 'SubState'), 'listening');
    assert.equal(await sb.show('uevent.service', 'ActiveState'), 'inactive');
    assert.match((await sb.sctl('list-sockets')).stdout, /kobject-uevent 1\s+uevent\.socket\s+uevent\.service/);
    assert.equal((await sb.sh('echo change > /sys/class/net/lo/uevent')).exitCode, 0);
    assert.match(await logged(sb, 'uevent', /^start /), /fds=1 names=uevent\.socket modes=block$/);
    assert.equal(await logged(sb, 'uevent', /^netlink /), 'netlink uevent.socket proto=15 groups=1');
    assert.equal(await logged(sb, 'uevent', /^uevent /), 'uevent uevent.socket change@/devices/virtual/net/lo');
    assert.equal(await sb.show('uevent.socket', 'SubState'), 'running');
  });

  test('a route netlink socket on RTMGRP_IPV4_IFADDR starts its service when an address is added to lo', async (t) => {
    t.after(async () => { await sb.sh(`ip addr del ${ROUTE_ADDRESS} dev lo 2>/dev/null || true`); });
    await started(sb, 'route');
    assert.equal(await sb.show('route.service', 'ActiveState'), 'inactive');
    const add = await sb.sh(`ip addr add ${ROUTE_ADDRESS} dev lo && ip addr del ${ROUTE_ADDRESS} dev lo`);
    assert.equal(add.exitCode, 0, add.stderr);
    assert.equal(await logged(sb, 'route', /^netlink /), 'netlink rtnl proto=0 groups=16');
    assert.equal(await logged(sb, 'route', /^rtnl /), 'rtnl rtnl type=20', 'RTM_NEWADDR first');
    assert.equal(await logged(sb, 'route', /type=21/), 'rtnl rtnl type=21', 'then RTM_DELADDR, read by the running service');
  });

  test('a /proc file as ListenSpecial= is readable at once: the service starts and reads it read-only', async () => {
    await started(sb, 'proc');
    assert.equal(await logged(sb, 'proc', /^special /), 'special proc.socket access=r Linux');
    assert.equal(await sb.show('proc.service', 'ActiveState'), 'active');
    assert.equal(await sb.show('proc.socket', 'Listen'), '/proc/sys/kernel/ostype (Special)');
  });

  test('Writable=yes opens the special file read-write: /dev/kmsg reaches the service opened O_RDWR', async () => {
    await started(sb, 'kmsg');
    assert.match(await logged(sb, 'kmsg', /^special /), /^special kmsg\.socket access=rw \d+,\d+,\d+,/);
    assert.equal(await sb.show('kmsg.socket', 'Writable'), 'yes');
  });

  test('ListenSpecial= refuses a plain file (the kernel cannot poll it) and a FIFO, each with result resources and the reason', async () => {
    await sb.sh(`mkdir -p ${T} && echo text > ${T}/plain.txt && mkfifo ${T}/not-special.fifo`);
    for (const [unit, reason] of [['plain', /epoll_ctl failed: operation not permitted/i], ['special-fifo', /open failed: file already exists/i]] as const) {
      assert.notEqual((await sb.sctl('start', `${unit}.socket`)).exitCode, 0);
      assert.equal(await sb.show(`${unit}.socket`, 'Result'), 'resources');
      const status = (await sb.sctl('status', `${unit}.socket`)).stdout;
      assert.match(status, new RegExp(`cannot listen on ${T}/[a-z.-]+: ${reason.source}`, 'i'), status);
    }
  });

  test('a message queue is created with its mode and limits; after a kill -9 of sm-socket the new worker takes it back from the holder', async () => {
    await started(sb, 'queue');
    assert.equal((await sb.run(['/usr/bin/python3', MQ, 'stat', QUEUE])).stdout.trim(), 'mode=0600 maxmsg=4 msgsize=64 uid=0');
    const worker = await sb.pidOf('sm-socket');
    await sb.sh(`kill -9 ${worker}`);
    assert.ok(await sb.waitFor(async () => /queue\.socket: took back 1 listening fd/.test((await sb.sh('cat /var/log/sysmaster/sm-socket.log')).stdout), 20_000),
      'a new sm-socket took the queue back');
    assert.notEqual(await sb.pidOf('sm-socket'), worker);
    assert.equal(await sb.show('queue.socket', 'SubState'), 'listening');
  });

  test('a message sent by a python client starts the queue\'s service, which receives it and the next one', async () => {
    assert.equal(await sb.show('queue.service', 'ActiveState'), 'inactive');
    const send = await sb.run(['/usr/bin/python3', MQ, 'send', QUEUE, 'first job']);
    assert.equal(send.exitCode, 0, send.stderr);
    assert.match(await logged(sb, 'queue', /^start /), /fds=1 names=queue\.socket modes=block$/);
    assert.equal(await logged(sb, 'queue', /^mqueue /), 'mqueue queue.socket maxmsg=4 msgsize=64');
    assert.equal(await logged(sb, 'queue', /^message /), 'message queue.socket first job');
    await sb.run(['/usr/bin/python3', MQ, 'send', QUEUE, 'second job']);
    assert.equal(await logged(sb, 'queue', /second/), 'message queue.socket second job');
    assert.equal(await sb.show('queue.socket', 'MessageQueueMaxMessages'), '4');
  });

  test('RemoveOnStop= unlinks the message queue when the socket stops', async () => {
    assert.equal((await sb.sctl('stop', 'queue.socket')).exitCode, 0);
    assert.equal((await sb.run(['/usr/bin/python3', MQ, 'stat', QUEUE])).stdout.trim(), 'ENOENT');
    assert.equal((await sb.sctl('stop', 'queue.service')).exitCode, 0);
  });

  test('a TCP socket carries its options into the service: getsockopt on fd 3 shows each one', async () => {
    await started(sb, 'tcp');
    const r = await sb.sh(`echo hello | socat -t 10 - TCP:127.0.0.1:${port}`, { timeoutMs: 20_000 });
    assert.equal(r.exitCode, 0, r.stderr);
    const o = JSON.parse(r.stdout) as Record<string, number | string>;
    assert.deepEqual({ ...o, deferaccept: undefined }, {
      keepalive: 1, keepidle: 75, keepintvl: 15, keepcnt: 4, nodelay: 1, priority: 5, tos: 0x10, ttl: 42, mark: 17,
      transparent: 1, freebind: 1, device: 'lo', rcvbuf: 262144, timestampns: 1, pktinfo: 1, deferaccept: undefined,
    });
    assert.ok(Number(o.deferaccept) >= 3, `TCP_DEFER_ACCEPT ${o.deferaccept}`);
  });

  test('sctl show names the socket options as systemd does', async () => {
    const show = (await sb.sctl('show', 'tcp.socket')).stdout;
    for (const line of ['KeepAliveTimeUSec=1min 15s', 'KeepAliveIntervalUSec=15s', 'KeepAliveProbes=4', 'DeferAcceptUSec=3s',
      'Priority=5', 'IPTOS=16', 'IPTTL=42', 'Mark=17', 'Transparent=yes', 'BindToDevice=lo', 'Timestamping=ns', 'PassPacketInfo=yes']) {
      assert.ok(show.split('\n').includes(line), `${line} in:\n${show}`);
    }
  });

  test('PipeSize= sets the FIFO buffer the service sees; one above the kernel limit is a warning and the FIFO still listens', async (t) => {
    await started(sb, 'fifo');
    await sb.sh(`echo through-the-pipe > ${T}/pipe.fifo`);
    assert.equal(await logged(sb, 'fifo', /pipesize=/), 'fifo fifo.socket pipesize=262144');
    assert.equal(await logged(sb, 'fifo', /through/), 'fifo fifo.socket through-the-pipe');
    if (!lacksSysResource()) { t.diagnostic('root has CAP_SYS_RESOURCE here: no limit to exceed'); return; }
    await started(sb, 'bigpipe');
    assert.equal(await sb.show('bigpipe.socket', 'SubState'), 'listening');
    const status = (await sb.sctl('status', 'bigpipe.socket')).stdout;
    assert.match(status, /the kernel refused PipeSize=16777216 \(fcntl failed: operation not permitted\); the FIFO keeps its default size/i, status);
  });

  test('a bad netlink family, a queue name with a "/" and ListenUSBFunction= are errors at file:line', async () => {
    let out = '';
    const ok = await sb.waitFor(async () => {
      out = (await sb.sctl('status', 'bad-kinds.socket')).stdout;
      return /Loaded: bad-setting/.test(out);
    }, 10_000, 300);
    assert.ok(ok, out);
    const file = path.join(units, 'bad-kinds.socket');
    for (const line of [5, 6, 7]) assert.ok(out.includes(`${file}:${line}`), `${file}:${line} in:\n${out}`);
    assert.match(out, /"nosuch" is not a netlink family/);
    assert.notEqual((await sb.sctl('start', 'bad-kinds.socket')).exitCode, 0);
  });
});
