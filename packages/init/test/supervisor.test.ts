import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Supervisor, BOOT_GRACE_MS, MAX_RESTART_DELAY_MS, REEXEC_GRACE_MS, RESCUE_STREAK } from '../src/supervisor';
import type { SupervisorSettings } from '../src/supervisor';
import { ManualClock, memoryLog } from './fakes';

/** A world with scripted cores: each spawn gets the next pid; pings answer as `answering` says. */
function world(settings: Partial<SupervisorSettings> = {}) {
  const clock = new ManualClock();
  const log = memoryLog();
  const spawned: { pid: number; generation: number; at: number }[] = [];
  const kills: { pid: number; signal: string }[] = [];
  const w = {
    clock, log, spawned, kills,
    answering: true,
    spawnFails: false,
    pings: 0,
    nextPid: 100,
    supervisor: undefined as unknown as Supervisor,
  };
  w.supervisor = new Supervisor({ keepaliveIntervalSec: 1, keepaliveMisses: 3, coreRestartDelaySec: 0.1, ...settings }, {
    spawnCore: (generation) => {
      if (w.spawnFails) throw new Error('ENOENT: no such core');
      const pid = w.nextPid++;
      spawned.push({ pid, generation, at: clock.now() });
      return pid;
    },
    kill: (pid, signal) => { kills.push({ pid, signal }); },
    ping: () => {
      w.pings += 1;
      return w.answering ? Promise.resolve() : Promise.reject(new Error('deadline exceeded'));
    },
    clock,
    log,
  });
  return w;
}

test('the supervisor starts the first core at once and pings it every keepalive interval', async () => {
  const w = world();
  w.supervisor.start();
  assert.deepEqual(w.spawned.map((s) => s.generation), [1]);
  assert.equal(w.supervisor.status().state, 'running');
  assert.equal(w.supervisor.status().corePid, 100);
  await w.clock.advance(3000);
  assert.equal(w.pings, 3);
  assert.equal(w.supervisor.status().everAnswered, true);
});

test('a core that stops answering is killed with SIGKILL after three misses and replaced after its exit', async () => {
  const w = world();
  w.supervisor.start();
  await w.clock.advance(1000);
  w.answering = false;
  await w.clock.advance(2000);
  assert.equal(w.kills.length, 0, 'two misses are tolerated');
  await w.clock.advance(1000);
  assert.deepEqual(w.kills, [{ pid: 100, signal: 'SIGKILL' }]);
  assert.equal(w.supervisor.status().state, 'killing');
  await w.clock.advance(5000);
  assert.equal(w.kills.length, 1, 'a core being killed is not pinged nor killed again');
  assert.equal(w.supervisor.handleExit({ pid: 100, code: null, signal: 'SIGKILL', core: false }), true);
  assert.equal(w.supervisor.status().state, 'restart-pending');
  w.answering = true;
  await w.clock.advance(100);
  assert.deepEqual(w.spawned.map((s) => s.pid), [100, 101]);
  assert.equal(w.supervisor.status().coreStarts, 2);
});

test('an answer between misses resets the miss count', async () => {
  const w = world();
  w.supervisor.start();
  await w.clock.advance(1000);
  w.answering = false;
  await w.clock.advance(2000);
  w.answering = true;
  await w.clock.advance(1000);
  w.answering = false;
  await w.clock.advance(2000);
  assert.equal(w.kills.length, 0);
});

test('misses of a core that never answered count only after the boot grace', async () => {
  const w = world();
  w.answering = false;
  w.supervisor.start();
  await w.clock.advance(BOOT_GRACE_MS - 1000);
  assert.equal(w.kills.length, 0);
  await w.clock.advance(4000);
  assert.deepEqual(w.kills, [{ pid: 100, signal: 'SIGKILL' }]);
});

