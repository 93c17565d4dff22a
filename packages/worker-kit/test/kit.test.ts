import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SysmasterError, type LoadRequest__Output } from '@sysmaster/proto';
import { DurableJsonRecords, SectionReader, createLogger, defineStateMachine, readJsonFile, writeJsonAtomic } from '../src/index';

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
    sections: [{ name: 'Service', file: '/u/x.service', line: 1, entries: entries.map(([key, value, line]) => ({ key, value, line, file: '/u/x.service' })) }],
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

test('an unknown key is ignored with a located warning, not an error', () => {
  const warnings: string[] = [];
  const log = createLogger('test', { silent: true });
  log.warn = ((message: string) => { warnings.push(message); return log; }) as typeof log.warn;
  const r = new SectionReader(request([['Bogus', '1', 5]]), 'Service', ['A'], log);
  assert.equal(r.errors.length, 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /x\.service:5.*Bogus/);
  assert.deepEqual(r.warnings.map((w) => [w.file, w.line, w.section, w.key]), [['/u/x.service', 5, 'Service', 'Bogus']]);
});

test('an unknown key assigned twice is one warning at its last assignment, worded by the type when it asks, and logged at each assignment', () => {
  const logged: string[] = [];
  const log = createLogger('test', { silent: true });
  log.warn = ((message: string) => { logged.push(message); return log; }) as typeof log.warn;
  const lines: Array<[string, string, number]> = [['Odd', 'no', 2], ['A', '1', 3], ['Bogus', '1', 4], ['Odd', 'yes', 5]];
  const plain = new SectionReader(request(lines), 'Service', ['A']);
  assert.deepEqual(plain.warnings.map((w) => [w.key, w.line, w.message]), [
    ['Bogus', 4, "unknown key 'Bogus' in section [Service], ignored"],
    ['Odd', 5, "unknown key 'Odd' in section [Service], ignored"],
  ]);
  const worded = new SectionReader(request(lines), 'Service', ['A'], log, (entry, section) => `[${section}] ${entry.key}=${entry.value} is not applied`);
  assert.deepEqual(worded.warnings.map((w) => w.message), ['[Service] Bogus=1 is not applied', '[Service] Odd=yes is not applied']);
  assert.deepEqual(logged, [
    "/u/x.service:2: unknown key 'Odd' in section [Service] of x.service, ignoring",
    "/u/x.service:4: unknown key 'Bogus' in section [Service] of x.service, ignoring",
    "/u/x.service:5: unknown key 'Odd' in section [Service] of x.service, ignoring",
  ], 'as systemd logs every assignment it ignores');
  assert.equal(worded.one('A', Number, 0), 1);
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

test('durable records coalesce one turn of changes and write only the records that changed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kit-'));
  const values = new Map<string, number>([['a.service', 0], ['b@x y.service', 0]]);
  const written: string[] = [];
  const store = new DurableJsonRecords(path.join(dir, 'recs'), (key) => { written.push(key); return values.has(key) ? { n: values.get(key) } : undefined; });
  for (let i = 0; i < 100; i++) { values.set('a.service', i); store.markDirty('a.service'); }
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(written, ['a.service'], 'one write for a hundred changes of one record, none for the untouched one');
  values.set('b@x y.service', 7);
  store.markDirty('b@x y.service');
  store.flush();
  assert.deepEqual([...store.readAll()].sort(), [['a.service', { n: 99 }], ['b@x y.service', { n: 7 }]]);
  values.delete('a.service');
  store.markDirty('a.service');
  store.flush();
  assert.deepEqual([...store.readAll().keys()], ['b@x y.service'], 'a record whose snapshot is undefined is deleted');
  fs.writeFileSync(path.join(dir, 'recs', '.c.service.json.99.tmp'), '{"torn');
  fs.writeFileSync(path.join(dir, 'recs', 'd.service.json'), '{"torn');
  const errors: unknown[] = [];
  const again = new DurableJsonRecords(path.join(dir, 'recs'), () => undefined, (e) => errors.push(e));
  assert.deepEqual([...again.readAll().keys()], ['b@x y.service'], 'temp files and unreadable records are skipped');
  assert.equal(errors.length, 1);
  assert.ok(!fs.existsSync(path.join(dir, 'recs', '.c.service.json.99.tmp')), 'a temp file of a cut-short write is removed');
  fs.rmSync(dir, { recursive: true });
});

test('a required key that is absent is an error at the section header, or at the fragment without the section', () => {
  const r = new SectionReader(request([['A', '1', 2]]), 'Service', ['A', 'Path']);
  assert.equal(r.required('Path', (v) => v), undefined);
  assert.equal(r.required('A', Number), 1);
  assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.key, e.message]), [['/u/x.service', 1, 'Path', '[Service] needs Path=']]);
  const none = new SectionReader({ ...request([]), sections: [] }, 'Flag', ['Path']);
  none.required('Path', (v) => v);
  assert.deepEqual(none.errors.map((e) => [e.file, e.line]), [['/u/x.service', 0]]);
});
