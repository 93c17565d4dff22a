// Restart= (systemd.service(5)'s table), the restart job asked of the core, the restart delay steps, timeouts and KillMode=.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SysmasterError } from '@sysmaster/proto';
import { parseServiceConfig, type RestartPolicy } from '../src/config';
import { restartDelay, shouldRestart } from '../src/restart-policy';
import type { ExitStatus } from '../src/os';
import type { ServiceResult } from '../src/states';
import { harness, loadRequest, subStatePath } from './helpers';

const config = (lines: string[]) => parseServiceConfig(loadRequest('x.service', ['ExecStart=/bin/x', ...lines])).config;

test('every row of systemd.service(5)\'s restart table', () => {
  const causes: Array<[string, ServiceResult, ExitStatus]> = [
    ['clean exit code', 'success', { code: 0, signal: null, core: false }],
    ['clean signal', 'success', { code: null, signal: 'SIGTERM', core: false }],
    ['unclean exit code', 'exit-code', { code: 3, signal: null, core: false }],
    ['unclean signal', 'signal', { code: null, signal: 'SIGSEGV', core: false }],
    ['core dump', 'core-dump', { code: null, signal: 'SIGSEGV', core: true }],
    ['timeout', 'timeout', { code: null, signal: 'SIGKILL', core: false }],
    ['watchdog', 'watchdog', { code: null, signal: 'SIGABRT', core: true }],
  ];
  const table: Record<RestartPolicy, string[]> = {
    no: [],
    always: causes.map(([name]) => name),
    'on-success': ['clean exit code', 'clean signal'],
    'on-failure': ['unclean exit code', 'unclean signal', 'core dump', 'timeout', 'watchdog'],
    'on-abnormal': ['unclean signal', 'core dump', 'timeout', 'watchdog'],
    'on-abort': ['unclean signal', 'core dump'],
    'on-watchdog': ['watchdog'],
  };
  for (const [policy, restarts] of Object.entries(table)) {
    const c = config([`Restart=${policy}`]);
    for (const [name, result, status] of causes) {
      assert.equal(shouldRestart(c, result, status, false), restarts.includes(name), `Restart=${policy}, ${name}`);
      assert.equal(shouldRestart(c, result, status, true), false, `Restart=${policy}, ${name}, stop requested`);
    }
  }
});

test('RestartPreventExitStatus= vetoes and RestartForceExitStatus= forces a restart; ExecCondition skips never restart', () => {
  const prevent = config(['Restart=always', 'RestartPreventExitStatus=3 SIGTERM']);
  assert.equal(shouldRestart(prevent, 'exit-code', { code: 3, signal: null, core: false }, false), false);
  assert.equal(shouldRestart(prevent, 'success', { code: null, signal: 'SIGTERM', core: false }, false), false);
  assert.equal(shouldRestart(prevent, 'exit-code', { code: 4, signal: null, core: false }, false), true);
  const force = config(['Restart=no', 'RestartForceExitStatus=0']);
  assert.equal(shouldRestart(force, 'success', { code: 0, signal: null, core: false }, false), true);
  assert.equal(shouldRestart(config(['Restart=always']), 'exec-condition', null, false), false);
});

test('RestartSteps= and RestartMaxDelaySec= grow the delay exponentially up to the maximum', () => {
  const c = config(['RestartSec=100ms', 'RestartSteps=4', 'RestartMaxDelaySec=1600ms']);
  const delays = [1, 2, 3, 4, 5, 6].map((n) => restartDelay(c, n) / 1000);
  assert.deepEqual(delays, [100, 200, 400, 800, 1600, 1600]);
  assert.equal(restartDelay(config(['RestartSec=2']), 7), 2_000_000);
});

