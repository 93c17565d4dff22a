// The parts the Manager wires together, each on its own: the phase table (manager-phases.ts),
// admission (admission.ts) and the start gate (start-gate.ts), over real unit files loaded by a
// real unit table (manager-fakes.ts) but without the job engine in between.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { Admission } from '../src/admission';
import { memoryConditionEnv } from '../src/conditions';
import { silentLogger } from '../src/log';
import { ManagerPhases, PHASE_TABLE, type ManagerPhase, type PhaseEvent } from '../src/manager-phases';
import { StartGate, withTypeCondition } from '../src/start-gate';
import { DEFAULT_SYSTEM_CONFIG } from '../src/system-config';
import { fakeDescribe } from '../src/testing/fake-types';
import type { UnitRecord } from '../src/units/unit-table';
import { TypeCapabilities } from '../src/units/type-capabilities';
import { fakeSystem, service, type FakeSystem } from './manager-fakes';

const PHASES = Object.keys(PHASE_TABLE) as ManagerPhase[];
const EVENTS: PhaseEvent[] = ['boot', 'already-booted', 'boot-finished', 'shutdown'];

const code = (expected: string, pattern?: RegExp) => (error: Error & { code?: string }): boolean => {
  assert.equal(error.code, expected, error.message);
  if (pattern) assert.match(error.message, pattern);
  return true;
};

describe('manager phases', () => {
  test('a boot goes initializing → starting → booted, and shutdown is taken in every phase', () => {
    const phases = new ManagerPhases(silentLogger());
    assert.equal(phases.transition('boot', 'test'), true);
    assert.equal(phases.current, 'starting');
    assert.equal(phases.transition('boot-finished', 'test'), true);
    assert.equal(phases.current, 'booted');
    for (const phase of PHASES) assert.equal(PHASE_TABLE[phase].shutdown, 'stopping', phase);
  });

  test('nothing leaves stopping: a boot that would begin then is refused and changes nothing', () => {
    for (const event of EVENTS) assert.ok([undefined, 'stopping'].includes(PHASE_TABLE.stopping[event]), event);
    const phases = new ManagerPhases(silentLogger());
    phases.transition('shutdown', 'test');
    assert.equal(phases.transition('boot', 'test'), false);
    assert.equal(phases.can('boot-finished'), false);
    assert.equal(phases.current, 'stopping');
  });

  test('the system state shows booted as running, or degraded when a unit failed', () => {
    const phases = new ManagerPhases(silentLogger());
    assert.equal(phases.systemState(() => true), 'initializing');
    phases.transition('already-booted', 'test');
    assert.equal(phases.systemState(() => false), 'running');
    assert.equal(phases.systemState(() => true), 'degraded');
  });
});

interface Parts { s: FakeSystem; admission: Admission; gate: StartGate; stopping: { now: boolean }; stoppedByUser: Set<string>; statuses: string[]; actions: string[]; clock: { usec: number } }

async function parts(files: Record<string, string>, load: Record<string, { can_reload?: boolean }> = {}): Promise<Parts> {
  const s = await fakeSystem(files, { load });
  const stopping = { now: false };
  const stoppedByUser = new Set<string>();
  const statuses: string[] = [];
  const actions: string[] = [];
  const clock = { usec: 1_000_000 };
  const gate = new StartGate({
    config: DEFAULT_SYSTEM_CONFIG, log: silentLogger(), find: (unit) => s.manager.table.find(unit),
    setStatus: (record, status) => {
      record.status = status;
      statuses.push(`${record.name} ${status.active_state}/${status.result}`);
    },
    emergency: (action, unit) => actions.push(`${unit} ${action}`),
    onceOnlyRefusal: () => null,
    nowUsec: () => clock.usec,
    conditionEnv: () => memoryConditionEnv({ files: { '/etc/present': { file: '' } } }),
  });
  const admission = new Admission({
    table: s.manager.table, gate, stopping: () => stopping.now, userStopped: (unit) => stoppedByUser.has(unit),
    capabilities: new TypeCapabilities((type) => (type === 'service' ? fakeDescribe(type) : null)),
  });
  return { s, admission, gate, stopping, stoppedByUser, statuses, actions, clock };
}

