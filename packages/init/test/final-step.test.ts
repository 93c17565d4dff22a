import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KILL_WAIT_MS, processesToStop, readRebootArgument, runFinalStep } from '../src/final-step';
import type { FinalStepDeps } from '../src/final-step';
import type { InitRole } from '../src/system-setup';
import { ManualClock, memoryLog } from './fakes';

/** A process table: pids listed in `stubborn` survive SIGTERM; everything dies on SIGKILL. */
function world(role: InitRole, pids: number[], stubborn: number[] = []) {
  const clock = new ManualClock();
  let alive = [...pids];
  const calls: string[] = [];
  const deps: FinalStepDeps = {
    role,
    kill: (pid, signal) => {
      calls.push(`kill ${pid} ${signal}`);
      const hit = (p: number) => pid === -1 || pid === p;
      // Processes go a little later, as real ones do.
      if (signal === 'SIGTERM') clock.after(30, () => { alive = alive.filter((p) => !hit(p) || stubborn.includes(p)); });
      if (signal === 'SIGKILL') clock.after(5, () => { alive = alive.filter((p) => !hit(p)); });
    },
    remaining: () => alive,
    sync: () => { calls.push('sync'); },
    unmountAll: () => { calls.push('unmount'); },
    reboot: (kind, argument) => { calls.push(argument === undefined ? `reboot ${kind}` : `reboot ${kind} '${argument}'`); },
    rebootArgument: () => undefined,
    exit: (code) => { calls.push(`exit ${code}`); },
    clock,
    log: memoryLog(),
  };
  return { clock, calls, deps, alive: () => alive, appear: (pid: number) => { alive = [...alive, pid]; } };
}

async function run(w: ReturnType<typeof world>, kind: 'poweroff' | 'reboot' | 'halt' | 'exit', timeoutSec: number): Promise<void> {
  const done = runFinalStep(kind, timeoutSec, w.deps);
  await w.clock.advance(timeoutSec * 1000 + KILL_WAIT_MS + 1000);
  await done;
}

test('in a sandbox the final step SIGTERMs everything, waits for it to go, syncs and exits 0', async () => {
  const w = world('sandbox', [2, 3, 4]);
  await run(w, 'poweroff', 10);
  assert.deepEqual(w.calls, ['kill -1 SIGTERM', 'kill -1 SIGCONT', 'sync', 'exit 0']);
});

test('a process that ignores SIGTERM gets SIGKILL after the shutdown timeout', async () => {
  const w = world('sandbox', [2, 3], [3]);
  const done = runFinalStep('halt', 2, w.deps);
  await w.clock.advance(1990);
  assert.ok(!w.calls.includes('kill -1 SIGKILL'), 'no SIGKILL before the timeout');
  await w.clock.advance(KILL_WAIT_MS);
  await done;
  assert.deepEqual(w.calls, ['kill -1 SIGTERM', 'kill -1 SIGCONT', 'kill -1 SIGKILL', 'sync', 'exit 0']);
  assert.deepEqual(w.alive(), []);
});

test('a sandbox asked to reboot exits 0 as well', async () => {
  const w = world('sandbox', []);
  await run(w, 'reboot', 1);
  assert.equal(w.calls[w.calls.length - 1], 'exit 0');
});

test('as PID 1 of the system the final step unmounts and calls reboot(2) with the kind, and never exits', async () => {
  const w = world('system', [5]);
  await run(w, 'reboot', 1);
  assert.deepEqual(w.calls, ['kill -1 SIGTERM', 'kill -1 SIGCONT', 'sync', 'unmount', 'sync', 'reboot reboot']);
});

// RebootArgument= end to end on init's side: the file the core writes (start.ts
// writeRebootArgument) is read at the final step and handed to the sys seam's reboot(), which
// @sysmaster/sys turns into LINUX_REBOOT_CMD_RESTART2 with the string (rebootCall, tested in
// packages/sys/test/reboot.test.ts; the raw syscall in mount.c is checked by reading it, since a
// real reboot cannot be run here).
test('as PID 1 of the system a reboot passes the RebootArgument= the core left in reboot-param to reboot(2)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reboot-param-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'reboot-param'), 'recovery\n');
  const w = world('system', []);
  w.deps.rebootArgument = () => readRebootArgument(dir);
  await run(w, 'reboot', 1);
  assert.deepEqual(w.calls.at(-1), "reboot reboot 'recovery'");
  const off = world('system', []);
  off.deps.rebootArgument = () => readRebootArgument(dir);
  await run(off, 'poweroff', 1);
  assert.deepEqual(off.calls.at(-1), 'reboot poweroff', 'a poweroff carries no argument');
});