test('a core that exits is replaced after CoreRestartDelaySec', async () => {
  const w = world({ coreRestartDelaySec: 0.25 });
  w.supervisor.start();
  await w.clock.advance(1000);
  w.supervisor.handleExit({ pid: 100, code: 1, signal: null, core: false });
  assert.equal(w.supervisor.status().corePid, 0);
  await w.clock.advance(240);
  assert.equal(w.spawned.length, 1);
  await w.clock.advance(10);
  assert.equal(w.spawned.length, 2);
  assert.equal(w.spawned[1]?.at, 1250);
});

test('a core that dies in a loop is restarted with a doubling delay capped at the maximum, and never given up', async () => {
  const w = world();
  w.answering = false;
  w.supervisor.start();
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    const last = w.spawned[w.spawned.length - 1]!;
    w.supervisor.handleExit({ pid: last.pid, code: 1, signal: null, core: false });
    const before = w.clock.now();
    await w.clock.advance(MAX_RESTART_DELAY_MS);
    delays.push(w.spawned[w.spawned.length - 1]!.at - before);
  }
  assert.deepEqual(delays, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
  assert.equal(w.spawned.length, 11);
});

test('a keepalive answer ends a crash streak so the next restart is quick again', async () => {
  const w = world();
  w.supervisor.start();
  for (let i = 0; i < 3; i++) {
    w.supervisor.handleExit({ pid: w.spawned[w.spawned.length - 1]!.pid, code: 1, signal: null, core: false });
    await w.clock.advance(MAX_RESTART_DELAY_MS);
  }
  await w.clock.advance(1000);
  const before = w.clock.now();
  w.supervisor.handleExit({ pid: w.spawned[w.spawned.length - 1]!.pid, code: 1, signal: null, core: false });
  await w.clock.advance(100);
  assert.equal(w.spawned[w.spawned.length - 1]!.at - before, 100);
});

test('a core that cannot be spawned is retried with backoff', async () => {
  const w = world();
  w.spawnFails = true;
  w.supervisor.start();
  assert.equal(w.supervisor.status().state, 'restart-pending');
  await w.clock.advance(100 + 200);
  assert.equal(w.supervisor.status().coreStarts, 3, 'two retries after the first attempt');
  w.spawnFails = false;
  await w.clock.advance(400);
  assert.equal(w.supervisor.status().state, 'running');
  assert.equal(w.spawned[0]?.generation, 4);
  assert.ok(w.log.lines.some((l) => l.level === 'error' && l.message === 'cannot start the core'));
});

test('exits of other processes are not taken for the core', () => {
  const w = world();
  w.supervisor.start();
  assert.equal(w.supervisor.handleExit({ pid: 4242, code: 0, signal: null, core: false }), false);
  assert.equal(w.supervisor.status().state, 'running');
});

test('after stop the core is neither pinged nor restarted', async () => {
  const w = world();
  w.supervisor.start();
  await w.clock.advance(1000);
  w.supervisor.stop();
  const pings = w.pings;
  await w.clock.advance(5000);
  assert.equal(w.pings, pings);
  assert.equal(w.supervisor.handleExit({ pid: 100, code: 0, signal: null, core: false }), true);
  await w.clock.advance(10_000);
  assert.equal(w.spawned.length, 1);
  assert.equal(w.supervisor.status().state, 'stopped');
  assert.equal(w.clock.pending(), 0);
});

test('stop during a restart delay cancels the restart', async () => {
  const w = world();
  w.supervisor.start();
  w.supervisor.handleExit({ pid: 100, code: 1, signal: null, core: false });
  w.supervisor.stop();
  await w.clock.advance(10_000);
  assert.equal(w.spawned.length, 1);
});

