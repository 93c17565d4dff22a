// The Listen kinds of systemd.socket(5) that are not stream/datagram sockets, made for real:
// ListenNetlink= (listen() with family netlink), ListenSpecial= (openSpecial), ListenMessageQueue=
// (openMessageQueue, unlinkMessageQueue) and PipeSize= (setPipeSize), each checked from another
// process that inherits the fd (python) or from /proc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  closeFd, listen, mkfifo, openMessageQueue, openSpecial, pollReadable, setPipeSize, SysError, unlinkMessageQueue,
} from '../src/index';
import { fdFlags, O_NONBLOCK, tempDir } from './helpers';

const O_ACCMODE = 3;
const O_RDWR = 2;

/** Runs python3 with fd (when given) at 3; resolves with its stdout. */
function python(code: string, args: string[] = [], fd?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdio: Array<'ignore' | 'pipe' | 'inherit' | number> = ['ignore', 'pipe', 'inherit'];
    if (fd !== undefined) stdio.push(fd);
    const child = spawn('/usr/bin/python3', ['-c', code, ...args], { stdio });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (status) => (status === 0 ? resolve(out.trim()) : reject(new Error(`python exited ${status}`))));
  });
}

function readable(fd: number, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cancel(); reject(new Error(`fd ${fd} did not become readable`)); }, timeoutMs);
    const cancel = pollReadable(fd, () => { clearTimeout(timer); resolve(); });
  });
}

const isErr = (name: string, syscall?: string) => (e: unknown): boolean =>
  e instanceof SysError && e.errnoName === name && (syscall === undefined || e.syscall === syscall);

const NETLINK_USERSOCK = 2;

test('a netlink socket is bound to its family and group mask, gets PassCredentials/PassSecurity/PassPacketInfo, and becomes readable on a message to the group', async (t) => {
  // NETLINK_USERSOCK: a message multicast to group 1 from another socket, without touching the
  // system (the kernel's own families, route and kobject-uevent, are in test/e2e/socket-kinds).
  const fd = listen({
    family: 'netlink', type: 'raw', address: '', protocol: NETLINK_USERSOCK, groups: 1, receiveBuffer: 65536,
    passCredentials: true, passSecurity: true, passPacketInfo: true, noDelay: true, ipTtl: 5,
  });
  t.after(() => closeFd(fd));
  const bound = await python(`
import socket
s = socket.socket(fileno=3)
g = s.getsockopt
# SO_PASSSEC 34; SOL_NETLINK 270, NETLINK_PKTINFO 3
print(s.family == socket.AF_NETLINK, s.type == socket.SOCK_RAW, s.proto, s.getsockname()[1], g(1, socket.SO_PASSCRED), g(1, 34), g(270, 3))`, [], fd);
  assert.equal(bound, `True True ${NETLINK_USERSOCK} 1 1 1 1`, 'the TCP and IP options are skipped on netlink');
  const fired = readable(fd);
  await python(`
import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, ${NETLINK_USERSOCK})
try:
    s.sendto(struct.pack('=LHHLL', 16, 1, 0, 0, 0), (0, 1))
except ConnectionRefusedError:
    pass  # no kernel end for USERSOCK; the multicast went out first
`);
  await fired;
});

test('listen refuses type raw for anything but netlink', () => {
  assert.throws(() => listen({ family: 'inet', type: 'raw', address: '127.0.0.1', port: 0 }), /raw for netlink/);
});

test('openSpecial opens a /proc file read-only and non-blocking; it is readable at once', async (t) => {
  const fd = openSpecial('/proc/sys/kernel/ostype', false);
  t.after(() => closeFd(fd));
  assert.equal(fdFlags(fd) & O_ACCMODE, 0);
  assert.ok(fdFlags(fd) & O_NONBLOCK);
  await readable(fd);
  assert.equal(await python('import os; print(os.read(3, 100).decode().strip())', [], fd), 'Linux');
});

test('openSpecial with writable opens a character device read-write (Writable=)', (t) => {
  const fd = openSpecial('/dev/random', true);
  t.after(() => closeFd(fd));
  assert.equal(fdFlags(fd) & O_ACCMODE, O_RDWR);
});

test('openSpecial refuses a FIFO and a directory (EEXIST), a symlink (ELOOP) and a file nothing can poll (EPERM)', (t) => {
  const dir = tempDir(t);
  const fifo = path.join(dir, 'fifo');
  closeFd(mkfifo(fifo, 0o600));
  assert.throws(() => openSpecial(fifo, false), isErr('EEXIST'));
  mkdirSync(path.join(dir, 'sub'));
  assert.throws(() => openSpecial(path.join(dir, 'sub'), false), isErr('EEXIST'));
  symlinkSync('/proc/sys/kernel/ostype', path.join(dir, 'link'));
  assert.throws(() => openSpecial(path.join(dir, 'link'), false), isErr('ELOOP', 'open'));
  writeFileSync(path.join(dir, 'plain'), 'x');
  assert.throws(() => openSpecial(path.join(dir, 'plain'), false), isErr('EPERM', 'epoll_ctl'));
  assert.throws(() => openSpecial('/dev/null', false), isErr('EPERM', 'epoll_ctl'));
  assert.throws(() => openSpecial(path.join(dir, 'missing'), false), isErr('ENOENT'));
});

