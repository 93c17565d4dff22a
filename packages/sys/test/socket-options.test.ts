// The socket options of listen() (systemd.socket(5) ReusePort=, FreeBind=, Transparent=,
// Broadcast=, BindToDevice=, BindIPv6Only=, KeepAlive=, KeepAliveTimeSec=, KeepAliveIntervalSec=,
// KeepAliveProbes=, NoDelay=, DeferAcceptSec=, PassCredentials=, PassSecurity=, PassPacketInfo=,
// Priority=, IPTOS=, IPTTL=, Mark=, Timestamping=, ReceiveBuffer=, SendBuffer=), read back by
// another process that inherits the fd: python's getsockopt on fd 3. Root here has CAP_NET_ADMIN,
// so SO_MARK, IP_TRANSPARENT and SO_PRIORITY above 6 are set for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeFd, listen, mkfifo, pollReadable, SysError, type ListenSpec, type RefusedOption } from '../src/index';
import { fdFlags, O_CLOEXEC, O_NONBLOCK, tempDir } from './helpers';

const READ_OPTIONS = `
import socket, json
s = socket.socket(fileno=3)
g = lambda level, name: s.getsockopt(level, name)
out = {'reuseport': g(socket.SOL_SOCKET, socket.SO_REUSEPORT), 'keepalive': g(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
       'rcvbuf': g(socket.SOL_SOCKET, socket.SO_RCVBUF),
       'sndbuf': g(socket.SOL_SOCKET, socket.SO_SNDBUF)}
if s.family == socket.AF_UNIX:
    out['passcred'] = g(socket.SOL_SOCKET, socket.SO_PASSCRED)
if s.family in (socket.AF_INET, socket.AF_INET6) and s.type == socket.SOCK_STREAM:
    out['nodelay'] = g(socket.IPPROTO_TCP, socket.TCP_NODELAY)
if s.family == socket.AF_INET6:
    out['v6only'] = g(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)
    out['freebind6'] = g(socket.IPPROTO_IPV6, 78)
if s.family == socket.AF_INET:
    out['freebind'] = g(socket.IPPROTO_IP, 15)
print(json.dumps(out))
`;

/** The options of `fd` as another process reads them. */
function optionsOf(fd: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', READ_OPTIONS], { stdio: ['ignore', 'pipe', 'inherit', fd] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`python exited ${code}`))));
  });
}

function listenOn(t: { after(fn: () => void): void }, spec: ListenSpec): number {
  const fd = listen(spec);
  t.after(() => closeFd(fd));
  return fd;
}

test('listen sets ReusePort, FreeBind, KeepAlive, NoDelay and the buffer sizes on a TCP socket', async (t) => {
  const fd = listenOn(t, {
    family: 'inet', type: 'stream', address: '127.0.0.1', port: 0,
    reusePort: true, freeBind: true, keepAlive: true, noDelay: true, receiveBuffer: 65536, sendBuffer: 65536,
  });
  const o = await optionsOf(fd);
  assert.equal(o.reuseport, 1);
  assert.equal(o.freebind, 1);
  assert.equal(o.keepalive, 1);
  assert.equal(o.nodelay, 1);
  // The kernel doubles SO_RCVBUF/SO_SNDBUF for its bookkeeping (socket(7)).
  assert.equal(o.rcvbuf, 131072);
  assert.equal(o.sndbuf, 131072);
});

test('FreeBind= works on an IPv6 socket too (IPV6_FREEBIND, not IP_FREEBIND)', async (t) => {
  const o = await optionsOf(listenOn(t, { family: 'inet6', type: 'stream', address: '::', port: 0, freeBind: true }));
  assert.equal(o.freebind6, 1);
});

test('listen leaves the kernel defaults when no option is given', async (t) => {
  const o = await optionsOf(listenOn(t, { family: 'inet', type: 'stream', address: '127.0.0.1', port: 0 }));
  assert.equal(o.reuseport, 0);
  assert.equal(o.keepalive, 0);
  assert.equal(o.nodelay, 0);
});

test('listen makes an inet6 socket dual-stack or IPv6-only as v6Only says', async (t) => {
  const dual = await optionsOf(listenOn(t, { family: 'inet6', type: 'stream', address: '::', port: 0, v6Only: false }));
  assert.equal(dual.v6only, 0);
  const only = await optionsOf(listenOn(t, { family: 'inet6', type: 'stream', address: '::', port: 0, v6Only: true }));
  assert.equal(only.v6only, 1);
});

