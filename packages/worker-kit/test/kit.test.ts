import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SysmasterError, type LoadRequest__Output } from '@sysmaster/proto';
import { DurableJsonFile, SectionReader, createLogger, defineStateMachine, readJsonFile, writeJsonAtomic } from '../src/index';

const quiet = createLogger('test', { silent: true });

test('a state machine follows its table and refuses a move the table lacks with ERR_WRONG_STATE', () => {
  const m = defineStateMachine<'off' | 'on', 'press' | 'unplug'>({ off: { press: 'on' }, on: { press: 'off', unplug: 'off' } }, { log: quiet });
  assert.equal(m.transition('off', 'press', 'test'), 'on');
  assert.equal(m.can('off', 'unplug'), false);
  assert.throws(() => m.transition('off', 'unplug', 'test', 'lamp'), (e: unknown) =>
    e instanceof SysmasterError && e.code === 'ERR_WRONG_STATE' && /lamp/.test(e.message) && /unplug/.test(e.message));
});

function request(entries: Array<[string, string, number]>): LoadRequest__Output {
  return {
    name: 'x.service', fragment_path: '/u/x.service', dropin_paths: [], specifiers: {}, unit_settings: {},
    sections: [{ name: 'Service', entries: entries.map(([key, value, line]) => ({ key, value, line, file: '/u/x.service' })) }],
  };
}

test('the last assignment of a single key wins and an empty value restores the default', () => {
  const r = new SectionReader(request([['A', '1', 1], ['A', '2', 2], ['B', '5', 3], ['B', '', 4]]), 'Service', ['A', 'B'], quiet);
  assert.equal(r.one('A', Number, 0), 2);
  assert.equal(r.one('B', Number, 7), 7);
});

test('list keys append and an empty value clears what came before', () => {
  const r = new SectionReader(request([['L', 'a', 1], ['L', '', 2], ['L', 'b', 3], ['L', 'c', 4]]), 'Service', ['L'], quiet);
  assert.deepEqual(r.many('L', (v) => v), ['b', 'c']);
});

test('a value the parser rejects becomes a ConfigError with file, line, section and key', () => {
  const r = new SectionReader(request([['N', 'abc', 9]]), 'Service', ['N'], quiet);
  const value = r.one('N', (v) => { if (!/^\d+$/.test(v)) throw new Error('not a number'); return Number(v); }, 3);
  assert.equal(value, 3);
  assert.equal(r.errors.length, 1);
  const e = r.errors[0]!;
  assert.deepEqual([e.file, e.line, e.section, e.key], ['/u/x.service', 9, 'Service', 'N']);
  assert.match(e.message, /not a number/);
  assert.deepEqual(e.toMessage().line, 9);
});

test('an unknown key is ignored with a warning, not an error', () => {
  const warnings: string[] = [];
  const log = createLogger('test', { silent: true });
  log.warn = ((message: string) => { warnings.push(message); return log; }) as typeof log.warn;
  const r = new SectionReader(request([['Bogus', '1', 5]]), 'Service', ['A'], log);
  assert.equal(r.errors.length, 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /x\.service:5.*Bogus/);
});

test('an atomic JSON write replaces the file whole and leaves no temporary file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kit-'));
  const file = path.join(dir, 'sub', 'state.json');
  writeJsonAtomic(file, { a: 1 });
  writeJsonAtomic(file, { a: 2 });
  assert.deepEqual(readJsonFile(file), { a: 2 });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['state.json']);
  assert.equal(readJsonFile(path.join(dir, 'missing.json')), undefined);
  fs.writeFileSync(path.join(dir, 'bad.json'), '{');
  assert.throws(() => readJsonFile(path.join(dir, 'bad.json')), (e: unknown) => e instanceof SysmasterError && /bad\.json/.test(e.message));
  fs.rmSync(dir, { recursive: true });
});

test('a durable file coalesces the changes of one turn of the event loop into one write', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kit-'));
  let n = 0;
  let snapshots = 0;
  const store = new DurableJsonFile(path.join(dir, 's.json'), () => { snapshots++; return { n }; });
  for (let i = 0; i < 100; i++) { n = i; store.markDirty(); }
  await new Promise((r) => setImmediate(r));
  assert.equal(snapshots, 1);
  assert.deepEqual(store.read(), { n: 99 });
  fs.rmSync(dir, { recursive: true });
});