/** ctypes on libc: mq_open/mq_send/mq_getattr for the tests and the e2e clients alike. */
const MQ = `
import ctypes, os, sys
rt = ctypes.CDLL('librt.so.1', use_errno=True)
rt.mq_open.restype = ctypes.c_int
class Attr(ctypes.Structure):
    _fields_ = [('flags', ctypes.c_long), ('maxmsg', ctypes.c_long), ('msgsize', ctypes.c_long), ('curmsgs', ctypes.c_long), ('pad', ctypes.c_long * 4)]
def check(r):
    if r < 0:
        e = ctypes.get_errno(); raise OSError(e, os.strerror(e))
    return r
`;

test('openMessageQueue creates a queue with the mode and limits, read-only, non-blocking, readable on a message', async (t) => {
  const name = `/sm-sys-test-${process.pid}`;
  t.after(() => unlinkMessageQueue(name));
  const fd = openMessageQueue(name, 0o640, { maxMessages: 5, messageSize: 128 });
  t.after(() => closeFd(fd));
  const umask = process.umask();
  assert.equal(fstatSync(fd).mode & 0o777, 0o640 & ~umask);
  assert.equal(fdFlags(fd) & O_ACCMODE, 0);
  const attr = await python(`${MQ}
a = Attr(); check(rt.mq_getattr(3, ctypes.byref(a))); print(a.maxmsg, a.msgsize, a.flags & os.O_NONBLOCK != 0)`, [], fd);
  assert.equal(attr, '5 128 True');
  const fired = readable(fd);
  await python(`${MQ}
q = check(rt.mq_open(sys.argv[1].encode(), os.O_WRONLY)); check(rt.mq_send(q, b'hello', 5, 0))`, [name]);
  await fired;
  // The same queue again (a restart of the socket) is the same queue; another mode is not.
  closeFd(openMessageQueue(name, 0o640, { maxMessages: 5, messageSize: 128 }));
  assert.throws(() => openMessageQueue(name, 0o600, { maxMessages: 0, messageSize: 0 }), isErr('EEXIST', 'mq_open'));
});

test('unlinkMessageQueue removes the queue, and a queue that is gone is no error', async () => {
  const name = `/sm-sys-unlink-${process.pid}`;
  closeFd(openMessageQueue(name, 0o600, { maxMessages: 0, messageSize: 0 }));
  unlinkMessageQueue(name);
  unlinkMessageQueue(name);
  const opened = await python(`${MQ}
try:
    check(rt.mq_open(sys.argv[1].encode(), os.O_RDONLY)); print('open')
except FileNotFoundError:
    print('ENOENT')`, [name]);
  assert.equal(opened, 'ENOENT');
});

test('openMessageQueue refuses a name without a leading slash (EINVAL) and limits above the kernel maximum without CAP_SYS_RESOURCE', (t) => {
  assert.throws(() => openMessageQueue('no-slash', 0o600, { maxMessages: 0, messageSize: 0 }), isErr('EINVAL', 'mq_open'));
  const msgMax = Number(readFileSync('/proc/sys/fs/mqueue/msg_max', 'utf8'));
  if (hasCapability(24 /* CAP_SYS_RESOURCE */)) { t.diagnostic('root has CAP_SYS_RESOURCE here: no limit to exceed'); return; }
  assert.throws(() => openMessageQueue(`/sm-sys-big-${process.pid}`, 0o600, { maxMessages: msgMax + 1, messageSize: 64 }), isErr('EINVAL', 'mq_open'));
});

function hasCapability(bit: number): boolean {
  const eff = /^CapEff:\s+([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return (BigInt(`0x${eff}`) >> BigInt(bit)) & 1n ? true : false;
}

test('setPipeSize sets a FIFO\'s buffer (F_SETPIPE_SZ), as another process reads it back', async (t) => {
  const fifo = path.join(tempDir(t), 'fifo');
  const fd = mkfifo(fifo, 0o600);
  t.after(() => closeFd(fd));
  assert.equal(setPipeSize(fd, 131072), 131072);
  assert.equal(await python('import fcntl; print(fcntl.fcntl(3, fcntl.F_GETPIPE_SZ))', [], fd), '131072');
  // Above /proc/sys/fs/pipe-max-size only CAP_SYS_RESOURCE may go (root here lacks it).
  const max = Number(readFileSync('/proc/sys/fs/pipe-max-size', 'utf8'));
  if (!hasCapability(24)) assert.throws(() => setPipeSize(fd, max * 2), isErr('EPERM', 'fcntl'));
});
