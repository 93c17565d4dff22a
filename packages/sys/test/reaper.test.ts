// The reaper's algorithm against fake seams (no processes): what it reaps, what it leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reaper, type ReaperSeams } from '../src/reaper';
import type { NativeExit } from '../src/native';
import type { ExitInfo } from '../src/types';

/** A fake kernel: exited children in order; libuv's are only removed by libuvReaps(). */
function fakeKernel(exited: number[], libuv: Set<number>) {
  const queue = [...exited];
  const deferred: Array<() => void> = [];
  const warnings: string[] = [];
  let signal: () => void = () => {};
  let timer: () => void = () => {};
  const seams: ReaperSeams = {
    peek: () => queue[0] ?? 0,
    reap: (pid): NativeExit | null => {
      const i = queue.indexOf(pid);
      if (i < 0) return null;
      queue.splice(i, 1);
      return { pid, code: pid % 2 ? 1 : -1, signal: pid % 2 ? -1 : 9, core: false };
    },
    isLibuvChild: (pid) => libuv.has(pid),
    onSignal: (handler) => (signal = handler),
    defer: (fn) => deferred.push(fn),
    every: (_ms, fn) => (timer = fn),
    warn: (message) => warnings.push(message),
  };
  return {
    seams,
    queue,
    warnings,
    signal: () => signal(),
    timer: () => timer(),
    runDeferred: () => deferred.splice(0).forEach((fn) => fn()),
    exit: (pid: number) => queue.push(pid),
    libuvReaps: (pid: number) => {
      queue.splice(queue.indexOf(pid), 1);
      libuv.delete(pid);
    },
  };
}

test('the reaper reports every exited child with its code or signal name', () => {
  const k = fakeKernel([], new Set());
  const seen: ExitInfo[] = [];
  new Reaper(k.seams).subscribe((info) => seen.push(info));
  k.exit(11);
  k.exit(12);
  k.signal();
  assert.deepEqual(seen, [
    { pid: 11, code: 1, signal: null, core: false },
    { pid: 12, code: null, signal: 'SIGKILL', core: false },
  ]);
  assert.deepEqual(k.queue, []);
});

test('a child_process child blocks the peek until libuv has reaped it, then the rest are reaped', () => {
  const k = fakeKernel([], new Set([20]));
  const seen: number[] = [];
  const reaper = new Reaper(k.seams);
  reaper.subscribe((info) => seen.push(info.pid));
  k.runDeferred();
  k.exit(20);
  k.exit(21);
  k.signal();
  assert.deepEqual(seen, []);
  assert.deepEqual(k.queue, [20, 21], 'libuv\'s child was not reaped by us');
  k.libuvReaps(20);
  k.runDeferred();
  assert.deepEqual(seen, [21]);
  assert.equal(reaper.reaped, 1);
});

test('the safety timer reaps a child whose SIGCHLD was never seen', () => {
  const k = fakeKernel([], new Set());
  const seen: number[] = [];
  new Reaper(k.seams).subscribe((info) => seen.push(info.pid));
  k.runDeferred();
  k.exit(30);
  k.timer();
  assert.deepEqual(seen, [30]);
});

test('children that exited before the first listener are reaped right after it subscribes', () => {
  const k = fakeKernel([40, 41], new Set());
  const seen: number[] = [];
  new Reaper(k.seams).subscribe((info) => seen.push(info.pid));
  assert.deepEqual(seen, []);
  k.runDeferred();
  assert.deepEqual(seen, [40, 41]);
});

test('a listener that throws is reported and the others still hear about the exit', () => {
  const k = fakeKernel([], new Set());
  const seen: number[] = [];
  const reaper = new Reaper(k.seams);
  reaper.subscribe(() => {
    throw new Error('listener bug');
  });
  reaper.subscribe((info) => seen.push(info.pid));
  k.exit(50);
  k.signal();
  assert.deepEqual(seen, [50]);
  assert.equal(k.warnings.length, 1);
  assert.match(k.warnings[0] ?? '', /pid 50: Error: listener bug/);
});

test('unsubscribing stops reports but the reaper keeps reaping', () => {
  const k = fakeKernel([], new Set());
  const seen: number[] = [];
  const reaper = new Reaper(k.seams);
  const unsubscribe = reaper.subscribe((info) => seen.push(info.pid));
  k.exit(60);
  k.signal();
  unsubscribe();
  k.exit(61);
  k.signal();
  assert.deepEqual(seen, [60]);
  assert.deepEqual(k.queue, []);
  assert.equal(reaper.reaped, 2);
});

test('the same listener added twice is called twice', () => {
  const k = fakeKernel([], new Set());
  const seen: number[] = [];
  const reaper = new Reaper(k.seams);
  const listener = (info: ExitInfo): void => void seen.push(info.pid);
  reaper.subscribe(listener);
  reaper.subscribe(listener);
  k.exit(70);
  k.signal();
  assert.deepEqual(seen, [70, 70]);
});

test('a large burst is drained in batches that yield to the event loop', () => {
  const pids = Array.from({ length: 600 }, (_, i) => 1000 + i);
  const k = fakeKernel(pids, new Set());
  let count = 0;
  new Reaper(k.seams).subscribe(() => count++);
  k.runDeferred();
  assert.ok(count > 0 && count < 600, `first batch reaped ${count}`);
  for (let i = 0; i < 5; i++) k.runDeferred();
  assert.equal(count, 600);
});
