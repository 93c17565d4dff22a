// The socket unit's life cycle on a fake OS and a recording WorkerHost: the state table,
// activation by a readable fd, the service's state through WatchUnits, the trigger limit, the
// hand-over record, failures, and a new worker taking the fds back from the holder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitStatus, UnitStatus__Output } from '@sysmaster/proto';
import { createLogger, createRecordingHost, type RecordingHost, type WorkerHost } from '@sysmaster/worker-kit';
import { SocketUnits } from '../src/socket-units';
import { ACTIVE_STATE, SOCKET_TRANSITIONS } from '../src/states';
import { listenSpec } from '../src/socket-unit';
import { parseSocketConfig } from '../src/config';
import { FakeSocketOs } from './fake-os';
import { request } from './helpers';

const quiet = createLogger('test', { silent: true });

interface Setup { units: SocketUnits; os: FakeSocketOs; core: RecordingHost; events: UnitStatus[]; stateDir: string; host: WorkerHost }

function setup(existing?: { os: FakeSocketOs; stateDir: string }): Setup {
  const stateDir = existing?.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'socket-units-'));
  const fakeOs = existing?.os ?? new FakeSocketOs();
  const core = createRecordingHost();
  const events: UnitStatus[] = [];
  const host: WorkerHost = { log: quiet, emit: (s) => events.push(s), core };
  return { units: new SocketUnits({ host, os: fakeOs, stateDir }), os: fakeOs, core, events, stateDir, host };
}

