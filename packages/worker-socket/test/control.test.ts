// ExecStartPre=/ExecStartPost=/ExecStopPre=/ExecStopPost= of a socket on a fake OS: the states
// of systemd.socket(5) in order, the fds opened only after ExecStartPre= and closed before
// ExecStopPost=, the first failure as the result, '-' commands, TimeoutSec= with KillSignal= and
// SIGKILL, a missing program, and a worker replaced while a command ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitStatus } from '@sysmaster/proto';
import { createLogger, createRecordingHost } from '@sysmaster/worker-kit';
import { SocketUnits } from '../src/socket-units';
import { parseSocketConfig } from '../src/config';
import { FakeSocketOs } from './fake-os';
import { request } from './helpers';

const quiet = createLogger('test', { silent: true });

function setup(lines: string[], existing?: { os: FakeSocketOs; stateDir: string }): { units: SocketUnits; os: FakeSocketOs; states: string[]; stateDir: string } {
  const stateDir = existing?.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'socket-control-'));
  const fakeOs = existing?.os ?? new FakeSocketOs();
  const states: string[] = [];
  const units = new SocketUnits({
    host: { log: quiet, emit: (st: UnitStatus) => states.push(`${st.sub_state}${st.result === 'success' ? '' : `/${st.result}`}`), core: createRecordingHost() },
    os: fakeOs, stateDir,
  });
  units.load(request('x.socket', ['ListenStream=/run/x.sock', ...lines]));
  return { units, os: fakeOs, states, stateDir };
}

const pidOf = (o: FakeSocketOs, i: number): number => o.spawned[i]?.pid ?? -1;

test('the Exec*= keys, TimeoutSec= and the exec context of [Socket] are read', () => {
  const { config, errors, warnings } = parseSocketConfig(request('x.socket', [
    'ListenStream=/run/x.sock', 'ExecStartPre=/bin/mkdir -p /run/%N', 'ExecStartPre=-/bin/false', 'ExecStopPost=/bin/rm -rf /run/x',
    'TimeoutSec=5s', 'KillSignal=SIGINT', 'User=daemon', 'Environment=A=1',
  ]));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.execStartPre.map((c) => [c.argv, c.ignoreFailure]), [[['/bin/mkdir', '-p', '/run/x'], false], [['/bin/false'], true]]);
  assert.equal(config.execStopPost.length, 1);
  assert.equal(config.timeoutUsec, 5_000_000);
  assert.equal(config.killSignal, 2);
  assert.equal(config.exec.user, 'daemon');
  assert.equal(parseSocketConfig(request('x.socket', ['ListenStream=/run/x.sock'])).config.timeoutUsec, 90_000_000);
});

test('start runs ExecStartPre= before any fd exists and ExecStartPost= after; stop runs ExecStopPre= then, fds closed, ExecStopPost=', () => {
  const s = setup(['ExecStartPre=/bin/pre', 'ExecStartPost=/bin/post', 'ExecStopPre=/bin/stoppre', 'ExecStopPost=/bin/stoppost', 'User=0']);
  s.units.start('x.socket');
  assert.deepEqual(s.os.lastCommand(), ['/bin/pre']);
  assert.equal(s.os.open.size, 0, 'no fd during start-pre');
  assert.equal(s.units.status('x.socket').control_pid, pidOf(s.os, 0));
  s.os.exit(pidOf(s.os, 0), 0);
  assert.deepEqual(s.os.lastCommand(), ['/bin/post']);
  assert.equal(s.os.open.size, 1, 'the fd is open during start-post');
  assert.equal(s.os.polls.size, 0, 'but not polled before listening');
  s.os.exit(pidOf(s.os, 1), 0);
  assert.equal(s.os.polls.size, 1);
  s.units.stop('x.socket');
  assert.deepEqual(s.os.lastCommand(), ['/bin/stoppre']);
  assert.equal(s.os.open.size, 1, 'fds stay open during stop-pre');
  assert.equal(s.os.polls.size, 0);
  s.os.exit(pidOf(s.os, 2), 0);
  assert.deepEqual(s.os.lastCommand(), ['/bin/stoppost']);
  assert.equal(s.os.open.size, 0, 'closed before stop-post');
  s.os.exit(pidOf(s.os, 3), 0);
  assert.deepEqual(s.states, ['start-pre', 'start-post', 'listening', 'stop-pre', 'stop-post', 'dead']);
  assert.equal(s.os.spawned[0]?.request.uid, 0, 'the exec context applies');
});

test('a failed ExecStartPre= ends the start at once (failed, exit-code); a failed ExecStartPost= runs the stop commands', () => {
  const pre = setup(['ExecStartPre=/bin/false', 'ExecStopPost=/bin/cleanup']);
  pre.units.start('x.socket');
  pre.os.exit(pidOf(pre.os, 0), 1);
  assert.deepEqual(pre.states, ['start-pre', 'failed/exit-code']);
  assert.equal(pre.os.spawned.length, 1, 'no ExecStopPost= after a failed ExecStartPre=, as systemd');

  const post = setup(['ExecStartPost=/bin/post', 'ExecStopPost=/bin/cleanup']);
  post.units.start('x.socket');
  post.os.exit(pidOf(post.os, 0), 'SIGSEGV');
  assert.deepEqual(post.os.lastCommand(), ['/bin/cleanup']);
  post.os.exit(pidOf(post.os, 1), 0);
  assert.deepEqual(post.states, ['start-post', 'stop-post/signal', 'failed/signal']);
  assert.equal(post.os.open.size, 0);
});

