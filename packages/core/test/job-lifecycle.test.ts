// The job engine's state × event table (job/engine.ts JOB_TABLE): its shape checked as data over
// every state, then the moves the scenario tests of job-engine.test.ts do not reach — a start
// that finds its unit still stopping, a reload, verify-active, a rejection that arrives late —
// and the `FROM -> TO` log every move writes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import winston from 'winston';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { JobEngine } from '../src/job/engine';
import { JOB_STATE_VIEW, JOB_TABLE, type JobEvent, type JobLifeState } from '../src/job/job-table';
import type { UnitDriver } from '../src/job/types';
import { silentLogger, type Logger } from '../src/log';
import { inactiveStatus } from '../src/units/unit-table';
import type { JobView } from '../src/manager-core';
import { fakeWorld, type FakeUnitSpec } from './fakes';

const STATES = Object.keys(JOB_TABLE) as JobLifeState[];
const ENDINGS: JobEvent[] = ['cancel', 'replaced', 'timeout', 'dependency'];

function capturingLogger(): { log: Logger; lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const entry = JSON.parse(chunk.toString()) as { level: string; message: string };
      lines.push({ level: entry.level, message: entry.message });
      done();
    },
  });
  return { log: winston.createLogger({ level: 'debug', format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] }), lines };
}

/** An engine over `specs` with a driver of the test's own; `report` feeds the engine a unit state. */
function engineWith(specs: Record<string, FakeUnitSpec>, driver: (report: (unit: string, state: UnitStatus__Output['active_state'], result?: string) => void) => Partial<UnitDriver>) {
  const world = fakeWorld(specs);
  const calls: string[] = [];
  const report = (unit: string, state: UnitStatus__Output['active_state'], result = 'success'): void => {
    world.states.set(unit, state);
    engine.onStatus({ ...inactiveStatus(unit), active_state: state, result });
  };
  const own = driver(report);
  const refuse = (what: string) => async (unit: string): Promise<void> => {
    calls.push(`${what} ${unit}`);
    throw new Error(`unexpected ${what}`);
  };
  let id = 1;
  const engine: JobEngine = new JobEngine({
    graph: world.graph, log: silentLogger(), nextId: () => id++,
    driver: {
      start: async (unit) => { calls.push(`start ${unit}`); await (own.start ?? refuse('start'))(unit); },
      stop: async (unit, options) => { calls.push(`stop ${unit}`); await (own.stop ?? refuse('stop'))(unit, options); },
      reload: async (unit) => { calls.push(`reload ${unit}`); await (own.reload ?? refuse('reload'))(unit); },
    },
  });
  const events: JobView[] = [];
  engine.events.on('job', (j) => events.push(j));
  return { engine, world, calls, report, events };
}

describe('the job table', () => {
  test('every live state accepts every ending and done accepts nothing', () => {
    for (const state of STATES) {
      for (const event of ENDINGS) {
        assert.equal(JOB_TABLE[state][event] !== undefined, state !== 'done', `${state} × ${event}`);
      }
    }
    assert.deepEqual(Object.keys(JOB_TABLE.done), []);
  });

  test('only running states take begin, unit states and rejections, and only waiting states take run', () => {
    for (const state of STATES) {
      const view = JOB_STATE_VIEW[state];
      assert.equal(JOB_TABLE[state].run !== undefined, view === 'waiting', `${state} × run`);
      assert.equal(JOB_TABLE[state].rejected !== undefined, view === 'running', `${state} × rejected`);
      if (view !== 'running') {
        for (const event of ['begin', 'inactive', 'active', 'activating', 'failed'] as const) assert.equal(JOB_TABLE[state][event], undefined, `${state} × ${event}`);
      }
    }
  });
});