test('SuccessExitStatus= makes a listed code or signal a success', () => {
  const h = harness();
  h.units.load(loadRequest('s.service', ['ExecStart=/bin/s', 'SuccessExitStatus=42 SIGUSR1', 'Restart=on-failure']));
  h.units.start('s.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 42 });
  assert.equal(h.last().sub_state, 'dead');
  assert.equal(h.last().result, 'success');
});

test('each automatic restart goes through auto-restart-queued and one restart job, and is counted', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['ExecStart=/bin/r', 'Restart=always', 'RestartSec=10ms']));
  h.units.start('r.service');
  for (let i = 1; i <= 3; i++) {
    h.os.exit(h.os.lastSpawn().pid, { code: 0 });
    assert.equal(h.last().spontaneous, true, 'the crash is the worker\'s own event');
    h.os.advance(10);
    assert.equal(h.last().restarts, i);
    assert.equal(h.last().sub_state, 'running');
  }
  assert.deepEqual(h.core.jobs, Array(3).fill('r.service restart replace'));
  assert.deepEqual(subStatePath(h.events).slice(0, 7), ['start', 'running', 'auto-restart', 'auto-restart-queued', 'dead', 'start', 'running'],
    'the restart job stops the unit (dead) before its Start');
  h.units.stop('r.service');
  h.os.settle();
  assert.equal(h.last().sub_state, 'dead');
});

test('a Start of the restart job without its Stop is the automatic restart too', () => {
  const h = harness(undefined, undefined, 'start-only');
  h.units.load(loadRequest('s.service', ['ExecStart=/bin/s', 'Restart=always', 'RestartSec=10ms']));
  h.units.start('s.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.advance(10);
  assert.equal(h.last().sub_state, 'running');
  assert.equal(h.last().restarts, 1);
  assert.ok(!subStatePath(h.events).includes('dead'), 'straight from auto-restart-queued to the new run');
});

test('any other Start while the restart job is pending re-announces the state, and a fresh start resets the count', () => {
  const h = harness(undefined, undefined, 'record');
  h.units.load(loadRequest('p.service', ['ExecStart=/bin/p', 'Restart=always', 'RestartSec=1s']));
  h.units.start('p.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.units.start('p.service');
  assert.equal(h.last().sub_state, 'auto-restart', 'a Start during RestartSec= waits for the restart');
  assert.equal(h.os.spawned.length, 1);
  h.os.advance(1000);
  assert.equal(h.last().sub_state, 'auto-restart-queued');
  h.units.start('p.service'); // the job's Start
  assert.equal(h.last().restarts, 1);
  h.units.stop('p.service');
  h.os.settle();
  h.units.start('p.service');
  assert.equal(h.last().restarts, 0, 'a start after a stop is not an automatic restart');
});

test('a Stop during auto-restart cancels the pending restart, and a refusal arriving later changes nothing', async () => {
  const refusal = new SysmasterError('ERR_START_LIMIT', 'Start request repeated too quickly for q.service.');
  const h = harness(undefined, undefined, refusal);
  h.units.load(loadRequest('q.service', ['ExecStart=/bin/q', 'Restart=always', 'RestartSec=1s']));
  h.units.start('q.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.units.stop('q.service');
  assert.equal(h.last().sub_state, 'dead');
  h.os.advance(5000);
  assert.deepEqual(h.core.jobs, [], 'the timer went with the restart');
  assert.equal(h.os.spawned.length, 1);

  h.units.start('q.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.advance(1000);
  assert.equal(h.last().sub_state, 'auto-restart-queued');
  h.units.stop('q.service');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.units.status('q.service').sub_state, 'dead');
  assert.equal(h.units.status('q.service').active_state, 'inactive');
});

test('TimeoutStartSec= ends a start that takes too long with result timeout; abort mode uses the watchdog signal', () => {
  const h = harness();
  h.units.load(loadRequest('t.service', ['Type=notify', 'ExecStart=/bin/t', 'TimeoutStartSec=3']));
  h.units.start('t.service');
  const pid = h.os.lastSpawn().pid;
  h.os.advance(3000);
  assert.deepEqual(h.os.signals[0], [pid, 15]);
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'timeout');

  h.units.load(loadRequest('a.service', ['Type=notify', 'ExecStart=/bin/a', 'TimeoutStartSec=3', 'TimeoutStartFailureMode=abort']));
  h.units.start('a.service');
  const other = h.os.lastSpawn().pid;
  h.os.advance(3000);
  assert.deepEqual(h.os.signals.at(-1), [other, 6]);
  assert.equal(h.units.status('a.service').result, 'timeout');
});

test('TimeoutSec= sets both timeouts and RuntimeMaxSec= stops a unit that runs too long', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['ExecStart=/bin/r', 'RuntimeMaxSec=5', 'ExecStop=/bin/stop']));
  h.units.start('r.service');
  h.os.advance(5000);
  assert.equal(h.last().sub_state, 'stop');
  h.os.exit(h.os.lastSpawn().pid, { code: 0 });
  assert.equal(h.last().result, 'timeout');
  assert.equal(h.last().active_state, 'failed');
  const both = config(['TimeoutSec=7']);
  assert.equal(both.timeoutStartSec, 7_000_000);
  assert.equal(both.timeoutStopSec, 7_000_000);
});