test('readRebootArgument takes the first line trimmed, and nothing from a missing or empty file', () => {
  assert.equal(readRebootArgument('/d', () => '  bootloader \nignored\n'), 'bootloader');
  assert.equal(readRebootArgument('/d', () => '\n'), undefined);
  assert.equal(readRebootArgument('/d', () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); }), undefined);
});

test('exit (SuccessAction=exit and friends) ends a sandbox with exit 0, but PID 1 of the system powers off since it cannot exit', async () => {
  const sandbox = world('sandbox', [2]);
  await run(sandbox, 'exit', 1);
  assert.deepEqual(sandbox.calls, ['kill -1 SIGTERM', 'kill -1 SIGCONT', 'sync', 'exit 0']);
  const system = world('system', [5]);
  await run(system, 'exit', 1);
  assert.deepEqual(system.calls, ['kill -1 SIGTERM', 'kill -1 SIGCONT', 'sync', 'unmount', 'sync', 'reboot poweroff']);
});

test('as PID 1 of the system a failing reboot(2) leaves init up instead of exiting', async () => {
  const w = world('system', []);
  w.deps.reboot = () => { throw new Error('EPERM'); };
  await run(w, 'poweroff', 1);
  assert.ok(!w.calls.some((c) => c.startsWith('exit')));
});

test('in a dev run only init\'s own descendants are signalled, one by one', async () => {
  const w = world('dev', [301, 302]);
  await run(w, 'poweroff', 1);
  assert.deepEqual(w.calls, ['kill 301 SIGTERM', 'kill 302 SIGTERM', 'kill 301 SIGCONT', 'kill 302 SIGCONT', 'sync', 'exit 0']);
});

test('the descendants of a process are found through /proc ppid chains', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn('/bin/sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore', detached: true });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const found = processesToStop('dev');
    assert.ok(found.includes(child.pid ?? -1), 'the child');
    assert.ok(found.length >= 2, 'and its sleep');
    assert.ok(!found.includes(process.pid));
  } finally {
    // The shell leads its own process group (detached): this ends it and its sleep, nothing else.
    try { process.kill(-(child.pid ?? 0), 'SIGKILL'); } catch { /* gone */ }
  }
});

test('a process that appears after the SIGTERM sweep gets SIGTERM too, so the step does not wait out the timeout for it', async () => {
  // As a sandbox's `nsenter … sctl poweroff` that enters the namespace after the sweep began, or
  // a child a dying service forks: without its own SIGTERM it ran until SIGKILL, 10 s later.
  const w = world('sandbox', [2, 3]);
  const done = runFinalStep('poweroff', 10, w.deps);
  w.clock.after(10, () => w.appear(9));
  await w.clock.advance(200);
  assert.ok(w.calls.includes('kill 9 SIGTERM') && w.calls.includes('kill 9 SIGCONT'), w.calls.join(', '));
  assert.ok(!w.calls.includes('kill -1 SIGKILL'), 'no SIGKILL: nothing waited for the timeout');
  assert.equal(w.calls[w.calls.length - 1], 'exit 0', 'done within 200 ms');
  await done;
});

test('when every process leaves on SIGTERM the final step ends within 100 ms of the last one going', async () => {
  const w = world('sandbox', [2, 3, 4]);
  let exitedAt = -1;
  w.deps.exit = () => { exitedAt = w.clock.now(); };
  const done = runFinalStep('poweroff', 10, w.deps);
  await w.clock.advance(1000);
  await done;
  // The fakes go 30 ms after SIGTERM; the step polls every 20 ms.
  assert.ok(exitedAt >= 30 && exitedAt <= 30 + 100, `exited at ${exitedAt} ms`);
});