describe('job moves', () => {
  test('a start on a unit that is still deactivating goes back to waiting and calls Start once the unit is down', () => {
    const t = engineWith({ 'a.service': {} }, (report) => ({ start: async (unit) => report(unit, 'active') }));
    t.world.states.set('a.service', 'deactivating');
    const [job] = t.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace');
    assert.equal(job!.state, 'waiting');
    assert.deepEqual(t.events.map((e) => e.state), ['waiting', 'running']);
    assert.deepEqual(t.calls, []);
    t.report('a.service', 'inactive');
    assert.deepEqual(t.calls, ['start a.service']);
    assert.equal(t.engine.job(job!.id)!.result, 'done');
  });

  test('a start on an activating unit takes the outcome of the run under way without calling Start', () => {
    const t = engineWith({ 'a.service': {} }, () => ({}));
    t.world.states.set('a.service', 'activating');
    const [job] = t.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace');
    t.report('a.service', 'inactive', 'exit-code');
    assert.equal(t.engine.job(job!.id)!.result, 'failed');
    assert.deepEqual(t.calls, []);
  });

  test('a reload is done once the unit went reloading and came back active, and fails on a unit that is not active', () => {
    const t = engineWith({ 'up.service': { active: true }, 'down.service': {} }, (report) => ({
      reload: async (unit) => {
        report(unit, 'active');
        report(unit, 'reloading');
        report(unit, 'active');
      },
    }));
    const [up] = t.engine.enqueue([{ unit: 'up.service', type: 'reload' }], 'replace');
    assert.equal(t.engine.job(up!.id)!.result, 'done');
    const [down] = t.engine.enqueue([{ unit: 'down.service', type: 'reload' }], 'replace');
    assert.deepEqual(t.engine.job(down!.id), { ...down!, state: 'done', result: 'failed', message: 'Unit down.service cannot be reloaded because it is not active.' });
    assert.deepEqual(t.calls, ['reload up.service']);
  });

  test('verify-active reports running, then done on an active unit and failed on an inactive one', () => {
    const t = engineWith({ 'up.service': { active: true }, 'down.service': {} }, () => ({}));
    const [up, down] = t.engine.enqueue([{ unit: 'up.service', type: 'verify-active' }, { unit: 'down.service', type: 'verify-active' }], 'replace');
    assert.deepEqual([up!.result, down!.result], ['done', 'failed']);
    assert.deepEqual(t.events.filter((e) => e.unit === 'up.service').map((e) => e.state), ['waiting', 'running', 'done']);
  });

  test('a rejection that arrives after the job has moved on to its start half is ignored', async () => {
    const t = engineWith({ 'a.service': { active: true } }, (report) => ({
      stop: async (unit) => {
        report(unit, 'inactive');
        throw new Error('the stop reply was lost');
      },
      start: async (unit) => report(unit, 'activating'),
    }));
    const [job] = t.engine.enqueue([{ unit: 'a.service', type: 'restart' }], 'replace');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(t.engine.job(job!.id)!.state, 'running');
    t.report('a.service', 'active');
    assert.equal(t.engine.job(job!.id)!.result, 'done');
    assert.deepEqual(t.calls, ['stop a.service', 'start a.service']);
  });

  test('a unit state that does not concern the job leaves it as it is', () => {
    const t = engineWith({ 'a.service': { active: true } }, () => ({ stop: async () => undefined }));
    const [job] = t.engine.enqueue([{ unit: 'a.service', type: 'stop' }], 'replace');
    t.report('a.service', 'activating');
    t.report('a.service', 'active');
    assert.equal(t.engine.job(job!.id)!.state, 'running');
    t.report('a.service', 'failed');
    assert.equal(t.engine.job(job!.id)!.result, 'done');
  });

  test('every move is logged as FROM -> TO, and the end names the result', async () => {
    const { log, lines } = capturingLogger();
    const w = fakeWorld({ 'a.service': {} }, { log });
    const [job] = w.engine.enqueue([{ unit: 'a.service', type: 'start' }], 'replace');
    await w.engine.waitJobs([job!.id]);
    const moves = lines.map((l) => l.message).filter((m) => m.includes('->'));
    assert.deepEqual(moves, [
      `job ${job!.id} a.service/start waiting -> starting`,
      `job ${job!.id} a.service/start starting -> activating`,
      `job ${job!.id} a.service/start activating -> done: done`,
    ]);
  });
});
