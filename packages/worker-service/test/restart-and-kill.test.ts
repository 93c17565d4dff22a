// Restart= (systemd.service(5)'s table), the restart delay steps, timeouts and KillMode=.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('automatic restarts are spontaneous events through auto-restart-queued with restarts counted', () => {
  const h = harness();
  h.units.load(loadRequest('r.service', ['ExecStart=/bin/r', 'Restart=always', 'RestartSec=10ms']));
  h.units.start('r.service');
  for (let i = 1; i <= 3; i++) {
    h.os.exit(h.os.lastSpawn().pid, { code: 0 });
    h.os.advance(10);
    assert.equal(h.last().restarts, i);
    assert.equal(h.last().spontaneous, true);
  }
  assert.ok(subStatePath(h.events).includes('auto-restart-queued'));
  h.units.stop('r.service');
  h.os.settle();
  assert.equal(h.last().sub_state, 'dead');
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

test('an automatic restart beyond the start limit fails the unit at once, raising its restart count for the core', () => {
  const h = harness();
  const request = loadRequest('l.service', ['ExecStart=/bin/l', 'Restart=always', 'RestartSec=0']);
  request.unit_settings = { StartLimitIntervalSec: '30', StartLimitBurst: '3' };
  h.units.load(request);
  h.units.start('l.service');
  for (let i = 0; i < 10 && h.last().active_state !== 'failed'; i++) {
    h.os.exit(h.os.lastSpawn().pid, { code: 1 });
    h.os.advance(0);
  }
  assert.equal(h.os.spawned.length, 3, 'StartLimitBurst=3 runs, then no more');
  assert.equal(h.last().active_state, 'failed');
  assert.equal(h.last().restarts, 3, 'the refused restart is counted');
  assert.equal(h.last().spontaneous, true);
  h.units.resetFailed('l.service');
  h.units.start('l.service');
  assert.equal(h.os.spawned.length, 4, 'reset-failed clears the count');
});

test('consecutive automatic restarts wait RestartSec=, then each step of RestartSteps= up to RestartMaxDelaySec=', () => {
  const h = harness();
  const request = loadRequest('g.service', ['ExecStart=/bin/g', 'Restart=always', 'RestartSec=100ms', 'RestartSteps=4', 'RestartMaxDelaySec=1600ms']);
  request.unit_settings = { StartLimitIntervalSec: '0' };
  h.units.load(request);
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