test('SendSIGKILL=no leaves a process that ignores SIGTERM alone after the timeout; FinalKillSignal= replaces SIGKILL', () => {
  const h = harness();
  h.units.load(loadRequest('n.service', ['ExecStart=/bin/n', 'TimeoutStopSec=1', 'SendSIGKILL=no']));
  h.units.start('n.service');
  const pid = h.os.lastSpawn().pid;
  h.os.stubborn.add(pid);
  h.units.stop('n.service');
  h.os.advance(1000);
  assert.ok(!h.os.signals.some(([, s]) => s === 9));
  assert.equal(h.last().sub_state, 'final-sigterm', 'no stop-sigkill step: on to the final SIGTERM');
  h.os.advance(1000);
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'timeout');
  assert.ok(!h.os.signals.some(([, s]) => s === 9));

  h.units.load(loadRequest('f.service', ['ExecStart=/bin/f', 'TimeoutStopSec=1', 'FinalKillSignal=SIGQUIT', 'KillMode=process']));
  h.units.start('f.service');
  const other = h.os.lastSpawn().pid;
  h.os.stubborn.add(other);
  h.units.stop('f.service');
  h.os.advance(1000);
  assert.deepEqual(h.os.signals.filter(([p]) => p === other).map(([, s]) => s), [15, 3]);
  assert.equal(h.os.cgroupKills.length, 0);
});

test('RestartKillSignal= is used when the unit is going to restart, SendSIGHUP= follows the kill signal', () => {
  const h = harness();
  h.units.load(loadRequest('k.service', ['ExecStart=/bin/k', 'ExecStartPost=/bin/post', 'Restart=on-failure', 'RestartKillSignal=SIGINT', 'SendSIGHUP=yes']));
  h.units.start('k.service');
  const main = h.os.spawned[0]!.pid;
  const post = h.os.lastSpawn().pid;
  h.os.exit(post, { code: 1 }); // ExecStartPost fails: stop, then restart (on-failure)
  assert.deepEqual(h.os.signals.filter(([p]) => p === main).map(([, s]) => s), [2, 1]);
});

test('KillMode=control-group signals every process of the cgroup and kills it with cgroup.kill', () => {
  const h = harness();
  h.units.load(loadRequest('g.service', ['ExecStart=/bin/g', 'TimeoutStopSec=1']));
  h.units.start('g.service');
  const main = h.os.lastSpawn().pid;
  h.os.adoptable(3001, '/cg/system.slice/g.service');
  h.os.stubborn.add(3001);
  h.units.stop('g.service');
  h.os.settle();
  assert.ok(h.os.signals.some(([p, s]) => p === 3001 && s === 15));
  assert.ok(h.os.signals.some(([p, s]) => p === main && s === 15));
  assert.equal(h.last().sub_state, 'stop-sigterm', 'waits for the cgroup to empty');
  h.os.advance(1000);
  assert.deepEqual(h.os.cgroupKills, ['/cg/system.slice/g.service']);
  assert.equal(h.last().sub_state, 'failed');
});

test('KillMode=mixed sends SIGTERM to the main process only and SIGKILL to the whole cgroup', () => {
  const h = harness();
  h.units.load(loadRequest('m.service', ['ExecStart=/bin/m', 'KillMode=mixed', 'TimeoutStopSec=1']));
  h.units.start('m.service');
  const main = h.os.lastSpawn().pid;
  h.os.adoptable(3002, '/cg/system.slice/m.service');
  h.units.stop('m.service');
  assert.deepEqual(h.os.signals, [[main, 15]]);
  h.os.settle();
  assert.deepEqual(h.os.cgroupKills, ['/cg/system.slice/m.service'], 'final-sigkill for what is left');
  h.os.settle();
  assert.equal(h.last().sub_state, 'dead');
});