function service(name: string, active_state: string, result = 'success'): UnitStatus__Output {
  return { name, active_state, sub_state: '', result } as UnitStatus__Output;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function echo(s: Setup, extra: string[] = []): number[] {
  s.units.load(request('echo.socket', ['ListenStream=/run/echo/echo.sock', 'ListenStream=127.0.0.1:8080', ...extra]));
  s.units.start('echo.socket');
  return [...s.os.polls.keys()];
}

test('the active-state map covers every sub-state and the table only moves between them', () => {
  const states = Object.keys(ACTIVE_STATE);
  for (const [from, row] of Object.entries(SOCKET_TRANSITIONS)) {
    assert.ok(states.includes(from), from);
    for (const to of Object.values(row)) assert.ok(states.includes(to), `${from} -> ${to}`);
  }
  assert.deepEqual(ACTIVE_STATE, {
    dead: 'inactive', 'start-pre': 'activating', 'start-chown': 'activating', 'start-post': 'activating', listening: 'active',
    running: 'active', 'stop-pre': 'deactivating', 'stop-pre-sigterm': 'deactivating', 'stop-pre-sigkill': 'deactivating',
    'stop-post': 'deactivating', 'final-sigterm': 'deactivating', 'final-sigkill': 'deactivating', failed: 'failed',
  });
});

test('Load implies Triggers= and Before= on the service and returns systemd.socket(5) default dependencies', () => {
  const s = setup();
  const r = s.units.load(request('echo.socket', ['ListenStream=/run/e.sock', 'Service=daemon.service']));
  assert.deepEqual(r.dependencies, [{ kind: 'Triggers', unit: 'daemon.service' }, { kind: 'Before', unit: 'daemon.service' }]);
  assert.deepEqual(r.default_dependencies?.map((d) => `${d.kind} ${d.unit}`), [
    'Requires sysinit.target', 'After sysinit.target', 'Before sockets.target', 'Conflicts shutdown.target', 'Before shutdown.target',
  ]);
  assert.equal(r.properties?.Service, 'daemon.service');
});

test('start opens every Listen line with its options, starts a holder, writes the hand-over record, then polls', () => {
  const s = setup();
  const polled = echo(s, ['NoDelay=yes', 'SocketMode=0600', 'DirectoryMode=0750', 'SocketUser=daemon']);
  assert.equal(polled.length, 2);
  const specs = [...s.os.open.values()];
  assert.deepEqual(specs[0], { family: 'unix', type: 'stream', address: '/run/echo/echo.sock', port: 0, backlog: 4096, mode: 0o600, noDelay: true });
  assert.deepEqual(s.os.dirs, [['/run/echo', 0o750]]);
  assert.deepEqual(s.os.chowned, [['/run/echo/echo.sock', 'daemon', null]]);
  const [holderPid, holder] = [...s.os.holders.entries()][0] ?? [];
  assert.deepEqual(holder, { unit: 'echo.socket', fds: polled });
  assert.deepEqual(s.os.handovers.get('echo.socket'), { unit: 'echo.socket', service: 'echo.service', holderPid, names: ['echo.socket', 'echo.socket'] });
  assert.deepEqual(s.events.map((e) => `${e.active_state}/${e.sub_state}`), ['activating/start-chown', 'active/listening'], 'SocketUser= passes through start-chown, as systemd');
});

test('a bare port is dual-stack unless BindIPv6Only=ipv6-only; an explicit IPv6 address follows BindIPv6Only', () => {
  const spec = (lines: string[]) => {
    const { config } = parseSocketConfig(request('p.socket', lines));
    const l = config.listens[0];
    assert.ok(l);
    return listenSpec(l, config);
  };
  assert.equal(spec(['ListenStream=8080']).v6Only, false);
  assert.equal(spec(['ListenStream=8080', 'BindIPv6Only=ipv6-only']).v6Only, true);
  assert.equal(spec(['ListenStream=[::]:80']).v6Only, undefined);
  assert.equal(spec(['ListenStream=[::]:80', 'BindIPv6Only=both']).v6Only, false);
});

test('a bare port falls back to 0.0.0.0 when the kernel has no IPv6 (EAFNOSUPPORT), as systemd does', () => {
  const s = setup();
  s.os.refuse.set('::', 'EAFNOSUPPORT');
  s.units.load(request('p.socket', ['ListenStream=8080']));
  s.units.start('p.socket');
  assert.equal(s.units.status('p.socket').sub_state, 'listening');
  const specs = [...s.os.open.values()] as Array<{ family?: string; address?: string }>;
  assert.deepEqual(specs.map((x) => [x.family, x.address]), [['inet', '0.0.0.0']]);
});

test('a readable fd stops every poll, goes running and asks the core to start the service', async () => {
  const s = setup();
  const [first] = echo(s);
  assert.ok(s.os.readable(first ?? -1));
  await flush();
  assert.equal(s.os.polls.size, 0, 'no poll while the service owns the traffic');
  assert.deepEqual(s.core.jobs, ['echo.service start replace']);
  assert.equal(s.units.status('echo.socket').sub_state, 'running');
  assert.equal(s.events.at(-1)?.spontaneous, true);
});

test('when the service stops the socket listens again and polls every fd; a service started by hand makes it running', () => {
  const s = setup();
  const [first] = echo(s);
  s.os.readable(first ?? -1);
  s.core.publish(service('echo.service', 'active'));
  assert.equal(s.units.status('echo.socket').sub_state, 'running');
  s.core.publish(service('echo.service', 'inactive'));
  assert.equal(s.units.status('echo.socket').sub_state, 'listening');
  assert.equal(s.os.polls.size, 2);
  s.core.publish(service('echo.service', 'activating'));
  assert.equal(s.units.status('echo.socket').sub_state, 'running');
  assert.equal(s.os.polls.size, 0);
  assert.deepEqual(s.core.jobs, ['echo.service start replace'], 'no job for a service started by someone else');
});

test('more triggers than TriggerLimitBurst within the interval fail the socket with trigger-limit-hit and close it', () => {
  const s = setup();
  s.units.load(request('t.socket', ['ListenStream=/run/t.sock', 'TriggerLimitBurst=2', 'TriggerLimitIntervalSec=1s']));
  s.units.start('t.socket');
  for (let i = 0; i < 2; i++) {
    s.os.readable([...s.os.polls.keys()][0] ?? -1);
    s.core.publish(service('t.service', 'failed'));
    s.os.clock += 100_000;
  }
  assert.equal(s.units.status('t.socket').sub_state, 'listening');
  s.os.readable([...s.os.polls.keys()][0] ?? -1);
  const st = s.units.status('t.socket');
  assert.deepEqual([st.active_state, st.result], ['failed', 'trigger-limit-hit']);
  assert.equal(s.os.open.size, 0, 'every fd closed');
  assert.equal(s.os.holders.size, 0, 'the holder ended');
  assert.equal(s.os.handovers.size, 0, 'the record removed');
  assert.match(s.core.events.at(-1) ?? '', /t\.socket warning .*trigger limit hit/);
  s.units.start('t.socket');
  s.os.readable([...s.os.polls.keys()][0] ?? -1);
  assert.equal(s.units.status('t.socket').sub_state, 'running', 'a new start gets a fresh trigger limit');
});

test('triggers spread wider than the interval never hit the limit', () => {
  const s = setup();
  s.units.load(request('t.socket', ['ListenStream=/run/t.sock', 'TriggerLimitBurst=2', 'TriggerLimitIntervalSec=1s']));
  s.units.start('t.socket');
  for (let i = 0; i < 10; i++) {
    s.os.readable([...s.os.polls.keys()][0] ?? -1);
    s.core.publish(service('t.service', 'inactive'));
    s.os.clock += 600_000;
  }
  assert.equal(s.units.status('t.socket').sub_state, 'listening');
});

test('a bind that fails fails the unit with result resources, closes what was opened and names address and errno', () => {
  const s = setup();
  s.os.refuse.set('127.0.0.1:8080', 'EADDRINUSE');
  echo(s);
  const st = s.units.status('echo.socket');
  assert.deepEqual([st.active_state, st.result], ['failed', 'resources']);
  assert.equal(s.os.open.size, 0);
  assert.match(s.core.events[0] ?? '', /cannot listen on 127\.0\.0\.1:8080: bind failed: EADDRINUSE/);
  s.os.refuse.clear();
  s.units.start('echo.socket');
  assert.equal(s.units.status('echo.socket').sub_state, 'listening', 'a failed socket can be started again');
});

test('a core that refuses the start on the service start limit fails the socket with service-start-limit-hit', async () => {
  const s = setup();
  s.core.enqueueJob = () => Promise.reject(Object.assign(new Error('start limit hit'), { code: 9, metadata: { get: (k: string) => (k === 'sm-code' ? ['ERR_START_LIMIT'] : []) } }));
  const [first] = echo(s);
  s.os.readable(first ?? -1);
  await flush();
  const st = s.units.status('echo.socket');
  assert.deepEqual([st.active_state, st.result], ['failed', 'service-start-limit-hit']);
});

test('a service that failed on its own start limit fails the socket too', () => {
  const s = setup();
  const [first] = echo(s);
  s.os.readable(first ?? -1);
  s.core.publish(service('echo.service', 'failed', 'start-limit-hit'));
  assert.equal(s.units.status('echo.socket').result, 'service-start-limit-hit');
});

test('stop closes fds, ends the holder, removes the record, and with RemoveOnStop= the files and symlinks', () => {
  const s = setup();
  echo(s, ['RemoveOnStop=yes', 'Symlinks=/run/echo-link']);
  assert.deepEqual(s.os.symlinks, [['/run/echo/echo.sock', '/run/echo-link']]);
  s.units.stop('echo.socket');
  assert.deepEqual([s.os.open.size, s.os.holders.size, s.os.handovers.size, s.os.polls.size], [0, 0, 0, 0]);
  assert.deepEqual(s.os.unlinked, ['/run/echo/echo.sock', '/run/echo-link']);
  assert.equal(s.units.status('echo.socket').sub_state, 'dead');
  s.units.stop('echo.socket');
  assert.equal(s.events.at(-1)?.sub_state, 'dead', 'a second stop reports the state again');
});

test('a new worker takes the fds back from the holder and polls them; the same holder, no new bind', () => {
  const first = setup();
  echo(first);
  const holders = [...first.os.holders.keys()];
  const opened = first.os.open.size;
  first.units.shutdown();
  const again = setup({ os: first.os, stateDir: first.stateDir });
  assert.equal(again.units.status('echo.socket').sub_state, 'listening');
  assert.deepEqual([...again.os.holders.keys()], holders);
  assert.equal(again.os.open.size, opened * 2, 'copies from the holder, nothing bound again');
  assert.equal(again.os.polls.size, 2);
});

test('a new worker whose holder is gone opens the sockets again instead of failing', () => {
  const first = setup();
  echo(first);
  first.units.shutdown();
  first.os.holders.clear();
  const again = setup({ os: first.os, stateDir: first.stateDir });
  assert.equal(again.units.status('echo.socket').sub_state, 'listening');
  assert.equal(again.os.holders.size, 1, 'a new holder');
});

test('starting a unit with a bad configuration is refused with ERR_BAD_SETTING', () => {
  const s = setup();
  const r = s.units.load(request('bad.socket', ['ListenStream=nowhere']));
  assert.equal(r.errors?.length, 1);
  assert.throws(() => s.units.start('bad.socket'), (e: unknown) => (e as { code?: string }).code === 'ERR_BAD_SETTING');
  assert.throws(() => s.units.start('nope.socket'), (e: unknown) => (e as { code?: string }).code === 'ERR_UNIT_NOT_FOUND');
});

test('a new worker that finds its socket running does not poll until the service is seen stopped', () => {
  const first = setup();
  const [fd] = echo(first);
  first.os.readable(fd ?? -1);
  first.units.shutdown();
  const again = setup({ os: first.os, stateDir: first.stateDir });
  assert.equal(again.units.status('echo.socket').sub_state, 'running');
  assert.equal(again.os.polls.size, 0, 'the service owns the traffic');
  again.core.publish(service('echo.service', 'active'));
  assert.equal(again.os.polls.size, 0);
  again.core.publish(service('echo.service', 'inactive'));
  assert.equal(again.units.status('echo.socket').sub_state, 'listening');
  assert.equal(again.os.polls.size, 2);
});

test('a core that stays away past the retry window sends the socket back to listening, to try again', async () => {
  const s = setup();
  s.core.enqueueJob = () => Promise.reject(Object.assign(new Error('no core'), { code: 14, metadata: { get: () => [] } }));
  const [first] = echo(s);
  s.os.readable(first ?? -1);
  await flush();
  assert.equal(s.units.status('echo.socket').sub_state, 'listening');
  assert.equal(s.os.polls.size, 2);
});

test('when Service= is an alias the core reports the real name, and the hand-over record names that service', () => {
  const s = setup();
  let deliver: ((status: UnitStatus__Output) => void) | undefined;
  s.core.watchUnits = (_units, onStatus) => { deliver = onStatus; return { close: () => undefined }; };
  s.units.load(request('syslog.socket', ['ListenDatagram=/run/systemd/journal/syslog']));
  s.units.start('syslog.socket');
  assert.equal(s.os.handovers.get('syslog.socket')?.service, 'syslog.service');
  deliver?.(service('rsyslog.service', 'inactive'));
  assert.equal(s.os.handovers.get('syslog.socket')?.service, 'rsyslog.service');
  s.os.readable([...s.os.polls.keys()][0] ?? -1);
  deliver?.(service('rsyslog.service', 'active'));
  deliver?.(service('rsyslog.service', 'inactive'));
  assert.equal(s.units.status('syslog.socket').sub_state, 'listening', 'the alias\'s state is followed');
});

test('FlushPending=yes drops what the service left pending when it stops; without it the backlog triggers the next start', () => {
  const flushing = setup();
  const [first] = echo(flushing, ['FlushPending=yes']);
  flushing.os.readable(first ?? -1);
  flushing.core.publish(service('echo.service', 'active'));
  flushing.os.pending.set(first ?? -1, [{ localFamily: 'unix', localAddress: '', localPort: 0, peerFamily: 'unix', peerAddress: '', peerPort: 0 }]);
  flushing.core.publish(service('echo.service', 'inactive'));
  assert.deepEqual(flushing.os.flushed.map(([, what, count]) => [what, count]), [['connections', 1], ['connections', 0]]);
  assert.equal(flushing.units.status('echo.socket').sub_state, 'listening');
  assert.equal(flushing.os.polls.size, 2, 'polled again after the flush');

  const keeping = setup();
  const [fd] = echo(keeping);
  keeping.os.readable(fd ?? -1);
  keeping.core.publish(service('echo.service', 'active'));
  keeping.core.publish(service('echo.service', 'inactive'));
  assert.deepEqual(keeping.os.flushed, [], 'FlushPending= is off by default');
});

test('PollLimitBurst= events on one fd within PollLimitIntervalSec= pause its polling until the window passes; nothing fails', () => {
  const s = setup();
  s.units.load(request('flood.socket', ['ListenDatagram=/run/flood.dgram', 'PollLimitIntervalSec=10s', 'PollLimitBurst=2', 'TriggerLimitIntervalSec=0']));
  s.units.start('flood.socket');
  const [fd] = [...s.os.polls.keys()];
  const cycle = (): void => {
    assert.ok(s.os.readable(fd ?? -1), 'polled');
    s.core.publish(service('flood.service', 'active'));
    s.core.publish(service('flood.service', 'inactive'));
  };
  cycle();
  cycle();
  assert.equal(s.core.jobs.length, 2);
  assert.ok(s.os.readable(fd ?? -1), 'the third event is seen');
  assert.equal(s.core.jobs.length, 2, '...but not acted on: the fd is paused');
  assert.equal(s.os.polls.size, 0);
  assert.equal(s.units.status('flood.socket').sub_state, 'listening', 'nothing fails');
  s.os.clock += 10_000_000;
  s.os.fireTimers();
  assert.equal(s.os.polls.size, 1, 'polled again once the window passed');
  assert.ok(s.os.readable(fd ?? -1));
  assert.equal(s.core.jobs.length, 3);
  const defaults = parseSocketConfig(request('d.socket', ['ListenStream=/run/d.sock'])).config.pollLimit;
  assert.deepEqual(defaults, { intervalUsec: 2_000_000, burst: 15 });
  assert.equal(parseSocketConfig(request('d.socket', ['ListenStream=/run/d.sock', 'Accept=yes'])).config.pollLimit.burst, 150);
});