test("a '-' command never fails its phase, the next one runs; a missing program fails it with resources", () => {
  const s = setup(['ExecStartPre=-/bin/false', 'ExecStartPre=/bin/true']);
  s.units.start('x.socket');
  s.os.exit(pidOf(s.os, 0), 3);
  s.os.exit(pidOf(s.os, 1), 0);
  assert.equal(s.units.status('x.socket').sub_state, 'listening');
  const missing = setup(['ExecStartPre=/nonexistent/prog']);
  missing.os.missing.add('/nonexistent/prog');
  missing.units.start('x.socket');
  assert.deepEqual(missing.states, ['start-pre', 'failed/resources']);
});

test('a command past TimeoutSec= gets KillSignal=, then SIGKILL, and the phase ends with result timeout', () => {
  const s = setup(['ExecStartPre=/bin/sleep 100', 'TimeoutSec=1s', 'KillSignal=SIGINT']);
  s.units.start('x.socket');
  const pid = pidOf(s.os, 0);
  s.os.fireTimers();
  assert.deepEqual(s.os.signals, [[pid, 2]]);
  s.os.fireTimers();
  assert.deepEqual(s.os.signals, [[pid, 2], [pid, 9]]);
  s.os.exit(pid, 'SIGKILL');
  assert.deepEqual(s.states, ['start-pre', 'failed/timeout']);
});

test('stop during ExecStartPre= kills it and ends dead; a new worker settles an interrupted phase', () => {
  const s = setup(['ExecStartPre=/bin/sleep 100']);
  s.units.start('x.socket');
  s.units.stop('x.socket');
  assert.deepEqual(s.os.signals, [[pidOf(s.os, 0), 9]]);
  assert.equal(s.units.status('x.socket').sub_state, 'dead');

  const first = setup(['ExecStartPost=/bin/sleep 100']);
  first.units.start('x.socket');
  first.units.shutdown();
  const second = setup(['ExecStartPost=/bin/sleep 100'], { os: first.os, stateDir: first.stateDir });
  assert.equal(second.units.status('x.socket').sub_state, 'listening', 'ExecStartPost= interrupted: the fds are open, it listens');
  assert.equal(second.os.polls.size, 1);
});

test('with a cgroup the commands run in /system.slice/NAME, and what is left after ExecStopPre= and at the end is killed', () => {
  const fakeOs = new FakeSocketOs();
  fakeOs.cgroupRoot = '/cg';
  const s = setup(['ExecStartPre=/bin/true', 'ExecStopPre=/bin/true', 'ExecStopPost=/bin/true', 'TimeoutSec=1s', 'KillSignal=SIGINT'], { os: fakeOs, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'socket-control-')) });
  s.units.start('x.socket');
  assert.equal(s.os.spawned[0]?.request.cgroup, '/cg/system.slice/x.socket');
  s.os.exit(pidOf(s.os, 0), 0);
  s.units.stop('x.socket');
  s.os.cgroupProcs.set('/cg/system.slice/x.socket', [4321]);
  s.os.exit(pidOf(s.os, 1), 0);
  assert.equal(s.units.status('x.socket').sub_state, 'stop-pre-sigterm');
  assert.deepEqual(s.os.signals, [[4321, 2]]);
  s.os.clock += 2_000_000; // past TimeoutSec=
  s.os.fireTimers();
  s.os.fireTimers();
  assert.equal(s.units.status('x.socket').sub_state, 'stop-pre-sigkill');
  assert.deepEqual(s.os.signals, [[4321, 2], [4321, 9]]);
  s.os.cgroupProcs.set('/cg/system.slice/x.socket', []);
  s.os.fireTimers();
  assert.equal(s.units.status('x.socket').sub_state, 'stop-post');
  s.os.cgroupProcs.set('/cg/system.slice/x.socket', [4322]);
  s.os.exit(pidOf(s.os, 2), 0);
  assert.equal(s.units.status('x.socket').sub_state, 'final-sigterm');
  s.os.cgroupProcs.set('/cg/system.slice/x.socket', []);
  s.os.fireTimers();
  const st = s.units.status('x.socket');
  assert.equal(`${st.sub_state}/${st.result}`, 'failed/timeout', 'a cgroup that needed SIGKILL ends the stop with result timeout');
  assert.deepEqual(s.os.removedCgroups, ['/cg/system.slice/x.socket']);
  assert.deepEqual(s.states.filter((x, i, all) => all.indexOf(x) === i), [
    'start-pre', 'listening', 'stop-pre', 'stop-pre-sigterm', 'stop-pre-sigkill/timeout', 'stop-post/timeout', 'final-sigterm/timeout', 'failed/timeout',
  ]);
});
