// The sd_notify socket: datagrams with kernel credentials, passed fds, a BARRIER pipe closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn as spawnChild } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cgroupOfPid, closeFd, notifySocket, pidfdGetfd, pidfdOpen, pollReadable, recvNotify, type NotifyMessage } from '../src/index';
import { tempDir } from './helpers';

/** The next datagram on fd (rejects after a timeout). */
function nextMessage(fd: number, timeoutMs = 5000): Promise<NotifyMessage> {
  const queued = recvNotify(fd);
  if (queued) return Promise.resolve(queued);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cancel(); reject(new Error('no datagram arrived')); }, timeoutMs);
    const cancel = pollReadable(fd, () => {
      clearTimeout(timer);
      const message = recvNotify(fd);
      if (message) resolve(message); else reject(new Error('readable but nothing queued'));
    });
  });
}

async function python(code: string, args: string[] = []): Promise<string> {
  return (await promisify(execFile)('python3', ['-c', code, ...args], { timeout: 10_000 })).stdout;
}

test('notifySocket binds a datagram socket anyone may write to, and recvNotify returns null when nothing is queued', (t) => {
  const address = path.join(tempDir(t), 'notify');
  const fd = notifySocket(address);
  t.after(() => closeFd(fd));
  assert.equal(fs.statSync(address).mode & 0o777, 0o777);
  assert.ok(fs.statSync(address).isSocket());
  assert.equal(recvNotify(fd), null);
  const again = notifySocket(address); // a stale socket at the path is replaced
  closeFd(again);
});

test('recvNotify reports the sender\'s kernel credentials and the text it sent', async (t) => {
  const address = path.join(tempDir(t), 'notify');
  const fd = notifySocket(address);
  t.after(() => closeFd(fd));
  const child = spawnChild('python3', ['-c',
    'import os,socket,sys; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.sendto(b"READY=1\\nSTATUS=hello", sys.argv[1]); print(os.getpid())', address]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const message = await nextMessage(fd);
  await new Promise((r) => child.once('exit', r));
  assert.equal(message.data, 'READY=1\nSTATUS=hello');
  assert.equal(message.pid, Number(out.trim()));
  assert.equal(message.uid, process.getuid!());
  assert.equal(message.gid, process.getgid!());
  assert.deepEqual(message.fds, []);
  assert.equal(message.truncated, false);
});

test('passed fds arrive usable and close-on-exec, and closing a BARRIER pipe releases the sender at once', async (t) => {
  const address = path.join(tempDir(t), 'notify');
  const fd = notifySocket(address);
  t.after(() => closeFd(fd));
  // The sender passes the write end of a pipe with BARRIER=1 and waits for it to be closed
  // (systemd-notify's protocol): it prints how long it waited.
  const sender = python(`
import os, socket, sys, time, select
r, w = os.pipe()
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendmsg([b"BARRIER=1"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, bytes(memoryview(__import__('array').array('i', [w]))))], 0, sys.argv[1])
os.close(w)
start = time.monotonic()
select.select([r], [], [], 5)
print(time.monotonic() - start)
`, [address]);
  const message = await nextMessage(fd);
  assert.equal(message.data, 'BARRIER=1');
  assert.equal(message.fds.length, 1);
  const passed = message.fds[0]!;
  assert.ok(fs.fstatSync(passed).isFIFO());
  const flags = fs.readFileSync(`/proc/self/fdinfo/${passed}`, 'utf8');
  assert.ok((parseInt(/flags:\s+(\d+)/.exec(flags)![1]!, 8) & 0o2000000) !== 0, 'O_CLOEXEC set');
  closeFd(passed);
  const waited = Number((await sender).trim());
  assert.ok(waited < 1, `the sender waited ${waited}s`);
});

test('pidfdGetfd copies an fd another process holds', async (t) => {
  const file = path.join(tempDir(t), 'held');
  fs.writeFileSync(file, 'kept');
  const holder = spawnChild('sleep', ['30'], { stdio: ['ignore', 'ignore', 'ignore', fs.openSync(file, 'r')] });
  t.after(() => holder.kill('SIGKILL'));
  await new Promise((r) => holder.once('spawn', r));
  const pidfd = pidfdOpen(holder.pid!);
  const copy = pidfdGetfd(pidfd, 3);
  closeFd(pidfd);
  assert.equal(fs.readlinkSync(`/proc/self/fd/${copy}`), file);
  assert.equal(fs.readFileSync(file, 'utf8'), 'kept');
  closeFd(copy);
});

test('cgroupOfPid names the cgroup directory of a process and null for a pid that does not exist', () => {
  const own = cgroupOfPid(process.pid);
  if (own !== null) assert.ok(fs.existsSync(path.join(own, 'cgroup.procs')), own);
  assert.equal(cgroupOfPid(2 ** 30), null);
});