test('KillMode=process leaves the other processes and KillMode=none signals nobody', () => {
  const h = harness();
  h.units.load(loadRequest('p.service', ['ExecStart=/bin/p', 'KillMode=process']));
  h.units.start('p.service');
  const main = h.os.lastSpawn().pid;
  h.os.adoptable(3003, '/cg/system.slice/p.service');
  h.units.stop('p.service');
  h.os.settle();
  assert.deepEqual(h.os.signals, [[main, 15]]);
  assert.equal(h.last().sub_state, 'dead');
  assert.ok(h.os.alive.has(3003));

  h.units.load(loadRequest('z.service', ['ExecStart=/bin/z', 'KillMode=none']));
  h.units.start('z.service');
  const pid = h.os.lastSpawn().pid;
  const before = h.os.signals.length;
  h.units.stop('z.service');
  assert.equal(h.os.signals.length, before);
  assert.equal(h.units.status('z.service').sub_state, 'dead');
  assert.ok(h.os.alive.has(pid));
});

test('the core refusing the restart job for the start limit fails the unit with start-limit-hit and a warning', async () => {
  const refusal = new SysmasterError('ERR_START_LIMIT', 'Start request repeated too quickly for l.service.');
  const h = harness(undefined, undefined, refusal);
  h.units.load(loadRequest('l.service', ['ExecStart=/bin/l', 'Restart=always', 'RestartSec=0']));
  h.units.start('l.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.advance(0);
  assert.deepEqual(h.core.jobs, ['l.service restart replace']);
  assert.equal(h.last().sub_state, 'auto-restart-queued');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'start-limit-hit');
  assert.equal(h.last().spontaneous, true);
  assert.equal(h.os.spawned.length, 1, 'the worker does not run the unit again on its own');
  assert.ok(h.core.events.some((e) => e.startsWith('l.service warning The automatic restart was refused: Start request repeated too quickly')), h.core.events.join('\n'));
  h.units.resetFailed('l.service');
  assert.equal(h.last().sub_state, 'dead');
  h.units.start('l.service');
  assert.equal(h.os.spawned.length, 2);
  assert.equal(h.last().restarts, 0);
});

test('a restart job refused for another reason (a shutdown) fails the unit with result resources', async () => {
  const h = harness(undefined, undefined, new SysmasterError('ERR_REFUSED', 'The system is shutting down.'));
  h.units.load(loadRequest('d.service', ['ExecStart=/bin/d', 'Restart=on-failure', 'RestartSec=0']));
  h.units.start('d.service');
  h.os.exit(h.os.lastSpawn().pid, { signal: 'SIGSEGV' });
  h.os.advance(0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().result, 'resources');
});

test('a worker that takes over a unit in auto-restart-queued asks for the restart job again', () => {
  const h = harness(undefined, undefined, 'record');
  h.units.load(loadRequest('w.service', ['ExecStart=/bin/w', 'Restart=always', 'RestartSec=0']));
  h.units.start('w.service');
  h.os.exit(h.os.lastSpawn().pid, { code: 1 });
  h.os.advance(0);
  assert.equal(h.last().sub_state, 'auto-restart-queued');
  h.units.shutdown();
  const next = harness(h.os, h.stateDir, 'record');
  assert.deepEqual(next.core.jobs, ['w.service restart replace']);
  next.units.start('w.service'); // the Start of that job
  assert.equal(next.units.status('w.service').sub_state, 'running');
  assert.equal(next.units.status('w.service').restarts, 1);
});

test('consecutive automatic restarts wait RestartSec=, then each step of RestartSteps= up to RestartMaxDelaySec=', () => {
  const h = harness();
  h.units.load(loadRequest('g.service', ['ExecStart=/bin/g', 'Restart=always', 'RestartSec=100ms', 'RestartSteps=4', 'RestartMaxDelaySec=1600ms']));
  h.units.start('g.service');
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    const before = h.os.spawned.length;
    h.os.exit(h.os.lastSpawn().pid, { code: 1 });
    let waited = 0;
    while (h.os.spawned.length === before && waited < 5000) { h.os.advance(1); waited++; }
    delays.push(waited);
  }
  assert.deepEqual(delays, [100, 200, 400, 800, 1600, 1600]);
  assert.equal(h.last().restarts, 6);
});