function withState(record: UnitRecord, active: UnitStatus__Output['active_state'], extra: Partial<UnitStatus__Output> = {}): UnitRecord {
  record.status = { ...record.status, active_state: active, ...extra };
  return record;
}

describe('admission', () => {
  test('an unknown mode or a request naming no unit is an invalid argument', async (t) => {
    const p = await parts({ 'a.service': service() });
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitJob('start', ['a.service'], 'sideways' as never, 'api'), code('ERR_INVALID_ARGUMENT', /valid modes: replace/));
    await assert.rejects(p.admission.admitJob('start', [], 'replace', 'api'), code('ERR_INVALID_ARGUMENT', /No unit named/));
  });

  test('while the system is stopping only stop jobs are admitted, for users and for reactions alike', async (t) => {
    const p = await parts({ 'a.service': service() });
    t.after(() => p.s.cleanup());
    p.stopping.now = true;
    await assert.rejects(p.admission.admitJob('start', ['a.service'], 'replace', 'api'), code('ERR_REFUSED', /shutting down; start of a\.service/));
    await assert.rejects(p.admission.admitReaction('a.service'), code('ERR_REFUSED'));
    assert.deepEqual(await p.admission.admitJob('stop', ['a.service'], 'replace', 'api'), [{ unit: 'a.service', type: 'stop' }]);
  });

  test('a stop may name a unit without a file while it still runs, a start may not name it at all', async (t) => {
    const p = await parts({});
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitJob('start', ['gone.service'], 'replace', 'api'), code('ERR_UNIT_NOT_FOUND', /Unit gone\.service not found/));
    await assert.rejects(p.admission.admitJob('stop', ['gone.service'], 'replace', 'api'), code('ERR_UNIT_NOT_FOUND'));
    withState(p.s.manager.table.ensure('gone.service'), 'active');
    assert.deepEqual(await p.admission.admitJob('stop', ['gone.service'], 'replace', 'api'), [{ unit: 'gone.service', type: 'stop' }]);
  });

  test('a masked unit is refused as masked', async (t) => {
    const p = await parts({ 'm.service': '->/dev/null' });
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitJob('start', ['m.service'], 'replace', 'api'), code('ERR_UNIT_MASKED', /m\.service is masked/));
  });

  test("RefuseManualStart= refuses a user's start but admits one a dependency asks for", async (t) => {
    const p = await parts({ 'dep-only.service': service('RefuseManualStart=yes') });
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitJob('restart', ['dep-only.service'], 'replace', 'api'), code('ERR_REFUSED', /may be requested by dependency only/));
    assert.deepEqual(await p.admission.admitJob('start', ['dep-only.service'], 'replace', 'dependency'), [{ unit: 'dep-only.service', type: 'start' }]);
  });

  test('RefuseManualStart= refuses every type that starts the unit, try-restart included, whatever its state', async (t) => {
    const p = await parts({ 'dep-only.service': service('RefuseManualStart=yes') });
    t.after(() => p.s.cleanup());
    for (const state of ['inactive', 'active'] as const) {
      withState(p.s.manager.table.ensure('dep-only.service'), state);
      for (const type of ['start', 'restart', 'try-restart', 'reload-or-restart'] as const) {
        await assert.rejects(p.admission.admitJob(type, ['dep-only.service'], 'replace', 'api'), code('ERR_REFUSED', /may be requested by dependency only/), `${type} of a unit that is ${state}`);
      }
    }
    assert.deepEqual(await p.admission.admitJob('stop', ['dep-only.service'], 'replace', 'api'), [{ unit: 'dep-only.service', type: 'stop' }]);
  });

  test('isolate is refused for a unit without AllowIsolate=, with a hint naming it', async (t) => {
    const p = await parts({ 'plain.target': '[Unit]\nDescription=x\n' });
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitJob('start', ['plain.target'], 'isolate', 'api'), (error: Error & { code?: string; hint?: string }) => {
      assert.equal(error.code, 'ERR_REFUSED');
      assert.equal(error.message, 'Operation refused, unit may not be isolated.');
      assert.match(error.hint ?? '', /plain\.target does not have AllowIsolate=yes/);
      return true;
    });
    assert.deepEqual(await p.admission.admitJob('start', ['poweroff.target'], 'isolate', 'api'), [{ unit: 'poweroff.target', type: 'start' }]);
  });

  test('reload-or-restart is a reload for a running unit that can reload, and a restart otherwise', async (t) => {
    const p = await parts({ 'r.service': service(), 'n.service': service() }, { 'n.service': { can_reload: false } });
    t.after(() => p.s.cleanup());
    await p.s.manager.table.loadClosure(['r.service', 'n.service']);
    const plan = async (): Promise<string[]> => (await p.admission.admitJob('reload-or-restart', ['r.service', 'n.service'], 'replace', 'api')).map((a) => `${a.unit}/${a.type}`);
    assert.deepEqual(await plan(), ['r.service/restart', 'n.service/restart']);
    withState(p.s.manager.table.ensure('r.service'), 'active');
    withState(p.s.manager.table.ensure('n.service'), 'active');
    assert.deepEqual(await plan(), ['r.service/reload', 'n.service/restart']);
    assert.equal(p.admission.canReload(p.s.manager.table.ensure('n.service')), false, "the worker's per-unit can_reload=false");
  });

  test("a worker's automatic restart that crossed a user's stop is refused, and its activation start is not", async (t) => {
    const p = await parts({ 'crash.service': service() });
    t.after(() => p.s.cleanup());
    p.stoppedByUser.add('crash.service');
    await assert.rejects(p.admission.admitJob('restart', ['crash.service'], 'replace', 'worker'), code('ERR_REFUSED'));
    assert.deepEqual((await p.admission.admitJob('start', ['crash.service'], 'replace', 'worker')).map((a) => a.type), ['start']);
    p.stoppedByUser.delete('crash.service');
    assert.deepEqual((await p.admission.admitJob('restart', ['crash.service'], 'replace', 'worker')).map((a) => a.type), ['restart']);
  });

  test('kill and reset-failed need a unit that exists (or, for reset-failed, one that failed)', async (t) => {
    const p = await parts({ 'a.service': service() });
    t.after(() => p.s.cleanup());
    await assert.rejects(p.admission.admitKill('gone.service'), code('ERR_UNIT_NOT_FOUND'));
    assert.equal((await p.admission.admitKill('a.service')).name, 'a.service');
    const gone = p.s.manager.table.ensure('gone.service');
    assert.throws(() => p.admission.admitResetFailed(gone), code('ERR_UNIT_NOT_FOUND'));
    p.admission.admitResetFailed(withState(gone, 'failed'));
  });
});

