// The socket options of listen() (systemd.socket(5) ReusePort=, FreeBind=, BindIPv6Only=,
// KeepAlive=, NoDelay=, PassCredentials=, ReceiveBuffer=, SendBuffer=) and mkfifo() (ListenFIFO=),
// read back by another process that inherits the fd: python's getsockopt on fd 3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeFd, listen, mkfifo, pollReadable, SysError, type ListenSpec } from '../src/index';
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
