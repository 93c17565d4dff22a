// The reaper, the subreaper bit, pidfd watches and execve, against real processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn as cpSpawn } from 'node:child_process';
import path from 'node:path';
import { reaperStats, spawn, SysError, watchProcessExit } from '../src/index';
import { exitOf, FIXTURES, sleep, tempDir } from './helpers';

function runFixture(name: string, args: string[] = []): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(FIXTURES, name), ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
  });
}

test('the reaper reports the exit code of a spawned child', async () => {
  const pid = spawn({ path: '/bin/sh', argv: ['sh', '-c', 'exit 7'], env: [] });
  assert.deepEqual(await exitOf(pid), { pid, code: 7, signal: null, core: false });
  assert.ok(reaperStats().reaped >= 1);
});

test('the reaper reports the signal that killed a spawned child', async () => {
  const pid = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [] });
  process.kill(pid, 'SIGTERM');
  assert.deepEqual(await exitOf(pid), { pid, code: null, signal: 'SIGTERM', core: false });
});

test('child_process children keep their exit events while the reaper runs', async () => {
  const codes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      new Promise<number | null>((resolve) => {
        cpSpawn('/bin/sh', ['-c', `exit ${i}`], { stdio: 'ignore' }).on('exit', (code) => resolve(code));
      }),
    ),
  );
  assert.deepEqual(codes, Array.from({ length: 20 }, (_, i) => i));
});

test('a subreaper reaps 1,000 double-forked orphans with no zombie left while 200 child_process exits all fire', () => {
  const result = JSON.parse(runFixture('subreaper.ts', ['1000', '200'])) as {
    orphans: number; cpExits: number; cpErrors: number; zombies: number; reaped: number;
    shellExit: { code: number } | null;
  };
  assert.equal(result.orphans, 1000);
  assert.equal(result.cpExits, 200);
  assert.equal(result.cpErrors, 0);
  assert.equal(result.shellExit?.code, 0);
  assert.equal(result.zombies, 0);
  assert.equal(result.reaped, 1001);
});

test('execve replaces a node process by a program that keeps its pid', () => {
  const [before, failure, after] = runFixture('execve.ts').trim().split('\n');
  assert.equal(failure, 'execve ENOENT');
  assert.equal(after, `${before} yes`);
});

test('markFdsCloexec stops an inherited fd from leaking into children', (t) => {
  const dir = tempDir(t);
  const marker = path.join(dir, 'marker');
  execFileSync('/bin/sh', ['-c', `echo > ${marker}`]);
  const result = JSON.parse(runFixture('cloexec.ts', [marker, path.join(dir, 'out')])) as {
    leakedBefore: boolean; cloexec: boolean; leakedAfter: boolean; spawned: string[];
  };
  assert.equal(result.leakedBefore, true, 'child_process leaks a non-CLOEXEC fd (the premise)');
  assert.equal(result.cloexec, true);
  assert.equal(result.leakedAfter, false);
  const fds = result.spawned.filter((l) => l.includes(' -> ')).map((l) => l.split(' -> ')[0]?.split(' ').pop());
  assert.deepEqual(fds, ['0', '1', '2'], 'a spawn() child holds only its stdio');
});

test('watchProcessExit fires once when a process that is not our child exits', async () => {
  const pid = Number(execFileSync('/bin/sh', ['-c', 'sleep 0.3 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }));
  const started = Date.now();
  let calls = 0;
  await new Promise<void>((resolve) => {
    watchProcessExit(pid, () => {
      calls++;
      resolve();
    });
  });
  assert.ok(Date.now() - started >= 150, 'fired only after the process exited');
  await sleep(50);
  assert.equal(calls, 1);
});

test('a cancelled watchProcessExit never fires', async () => {
  const pid = Number(execFileSync('/bin/sh', ['-c', 'sleep 0.1 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }));
  let fired = false;
  const cancel = watchProcessExit(pid, () => (fired = true));
  cancel();
  cancel();
  await sleep(300);
  assert.equal(fired, false);
});

test('watchProcessExit throws SysError ESRCH for a pid that does not exist', async () => {
  const pid = spawn({ path: '/bin/true', argv: ['true'], env: [] });
  await exitOf(pid);
  assert.throws(
    () => watchProcessExit(pid, () => {}),
    (e: unknown) => e instanceof SysError && e.errnoName === 'ESRCH' && e.syscall === 'pidfd_open',
  );
});