describe('start gate', () => {
  const flappy = { 'flap.service': service('StartLimitIntervalSec=1min\nStartLimitBurst=2\nStartLimitAction=reboot') };

  test('the start over the limit is refused: the unit is shown failed with start-limit-hit and StartLimitAction= runs', async (t) => {
    const p = await parts(flappy);
    t.after(() => p.s.cleanup());
    await p.s.manager.table.load('flap.service');
    assert.equal(p.gate.beforeStart('flap.service'), null);
    assert.equal(p.gate.beforeStart('flap.service'), null);
    assert.deepEqual(p.gate.beforeStart('flap.service'), { result: 'failed', message: "Start request repeated too quickly for flap.service; refusing to start. Run 'sctl reset-failed flap.service' to clear the limit." });
    assert.deepEqual(p.statuses, ['flap.service failed/start-limit-hit']);
    assert.deepEqual(p.actions, ['flap.service reboot']);
    assert.equal(p.gate.isHit('flap.service'), true);
  });

  test("a user's start over the limit is refused at enqueue, and the interval passing lifts it", async (t) => {
    const p = await parts(flappy);
    t.after(() => p.s.cleanup());
    await p.s.manager.table.load('flap.service');
    p.gate.beforeStart('flap.service');
    p.gate.beforeStart('flap.service');
    await assert.rejects(p.admission.admitJob('start', ['flap.service'], 'replace', 'api'), code('ERR_START_LIMIT', /repeated too quickly/));
    p.clock.usec += 61_000_000;
    assert.deepEqual(await p.admission.admitJob('start', ['flap.service'], 'replace', 'api'), [{ unit: 'flap.service', type: 'start' }]);
  });

  test('over the limit, every request that would start the unit is refused, and a try-restart of it, which starts nothing, is not', async (t) => {
    const p = await parts(flappy);
    t.after(() => p.s.cleanup());
    await p.s.manager.table.load('flap.service');
    p.gate.beforeStart('flap.service');
    p.gate.beforeStart('flap.service');
    for (const origin of ['api', 'worker'] as const) {
      for (const type of ['start', 'restart', 'reload-or-restart'] as const) {
        await assert.rejects(p.admission.admitJob(type, ['flap.service'], 'replace', origin), code('ERR_START_LIMIT'), `${origin} ${type}`);
      }
      assert.deepEqual(await p.admission.admitJob('try-restart', ['flap.service'], 'replace', origin), [{ unit: 'flap.service', type: 'try-restart' }]);
    }
  });

  test("while the limit holds, a worker's down report is shown as start-limit-hit; reset clears the core's own verdict", async (t) => {
    const p = await parts(flappy);
    t.after(() => p.s.cleanup());
    const record = await p.s.manager.table.load('flap.service');
    for (let i = 0; i < 3; i++) p.gate.beforeStart('flap.service');
    const shown = p.gate.shownStatus(record, { ...record.status, active_state: 'inactive', result: 'success' });
    assert.deepEqual([shown.active_state, shown.result], ['failed', 'start-limit-hit']);
    assert.equal(p.gate.reset(record), true);
    assert.equal(p.statuses.at(-1), 'flap.service inactive/success');
    assert.equal(p.gate.isHit('flap.service'), false);
    assert.equal(p.gate.reset(record), false, 'nothing of the core is left to clear');
  });

  test('a failed condition skips the start as done, a failed assert ends it with assert, and both are kept for status', async (t) => {
    const p = await parts({
      'cond.service': service('ConditionPathExists=/etc/missing'),
      'assert.service': service('ConditionPathExists=/etc/present\nAssertPathExists=/etc/missing'),
    });
    t.after(() => p.s.cleanup());
    await p.s.manager.table.loadClosure(['cond.service', 'assert.service']);
    assert.equal(p.gate.beforeStart('cond.service')?.result, 'done');
    assert.match(p.gate.beforeStart('cond.service')!.message, /^Condition check resulted in cond\.service being skipped: ConditionPathExists=\/etc\/missing/);
    assert.equal(p.gate.beforeStart('assert.service')?.result, 'assert');
    assert.deepEqual([p.gate.outcome('assert.service')?.conditions?.passed, p.gate.outcome('assert.service')?.asserts?.passed], [true, false]);
    assert.equal(p.gate.outcome('never.service'), undefined);
  });
});