test('listen sets PassCredentials on a unix datagram socket', async (t) => {
  const fd = listenOn(t, { family: 'unix', type: 'dgram', address: path.join(tempDir(t), 'cred.sock'), passCredentials: true });
  assert.equal((await optionsOf(fd)).passcred, 1);
});

test('mkfifo makes a FIFO with the mode, opened non-blocking and close-on-exec, readable once written', async (t) => {
  const fifo = path.join(tempDir(t), 'fifo');
  const fd = mkfifo(fifo, 0o620);
  t.after(() => closeFd(fd));
  const st = statSync(fifo);
  assert.ok(st.isFIFO());
  assert.equal(st.mode & 0o777, 0o620);
  assert.ok(fdFlags(fd) & O_NONBLOCK);
  assert.ok(fdFlags(fd) & O_CLOEXEC);
  const fired = new Promise<void>((resolve) => pollReadable(fd, resolve));
  await new Promise<void>((resolve, reject) => execFile('sh', ['-c', `echo hello > ${fifo}`], (e) => (e ? reject(new Error(e.message)) : resolve())));
  await fired;
});

test('mkfifo reuses an existing FIFO and refuses a regular file with EEXIST', (t) => {
  const dir = tempDir(t);
  const fifo = path.join(dir, 'again');
  closeFd(mkfifo(fifo, 0o600));
  closeFd(mkfifo(fifo, 0o600));
  const file = path.join(dir, 'file');
  writeFileSync(file, 'x');
  assert.throws(() => mkfifo(file, 0o600), (e: unknown) => e instanceof SysError && e.errnoName === 'EEXIST');
});

/** getsockopt(level, name) of fd 3, by label: an int, or with size a NUL-trimmed string. */
type Query = Record<string, [level: number, name: number, size?: number]>;

const READ_QUERY = `
import socket, json, sys
s = socket.socket(fileno=3)
out = {}
for label, q in json.loads(sys.argv[1]).items():
    out[label] = s.getsockopt(q[0], q[1], q[2]).rstrip(b'\\0').decode() if len(q) > 2 else s.getsockopt(q[0], q[1])
print(json.dumps(out))
`;

function query(fd: number, q: Query): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', READ_QUERY, JSON.stringify(q)], { stdio: ['ignore', 'pipe', 'inherit', fd] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number | string>) : reject(new Error(`python exited ${code}`))));
  });
}

// Levels and option numbers of linux/socket.h, in.h, in6.h, tcp.h, netlink.h (x86-64).
const SOL_SOCKET = 1, IPPROTO_IP = 0, IPPROTO_IPV6 = 41, IPPROTO_TCP = 6;
const SO = { BROADCAST: 6, PRIORITY: 12, PASSCRED: 16, TIMESTAMP: 29, PASSSEC: 34, TIMESTAMPNS: 35, MARK: 36, BINDTODEVICE: 25 };
const IP = { TOS: 1, TTL: 2, PKTINFO: 8, TRANSPARENT: 19 };
const IPV6 = { UNICAST_HOPS: 16, RECVPKTINFO: 49, TRANSPARENT: 75 };
const TCP = { KEEPIDLE: 4, KEEPINTVL: 5, KEEPCNT: 6, DEFER_ACCEPT: 9 };

test('listen sets Transparent, BindToDevice, the TCP keep-alive timers, DeferAccept, Priority, IPTOS, IPTTL, Mark, PassPacketInfo and Timestamping on a TCP socket', async (t) => {
  const fd = listenOn(t, {
    family: 'inet', type: 'stream', address: '127.0.0.1', port: 0, transparent: true, bindToDevice: 'lo',
    keepAliveTime: 30, keepAliveInterval: 7, keepAliveProbes: 4, deferAccept: 5, priority: 7, ipTos: 0x10, ipTtl: 9,
    mark: 42, passPacketInfo: true, timestamping: 'ns',
  });
  const o = await query(fd, {
    transparent: [IPPROTO_IP, IP.TRANSPARENT], device: [SOL_SOCKET, SO.BINDTODEVICE, 16], idle: [IPPROTO_TCP, TCP.KEEPIDLE],
    interval: [IPPROTO_TCP, TCP.KEEPINTVL], probes: [IPPROTO_TCP, TCP.KEEPCNT], defer: [IPPROTO_TCP, TCP.DEFER_ACCEPT],
    priority: [SOL_SOCKET, SO.PRIORITY], tos: [IPPROTO_IP, IP.TOS], ttl: [IPPROTO_IP, IP.TTL], mark: [SOL_SOCKET, SO.MARK],
    pktinfo: [IPPROTO_IP, IP.PKTINFO], ns: [SOL_SOCKET, SO.TIMESTAMPNS], us: [SOL_SOCKET, SO.TIMESTAMP],
  });
  assert.deepEqual({ ...o, defer: undefined }, {
    transparent: 1, device: 'lo', idle: 30, interval: 7, probes: 4, defer: undefined, priority: 7, tos: 0x10, ttl: 9, mark: 42,
    pktinfo: 1, ns: 1, us: 0,
  });
  // The kernel keeps TCP_DEFER_ACCEPT as a count of SYN-ACK retransmissions and reads it back as
  // the time they cover (1+2+4 s for 5 s): at least what was asked.
  assert.ok(Number(o.defer) >= 5, `TCP_DEFER_ACCEPT ${o.defer}`);
});

