// The core enforces or refuses what each type's worker declares (worker.proto Capabilities and
// LoadResponse), over the real Manager and a fake pool (manager-fakes.ts) whose types declare:
// service everything but reexec; target and socket nothing; flag (registered for these tests)
// once_only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SysmasterError } from '@sysmaster/proto';
import { fakeSystem, service, type FakeBehaviour, type FakeSystem } from './manager-fakes';

const TYPES: FakeBehaviour = { types: ['service', 'target', 'socket', 'flag'], capabilities: { flag: { once_only: true } } };

async function withSystem(files: Record<string, string>, behaviour: FakeBehaviour, run: (s: FakeSystem) => Promise<void>): Promise<void> {
  const s = await fakeSystem(files, { ...TYPES, ...behaviour });
  try {
    await run(s);
  } finally {
    s.cleanup();
  }
}

function refusal(code: string, message: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof SysmasterError && error.code === code && message.test(error.message);
}

test('a reload job is refused up front, in systemd\'s words, for a unit whose type or whose Load says it cannot reload', async () => {
  const files = { 'plain.service': service(), 'app.target': '[Unit]\nDescription=App\n' };
  await withSystem(files, { load: { 'plain.service': { can_reload: false } } }, async (s) => {
    await s.run('start', ['plain.service', 'app.target']);
    await assert.rejects(s.manager.enqueue('reload', ['plain.service'], 'replace'), refusal('ERR_UNIMPLEMENTED', /^Job type reload is not applicable for unit plain\.service\.$/));
    await assert.rejects(s.manager.enqueue('reload', ['app.target'], 'replace'), (error) => refusal('ERR_UNIMPLEMENTED', /not applicable for unit app\.target/)(error)
      && /can_reload is false/.test((error as SysmasterError).hint ?? ''));
    assert.ok(!s.calls.some((c) => c.startsWith('reload ')));
    assert.equal(s.manager.unit('plain.service').properties.CanReload, 'no');
  });
});

test('kill of a unit whose type runs no processes is refused as unimplemented, and reaches the worker otherwise', async () => {
  await withSystem({ 'web.service': service(), 'app.target': '[Unit]\n' }, {}, async (s) => {
    await assert.rejects(s.manager.kill(['app.target'], 15, 'all'), refusal('ERR_UNIMPLEMENTED', /app\.target cannot be killed: units of type target have no processes/));
    await s.manager.kill(['web.service'], 15, 'all');
    assert.deepEqual(s.calls.filter((c) => c.startsWith('kill ')), ['kill web.service 15']);
  });
});

test('live counters are asked of the worker only for a running unit of a type with processes', async () => {
  await withSystem({ 'web.service': service(), 'app.target': '[Unit]\n' }, {}, async (s) => {
    await s.run('start', ['web.service', 'app.target']);
    assert.equal((await s.manager.refreshUnit('web.service')).status.tasks_current, 42);
    await s.manager.refreshUnit('app.target');
    assert.deepEqual(s.calls.filter((c) => c.startsWith('status ')), ['status web.service']);
  });
});

test('a unit of a once_only type that was active once refuses a second start, asked for or pulled in', async () => {
  const files = { 'lamp.flag': '[Unit]\nDescription=Lamp\n', 'user.service': service('Requires=lamp.flag\nAfter=lamp.flag') };
  await withSystem(files, {}, async (s) => {
    const [first] = await s.run('start', ['lamp.flag']);
    assert.equal(first!.result, 'done');
    await s.run('stop', ['lamp.flag']);
    await assert.rejects(s.manager.enqueue('start', ['lamp.flag'], 'replace'), refusal('ERR_REFUSED', /lamp\.flag was already started once this boot: units of type flag may only be started once/));
    const jobs = await s.manager.enqueue('start', ['user.service'], 'replace');
    await s.manager.waitJobs(jobs.map((j) => j.id));
    await s.settle();
    assert.equal(s.calls.filter((c) => c === 'start lamp.flag').length, 1);
    assert.notEqual(s.state('user.service'), 'active');
  });
});

test('the log of a unit is relayed from its worker, and a type without logs says it has none', async () => {
  await withSystem({ 'web.service': service(), 'app.target': '[Unit]\n' }, { logs: { 'web.service': ['one', 'two', 'three'] } }, async (s) => {
    assert.deepEqual(await s.manager.logLines('web.service', 2), ['two', 'three']);
    assert.deepEqual(await s.manager.logLines('app.target', 2), []);
    const seen: string[] = [];
    let ended = false;
    const stop = await s.manager.logs('web.service', { lines: 1, follow: true, since_usec: 0 }, {
      line: (text) => seen.push(text), end: () => (ended = true), error: (error) => assert.fail(error),
    });
    await new Promise((resolve) => setImmediate(resolve));
    s.writeLog('web.service', 'four');
    stop();
    s.writeLog('web.service', 'five');
    assert.deepEqual(seen, ['three', 'four']);
    assert.equal(ended, false);
    await assert.rejects(s.manager.logs('app.target', { lines: 1, follow: false, since_usec: 0 }, { line: () => undefined, end: () => undefined, error: () => undefined }),
      refusal('ERR_UNIMPLEMENTED', /Units of type target have no log/));
  });
});

test('load warnings are shown among the unit\'s notices and a Triggers= dependency shows its reverse on the other unit', async () => {
  const files = { 'web.socket': '[Unit]\n[Socket]\nListenStream=80\n', 'web.service': service() };
  const behaviour: FakeBehaviour = {
    implied: { 'web.socket': [{ kind: 'Triggers', unit: 'web.service' }, { kind: 'Before', unit: 'web.service' }] },
    load: { 'web.socket': { warnings: [{ file: '/u/web.socket', line: 3, section: 'Socket', key: 'ListenStream', message: 'IPv6 is not enabled' }] } },
  };
  await withSystem(files, behaviour, async (s) => {
    await s.run('start', ['web.socket']);
    const socket = s.manager.unit('web.socket');
    assert.deepEqual(socket.dependencies.Triggers, ['web.service']);
    assert.ok(socket.status.notices.includes('/u/web.socket:3: ListenStream: IPv6 is not enabled'));
    assert.deepEqual(s.manager.unit('web.service').dependencies.TriggeredBy, ['web.socket']);
  });
});

test('the registered types are the suffixes the core accepts', async () => {
  await withSystem({}, {}, async (s) => {
    assert.deepEqual([...s.manager.unitTypes()].sort(), ['flag', 'service', 'socket', 'target']);
  });
});