const services = (calls: string[]): string[] => calls.filter((c) => c.endsWith('.service'));

describe('system sequences', () => {
  test('the boot starts default.target and is finished when no job is left; a boot after shutdown began starts nothing', async (t) => {
    const files = { 'default.target': '[Unit]\nWants=a.service\nAfter=a.service\n', 'a.service': service() };
    const booting = await fakeSystem(files);
    t.after(() => booting.cleanup());
    assert.equal(booting.manager.systemState(), 'initializing');
    await booting.manager.boot();
    assert.equal(booting.manager.systemState(), 'starting');
    await booting.settle();
    assert.equal(booting.manager.systemState(), 'running');
    assert.deepEqual(booting.calls, ['start sysinit.target', 'start a.service', 'start default.target']);

    const late = await fakeSystem(files);
    t.after(() => late.cleanup());
    late.manager.shutdown('poweroff', 'force');
    await late.manager.boot();
    await late.settle();
    assert.equal(late.manager.systemState(), 'stopping');
    assert.deepEqual(late.calls, []);
    assert.deepEqual(late.shutdowns, ['poweroff']);
  });

  test('a unit the user stopped is left out when the boot transaction is enqueued again', async (t) => {
    const files = { 'default.target': '[Unit]\nWants=a.service b.service\n', 'a.service': service(), 'b.service': service() };
    const s = await fakeSystem(files);
    t.after(() => s.cleanup());
    await s.run('stop', ['a.service']);
    // As if a previous core had enqueued the boot transaction and crashed before it completed.
    s.store.setBoot({ ...s.store.boot(), enqueued: true, completed: false });
    await s.manager.boot();
    await s.settle();
    assert.deepEqual(services(s.calls), ['start b.service']);
  });

  test('the list of units the user stopped is written only when a request changes it', async (t) => {
    const s = await fakeSystem({ 'a.service': service(), 'b.service': service() });
    t.after(() => s.cleanup());
    const writes: string[] = [];
    const write = s.store.setUserStopped.bind(s.store);
    s.store.setUserStopped = (units) => {
      writes.push([...units].join(',') || '-');
      write(units);
    };
    await s.run('start', ['a.service']);
    await s.run('stop', ['a.service']);
    await s.run('stop', ['a.service']);
    await s.run('restart', ['b.service']);
    await s.run('start', ['a.service', 'b.service']);
    await s.run('start', ['a.service']);
    assert.deepEqual(writes, ['a.service', '-']);
    assert.deepEqual([...s.store.userStopped()], []);
  });
});

