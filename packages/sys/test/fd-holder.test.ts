// Fd holders against real processes: what a holder keeps comes back, a process with another name
// gives nothing and is not signalled, and a failed copy leaks no fd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/errors';
import { closeFd, endFdHolder, isErrno, spawnFdHolder, takeFdsFromHolder } from '../src/index';
import { exitOf, killAndReap, procStat, tempDir } from './helpers';

const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

function heldFile(t: { after(fn: () => void): void }, name: string): { file: string; fd: number } {
  const file = path.join(tempDir(t), name);
  fs.writeFileSync(file, name);
  return { file, fd: fs.openSync(file, 'r') };
}

test('a holder keeps its fds after the caller closes its own, under its name, and they are copied back in order', async (t) => {
  const a = heldFile(t, 'a');
  const b = heldFile(t, 'b');
  const pid = spawnFdHolder('sm-test-holder@one', [a.fd, b.fd]);
  t.after(() => killAndReap(pid));
  fs.closeSync(a.fd);
  fs.closeSync(b.fd);
  assert.equal(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0], 'sm-test-holder@one');
  assert.equal(procStat(pid)(6), String(pid), 'in a session of its own');
  const copies = takeFdsFromHolder(pid, 'sm-test-holder@one', 2);
  t.after(() => { for (const fd of copies) closeFd(fd); });
  assert.deepEqual(copies.map((fd) => fs.readlinkSync(`/proc/self/fd/${fd}`)), [a.file, b.file]);
  assert.deepEqual(fs.readlinkSync(`/proc/${pid}/fd/3`), a.file, 'the holder keeps its own');
});

test('a pid whose argv[0] is not the holder\'s name gives no fd, and a gone pid is ESRCH', async (t) => {
  const a = heldFile(t, 'a');
  const pid = spawnFdHolder('sm-test-holder@other', [a.fd]);
  fs.closeSync(a.fd);
  let reaped = false;
  t.after(async () => { if (!reaped) await killAndReap(pid); });
  const before = openFds();
  assert.throws(() => takeFdsFromHolder(pid, 'sm-test-holder@mine', 1),
    (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_REFUSED' && /not the fd holder sm-test-holder@mine/.test(e.message));
  assert.throws(() => takeFdsFromHolder(process.pid, 'sm-test-holder@mine', 1), /not the fd holder/);
  assert.equal(openFds(), before, 'the pidfd is closed after a refusal');
  await killAndReap(pid);
  reaped = true;
  assert.throws(() => takeFdsFromHolder(pid, 'sm-test-holder@other', 1), (e: unknown) => isErrno(e, 'ESRCH'));
});

test('asking for more fds than the holder keeps fails whole and leaks none of the copies', async (t) => {
  const a = heldFile(t, 'a');
  const pid = spawnFdHolder('sm-test-holder@short', [a.fd]);
  t.after(() => killAndReap(pid));
  fs.closeSync(a.fd);
  const before = openFds();
  assert.throws(() => takeFdsFromHolder(pid, 'sm-test-holder@short', 2), (e: unknown) => isErrno(e, 'EBADF'));
  assert.equal(openFds(), before);
});

test('endFdHolder ends the holder of that name and leaves a process of another name alone', async (t) => {
  const a = heldFile(t, 'a');
  const pid = spawnFdHolder('sm-test-holder@end', [a.fd]);
  fs.closeSync(a.fd);
  let ended = false;
  t.after(async () => { if (!ended) await killAndReap(pid); });
  assert.equal(endFdHolder(pid, 'sm-test-holder@another'), false);
  assert.equal(endFdHolder(0, 'sm-test-holder@end'), false);
  process.kill(pid, 0); // still alive
  assert.equal(endFdHolder(pid, 'sm-test-holder@end'), true);
  ended = true;
  assert.equal((await exitOf(pid)).signal, 'SIGKILL');
});

test('a holder carries its name as soon as spawnFdHolder returns, so it can be ended at once', async (t) => {
  // spawn() returns inside the child's execve, before /proc/PID/cmdline holds the new argv.
  const pids: number[] = [];
  const ended = new Set<number>();
  t.after(async () => { for (const pid of pids) if (!ended.has(pid)) await killAndReap(pid); });
  for (let i = 0; i < 50; i++) {
    const pid = spawnFdHolder('sm-test-holder@quick', []);
    pids.push(pid);
    assert.equal(endFdHolder(pid, 'sm-test-holder@quick'), true, `holder ${i} (pid ${pid}) was not recognised`);
    ended.add(pid);
  }
  for (const pid of pids) assert.equal((await exitOf(pid)).signal, 'SIGKILL');
});