test('on IPv6 Transparent, IPTTL and PassPacketInfo set their IPV6_ options, and IPTOS the TOS of IPv4 traffic', async (t) => {
  const fd = listenOn(t, { family: 'inet6', type: 'stream', address: '::1', port: 0, transparent: true, ipTtl: 3, passPacketInfo: true, ipTos: 0x08 });
  const o = await query(fd, {
    transparent: [IPPROTO_IPV6, IPV6.TRANSPARENT], hops: [IPPROTO_IPV6, IPV6.UNICAST_HOPS], pktinfo: [IPPROTO_IPV6, IPV6.RECVPKTINFO],
    tos: [IPPROTO_IP, IP.TOS],
  });
  assert.deepEqual(o, { transparent: 1, hops: 3, pktinfo: 1, tos: 0x08 });
});

test('a UDP socket gets Broadcast, PassPacketInfo and microsecond Timestamping', async (t) => {
  const fd = listenOn(t, { family: 'inet', type: 'dgram', address: '127.0.0.1', port: 0, broadcast: true, passPacketInfo: true, timestamping: 'us' });
  const o = await query(fd, { broadcast: [SOL_SOCKET, SO.BROADCAST], pktinfo: [IPPROTO_IP, IP.PKTINFO], us: [SOL_SOCKET, SO.TIMESTAMP], ns: [SOL_SOCKET, SO.TIMESTAMPNS] });
  assert.deepEqual(o, { broadcast: 1, pktinfo: 1, us: 1, ns: 0 });
});

test('a unix socket gets PassSecurity, Priority and Mark, and skips the options that mean nothing there', async (t) => {
  const fd = listenOn(t, {
    family: 'unix', type: 'dgram', address: path.join(tempDir(t), 'sec.sock'), passSecurity: true, priority: 3, mark: 7,
    noDelay: true, keepAliveTime: 60, ipTos: 0x10, ipTtl: 5, transparent: true, broadcast: true, bindToDevice: 'lo', passPacketInfo: true,
  });
  const o = await query(fd, { passsec: [SOL_SOCKET, SO.PASSSEC], priority: [SOL_SOCKET, SO.PRIORITY], mark: [SOL_SOCKET, SO.MARK] });
  assert.deepEqual(o, { passsec: 1, priority: 3, mark: 7 });
});

test('PassCredentials is skipped on TCP, which kernels since 6.16 refuse (EOPNOTSUPP)', async (t) => {
  const fd = listenOn(t, { family: 'inet', type: 'stream', address: '127.0.0.1', port: 0, passCredentials: true, passSecurity: true });
  assert.ok(fd >= 0);
});

test('an option the kernel refuses is reported and the socket kept; without a callback listen throws and closes it', async (t) => {
  const refused: RefusedOption[] = [];
  const fd = listen({ family: 'inet', type: 'stream', address: '127.0.0.1', port: 0, keepAliveTime: 0, noDelay: true }, (r) => refused.push(r));
  t.after(() => closeFd(fd));
  assert.deepEqual(refused.map((r) => [r.option, r.error.errnoName, r.error.syscall]), [['keepAliveTime', 'EINVAL', 'setsockopt']]);
  assert.equal((await optionsOf(fd)).nodelay, 1, 'the other options are set');
  assert.throws(() => listen({ family: 'inet', type: 'stream', address: '127.0.0.1', port: 0, keepAliveTime: 0 }),
    (e: unknown) => e instanceof SysError && e.errnoName === 'EINVAL' && /keepAliveTime/.test(e.message));
});

test('BindToDevice= naming no interface fails listen with ENODEV even with a callback, as in systemd', () => {
  assert.throws(() => listen({ family: 'inet', type: 'stream', address: '127.0.0.1', port: 0, bindToDevice: 'sm-nope0' }, () => undefined),
    (e: unknown) => e instanceof SysError && e.errnoName === 'ENODEV' && e.syscall === 'setsockopt');
});