describe('what the first look at a unit shows (issue 13)', () => {
  test('the first status of a unit whose worker rejects a setting is already bad-setting with the reason', async () => {
    const error = { file: '/x/bad.service', line: 5, section: 'Service', key: 'Type', message: 'Type=bogus is not supported' };
    const s = await fakeSystem({ 'bad.service': '[Service]\nType=bogus\nExecStart=/bin/true\n' }, { load: { 'bad.service': { errors: [error] } } });
    try {
      const view = await s.manager.refreshUnit('bad.service');
      assert.equal(view.loadState, 'bad-setting');
      assert.equal(view.loadErrors[0]?.key, 'Type');
    } finally { s.cleanup(); }
  });

  test('ExecCondition= (the worker\'s type_condition) is the unit\'s condition outcome when it ran after the [Unit] checks', () => {
    const base = { checked: true, timestamp_usec: 2000, failure: '' };
    const status = (passed: boolean, failure = ''): UnitStatus__Output => ({ type_condition: { ...base, passed, failure } } as UnitStatus__Output);
    const unitPassed = { passed: true, timestampUsec: 1000, failures: [] };
    assert.deepEqual(withTypeCondition(unitPassed, status(false, 'ExecCondition=/bin/false failed (exit status 1)')),
      { passed: false, timestampUsec: 2000, failures: ['ExecCondition=/bin/false failed (exit status 1)'] });
    assert.deepEqual(withTypeCondition(null, status(true)), { passed: true, timestampUsec: 2000, failures: [] });
    const laterUnitFailure = { passed: false, timestampUsec: 3000, failures: ['ConditionPathExists=/x was not met'] };
    assert.equal(withTypeCondition(laterUnitFailure, status(true)), laterUnitFailure, 'a later [Unit] check wins');
    assert.equal(withTypeCondition(unitPassed, { type_condition: null } as UnitStatus__Output), unitPassed, 'nothing checked by the worker');
  });
});

describe('clean (systemctl clean)', () => {
  const runtime = { runtime: true, state: false, cache: false, logs: false, configuration: false, fdstore: false };

  test('the core refuses to clean an active unit before asking any worker, and hands an inactive one to its worker', async () => {
    const s = await fakeSystem({ 'a.service': service(), 'b.service': service() });
    try {
      await s.run('start', ['a.service']);
      await assert.rejects(s.manager.clean(['b.service', 'a.service'], runtime), (e: Error & { code?: string }) => e.code === 'ERR_WRONG_STATE' && /a\.service/.test(e.message));
      assert.ok(!s.calls.some((c) => c.startsWith('clean')), 'nothing was cleaned, not even the inactive b.service');
      await s.manager.clean(['b.service'], runtime);
      assert.ok(s.calls.includes('clean b.service runtime'), s.calls.join('\n'));
      await assert.rejects(s.manager.clean(['nothing.service'], runtime), (e: Error & { code?: string }) => e.code === 'ERR_UNIT_NOT_FOUND');
    } finally { s.cleanup(); }
  });
});