test('an adopted core (after re-exec) is supervised without being started again', async () => {
  const w = world();
  w.supervisor.start({ corePid: 77, coreStarts: 5 });
  assert.equal(w.spawned.length, 0);
  assert.deepEqual({ pid: w.supervisor.status().corePid, starts: w.supervisor.status().coreStarts }, { pid: 77, starts: 5 });
  w.answering = false;
  await w.clock.advance(3000);
  assert.deepEqual(w.kills, [{ pid: 77, signal: 'SIGKILL' }], 'an adopted core that hangs is killed without boot grace');
  w.supervisor.handleExit({ pid: 77, code: null, signal: 'SIGKILL', core: false });
  await w.clock.advance(100);
  assert.deepEqual(w.spawned.map((s) => s.generation), [6]);
});

test('a late keepalive answer of a dead core does not count for its successor', async () => {
  const clock = new ManualClock();
  let release: (() => void) | undefined;
  let pid = 10;
  const s = new Supervisor({ keepaliveIntervalSec: 1, keepaliveMisses: 3, coreRestartDelaySec: 0 }, {
    spawnCore: () => pid++,
    kill: () => undefined,
    ping: () => new Promise<void>((resolve) => { release = resolve; }),
    clock,
    log: memoryLog(),
  });
  s.start();
  await clock.advance(1000);
  s.handleExit({ pid: 10, code: 1, signal: null, core: false });
  await clock.advance(0);
  release?.();
  await clock.advance(0);
  assert.equal(s.status().corePid, 11);
  assert.equal(s.status().everAnswered, false);
});

test('a core that re-executes itself is not counted hung while its new image comes up, and is once its grace is over', async () => {
  const w = world();
  w.supervisor.start();
  await w.clock.advance(2000);
  w.supervisor.coreReexecuting();
  assert.equal(w.supervisor.status().lastReplacement, 're-executed (daemon-reexec)');
  w.answering = false;
  await w.clock.advance(REEXEC_GRACE_MS - 1000);
  assert.equal(w.kills.length, 0, 'no kill within the grace');
  assert.deepEqual(w.spawned.map((s) => s.pid), [100], 'the same core, not a new one');
  await w.clock.advance(4000);
  assert.deepEqual(w.kills, [{ pid: 100, signal: 'SIGKILL' }], 'a new image that never answers is hung');
  w.supervisor.handleExit({ pid: 100, code: null, signal: 'SIGKILL', core: false });
  assert.match(w.supervisor.status().lastReplacement, /^hung: missed 3 keepalives$/);
});

test('the reason of the last replacement names the exit', async () => {
  const w = world();
  w.supervisor.start();
  await w.clock.advance(1000);
  w.supervisor.handleExit({ pid: 100, code: 1, signal: null, core: false });
  assert.equal(w.supervisor.status().lastReplacement, 'exited with status 1');
  await w.clock.advance(200);
  w.supervisor.handleExit({ pid: 101, code: null, signal: 'SIGSEGV', core: true });
  assert.equal(w.supervisor.status().lastReplacement, 'killed by SIGSEGV');
});

test('a core that cannot come back calls the rescue hook once per crash streak, with the last reason, and is still restarted', async () => {
  const w = world();
  const rescues: string[] = [];
  const s = new Supervisor({ keepaliveIntervalSec: 1, keepaliveMisses: 3, coreRestartDelaySec: 0.1 }, {
    spawnCore: () => w.nextPid++, kill: () => undefined, ping: () => Promise.reject(new Error('no answer')), clock: w.clock, log: w.log,
    rescue: (reason, streak) => rescues.push(`${streak}: ${reason}`),
  });
  s.start();
  for (let i = 0; i < RESCUE_STREAK + 2; i++) {
    s.handleExit({ pid: s.status().corePid, code: null, signal: 'SIGSEGV', core: true });
    await w.clock.advance(MAX_RESTART_DELAY_MS);
  }
  assert.deepEqual(rescues, [`${RESCUE_STREAK}: killed by SIGSEGV`]);
  assert.equal(s.status().state, 'running', 'init keeps starting cores');
  assert.equal(s.status().coreStarts, RESCUE_STREAK + 3);
});
