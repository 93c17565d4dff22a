// Native listening sockets, readiness polling without accepting, peer credentials, fd flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { statSync, writeFileSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  acceptConnection, closeFd, listen, peerCredentials, pollReadable, setCloexec, setNonblock, SysError, type ListenSpec,
} from '../src/index';
import { fdFlags, O_CLOEXEC, O_NONBLOCK, tempDir } from './helpers';

/** Resolve when pollReadable(fd) fires (rejects after a timeout). */
function readable(fd: number, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cancel();
      reject(new Error(`fd ${fd} did not become readable`));
    }, timeoutMs);
    const cancel = pollReadable(fd, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Run a python3 snippet in another process (Node cannot speak unix dgram or seqpacket). */
async function python(code: string): Promise<void> {
  await promisify(execFile)('python3', ['-c', code], { timeout: 10_000 });
}

function listenOn(t: { after(fn: () => void): void }, spec: ListenSpec): number {
  const fd = listen(spec);
  t.after(() => closeFd(fd));
  return fd;
}

/** A TCP port free right now on the given loopback address. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
    server.on('error', reject);
  });
}

function connect(options: net.NetConnectOpts): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options, () => resolve(socket));
    socket.on('error', reject);
  });
}

test('listen creates a unix stream socket with the requested mode that another process can connect to', async (t) => {
  const address = path.join(tempDir(t), 'stream.sock');
  const fd = listenOn(t, { family: 'unix', type: 'stream', address, mode: 0o600 });
  const st = statSync(address);
  assert.ok(st.isSocket());
  assert.equal(st.mode & 0o777, 0o600);
  assert.ok(fdFlags(fd) & O_CLOEXEC);
  await python(`import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(${JSON.stringify(address)})`);
  await readable(fd);
});

test('pollReadable fires on a pending connection without accepting it', async (t) => {
  const address = path.join(tempDir(t), 'pending.sock');
  const fd = listenOn(t, { family: 'unix', type: 'stream', address });
  const client = await connect({ path: address });
  t.after(() => client.destroy());
  await readable(fd);
  // Not accepted: the same connection still makes the socket readable, again and again.
  await readable(fd);
  await readable(fd);
});

test('a cancelled pollReadable never fires', async (t) => {
  const address = path.join(tempDir(t), 'cancel.sock');
  const fd = listenOn(t, { family: 'unix', type: 'stream', address });
  let fired = false;
  const cancel = pollReadable(fd, () => (fired = true));
  cancel();
  const client = await connect({ path: address });
  t.after(() => client.destroy());
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(fired, false);
  await readable(fd);
});

test('listen creates a unix datagram socket that receives from another process', async (t) => {
  const address = path.join(tempDir(t), 'dgram.sock');
  const fd = listenOn(t, { family: 'unix', type: 'dgram', address });
  await python(`import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(b"READY=1", ${JSON.stringify(address)})`);
  await readable(fd);
});

test('listen creates a unix seqpacket socket that another process can connect to', async (t) => {
  const address = path.join(tempDir(t), 'seq.sock');
  const fd = listenOn(t, { family: 'unix', type: 'seqpacket', address });
  await python(`import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); s.connect(${JSON.stringify(address)})`);
  await readable(fd);
});

test('listen creates an abstract unix socket from an @name', async (t) => {
  const name = `sysmaster-sys-test-${process.pid}`;
  const fd = listenOn(t, { family: 'unix', type: 'stream', address: `@${name}` });
  await python(`import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect("\\0${name}")`);
  await readable(fd);
});

test('listen creates inet and inet6 stream sockets on loopback that accept connections', async (t) => {
  for (const [family, host] of [['inet', '127.0.0.1'], ['inet6', '::1']] as const) {
    const port = await freePort(host);
    const fd = listenOn(t, { family, type: 'stream', address: host, port });
    const client = await connect({ host, port });
    t.after(() => client.destroy());
    await readable(fd);
  }
});

test('listen replaces a stale socket at its path but refuses to remove a regular file', async (t) => {
  const dir = tempDir(t);
  const address = path.join(dir, 'stale.sock');
  closeFd(listen({ family: 'unix', type: 'stream', address }));
  const fd = listenOn(t, { family: 'unix', type: 'stream', address });
  const client = await connect({ path: address });
  t.after(() => client.destroy());
  await readable(fd);
  const file = path.join(dir, 'regular');
  writeFileSync(file, 'keep me');
  assert.throws(
    () => listen({ family: 'unix', type: 'stream', address: file }),
    (e: unknown) => e instanceof SysError && e.syscall === 'bind' && e.errnoName === 'EADDRINUSE',
  );
});

test('listen leaves CLOEXEC off for an inheritable socket', (t) => {
  const fd = listenOn(t, { family: 'unix', type: 'stream', address: path.join(tempDir(t), 'inh.sock'), inheritable: true });
  assert.equal(fdFlags(fd) & O_CLOEXEC, 0);
});

test('listen rejects a bad spec with a TypeError naming the field', () => {
  assert.throws(() => listen({ family: 'unix', type: 'bogus' as 'stream', address: '/tmp/x' }), /ListenSpec\.type/);
  assert.throws(() => listen({ family: 'inet', type: 'stream', address: 'not-an-ip', port: 1 }), /IPv4/);
  assert.throws(() => listen({ family: 'inet', type: 'stream', address: '', port: 70000 }), /port/);
  assert.throws(() => listen({ family: 'unix', type: 'stream', address: '' }), /1\.\.107 bytes/);
});

test('peerCredentials returns our pid, uid and gid over a unix connection', async (t) => {
  const address = path.join(tempDir(t), 'cred.sock');
  const server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(address, resolve));
  t.after(() => server.close());
  const client = await connect({ path: address });
  t.after(() => client.destroy());
  const fd = (client as unknown as { _handle: { fd: number } })._handle.fd;
  assert.deepEqual(peerCredentials(fd), { pid: process.pid, uid: process.getuid?.(), gid: process.getgid?.() });
});

test('setCloexec and setNonblock set and clear their flags, and closeFd closes', (t) => {
  const fd = listen({ family: 'unix', type: 'dgram', address: path.join(tempDir(t), 'flags.sock') });
  setCloexec(fd, false);
  assert.equal(fdFlags(fd) & O_CLOEXEC, 0);
  setCloexec(fd, true);
  assert.ok(fdFlags(fd) & O_CLOEXEC);
  setNonblock(fd, true);
  assert.ok(fdFlags(fd) & O_NONBLOCK);
  setNonblock(fd, false);
  assert.equal(fdFlags(fd) & O_NONBLOCK, 0);
  closeFd(fd);
  assert.throws(() => closeFd(fd), (e: unknown) => e instanceof SysError && e.errnoName === 'EBADF');
  assert.throws(() => setCloexec(fd, true), (e: unknown) => e instanceof SysError && e.errnoName === 'EBADF');
});

test('acceptConnection takes a connection off a non-blocking listening socket as a blocking CLOEXEC fd with both addresses', async (t) => {
  const port = await freePort('127.0.0.1');
  const fd = listenOn(t, { family: 'inet', type: 'stream', address: '127.0.0.1', port });
  setNonblock(fd, true);
  assert.equal(acceptConnection(fd), null, 'nothing queued: null, not EAGAIN');
  const client = await connect({ host: '127.0.0.1', port });
  t.after(() => client.destroy());
  await readable(fd);
  const conn = acceptConnection(fd);
  assert.ok(conn !== null);
  t.after(() => closeFd(conn.fd));
  assert.deepEqual({ ...conn, fd: 0 }, {
    fd: 0, localFamily: 'inet', localAddress: '127.0.0.1', localPort: port,
    peerFamily: 'inet', peerAddress: '127.0.0.1', peerPort: client.localPort,
  });
  const flags = fdFlags(conn.fd);
  assert.equal(flags & O_NONBLOCK, 0, 'the connection is blocking');
  assert.equal(flags & O_CLOEXEC, O_CLOEXEC);
  const received = new Promise<string>((resolve) => client.once('data', (d: Buffer) => resolve(d.toString())));
  writeSync(conn.fd, 'hello');
  assert.equal(await received, 'hello');
});

test('acceptConnection names a v4-mapped peer of a dual-stack socket in IPv4 and a unix peer by family', async (t) => {
  const port = await freePort('127.0.0.1');
  const fd = listenOn(t, { family: 'inet6', type: 'stream', address: '', port, v6Only: false });
  const client = await connect({ host: '127.0.0.1', port });
  t.after(() => client.destroy());
  await readable(fd);
  const conn = acceptConnection(fd);
  assert.ok(conn !== null);
  t.after(() => closeFd(conn.fd));
  assert.equal(conn.peerFamily, 'inet');
  assert.equal(conn.peerAddress, '127.0.0.1');
  assert.equal(conn.localAddress, '127.0.0.1');

  const address = path.join(tempDir(t), 'accept.sock');
  const ufd = listenOn(t, { family: 'unix', type: 'stream', address });
  const uclient = await connect({ path: address });
  t.after(() => uclient.destroy());
  const uconn = acceptConnection(ufd);
  assert.ok(uconn !== null);
  t.after(() => closeFd(uconn.fd));
  assert.equal(uconn.peerFamily, 'unix');
  assert.equal(peerCredentials(uconn.fd).pid, process.pid);
});
