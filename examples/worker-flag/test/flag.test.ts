// The tutorial's worker: its behaviour with a recording host (no core), the conformance kit run
// against it from its registration, and the README showing exactly the code that ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadRequest__Output, UnitStatus } from '@sysmaster/proto';
import { createLogger, createRecordingHost, type WorkerHost } from '@sysmaster/worker-kit';
import { verifyWorker } from '@sysmaster/worker-conformance';
import { FlagUnits } from '../src/flag';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-flag-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const ROOT = path.resolve(__dirname, '..');

function setup(stateDir = fs.mkdtempSync(path.join(dir, 'state-'))) {
  const events: UnitStatus[] = [];
  const core = createRecordingHost();
  const host: WorkerHost = { log: createLogger('test', { silent: true }), emit: (s) => events.push(s), core };
  return { units: new FlagUnits(host, stateDir), events, core, stateDir };
}

function request(name: string, lines: string[]): LoadRequest__Output {
  const file = path.join(dir, name);
  return {
    name, fragment_path: file, dropin_paths: [], specifiers: {}, unit_settings: {},
    sections: [{ name: 'Flag', file, line: 1, entries: lines.map((l, i) => ({ key: l.split('=')[0]!, value: l.slice(l.indexOf('=') + 1), file, line: i + 2 })) }],
  };
}

async function until(ok: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 3000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a flag without Path= or with a relative one does not load, and an unknown key is a warning at its line', () => {
  const { units } = setup();
  assert.deepEqual(units.load(request('a.flag', [])).errors?.map((e) => [e.line, e.key]), [[1, 'Path']]);
  const reply = units.load(request('b.flag', ['Path=relative/file', 'Colour=red']));
  assert.deepEqual(reply.errors?.map((e) => [e.line, e.key]), [[2, 'Path']]);
  assert.deepEqual(reply.warnings?.map((e) => [e.line, e.key]), [[3, 'Colour']]);
});

test('a started flag creates its file and is active; stopped, it removes the file and is inactive', async () => {
  const { units, events } = setup();
  const file = path.join(dir, 'up');
  units.load(request('up.flag', [`Path=${file}`]));
  units.start('up.flag');
  assert.equal(events[0]?.active_state, 'activating');
  await until(() => units.status('up.flag').active_state === 'active', 'active');
  assert.ok(fs.existsSync(file));
  units.stop('up.flag');
  assert.deepEqual([units.status('up.flag').active_state, fs.existsSync(file)], ['inactive', false]);
});

test('with Create=no a flag waits in activating until someone else creates the file', async () => {
  const { units } = setup();
  const file = path.join(dir, 'later');
  units.load(request('later.flag', [`Path=${file}`, 'Create=no']));
  units.start('later.flag');
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(units.status('later.flag').sub_state, 'waiting');
  fs.writeFileSync(file, '');
  await until(() => units.status('later.flag').sub_state === 'up', 'up');
  units.stop('later.flag');
  assert.ok(fs.existsSync(file), 'a file the flag did not create is left alone');
});

test('a vanished file fails the flag spontaneously, and with Restart=yes the core is asked for a restart job', async () => {
  const { units, events, core } = setup();
  const file = path.join(dir, 'gone');
  units.load(request('gone.flag', [`Path=${file}`, 'Restart=yes']));
  units.start('gone.flag');
  await until(() => units.status('gone.flag').active_state === 'active', 'active');
  fs.rmSync(file);
  await until(() => core.jobs.length > 0, 'a job');
  assert.deepEqual(core.jobs, ['gone.flag restart replace']);
  const failed = events.at(-1)!;
  assert.deepEqual([failed.active_state, failed.result, failed.spontaneous], ['failed', 'vanished', true]);
});

test('a new worker on the same state folder reports the flags as the old one left them', async () => {
  const first = setup();
  const file = path.join(dir, 'kept');
  first.units.load(request('kept.flag', [`Path=${file}`]));
  first.units.start('kept.flag');
  await until(() => first.units.status('kept.flag').active_state === 'active', 'active');
  first.units.shutdown();
  const second = setup(first.stateDir);
  assert.deepEqual(second.units.list().map((s) => [s.name, s.active_state]), [['kept.flag', 'active']]);
});

test('the flag worker, started from its registration, passes every check of the conformance kit', async () => {
  const unit = path.join(dir, 'sm-verify-maintenance.flag');
  fs.writeFileSync(unit, `[Unit]\nDescription=A flag for the conformance kit\n\n[Flag]\nPath=${path.join(dir, 'maintenance')}\nCreate=yes\n`);
  const report = await verifyWorker({ registration: path.join(ROOT, 'flag.conf'), unitFiles: [unit] });
  assert.deepEqual(report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.reason}`), []);
  assert.equal(fs.existsSync(path.join(dir, 'maintenance')), false, 'the kit stopped the flag, which removed its file');
});

test('the README tutorial shows exactly the code of src/flag.ts, in under 100 lines', () => {
  const readme = fs.readFileSync(path.resolve(ROOT, '../../packages/worker-kit/README.md'), 'utf8');
  const block = /<!-- flag\.ts -->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const source = fs.readFileSync(path.join(ROOT, 'src/flag.ts'), 'utf8');
  assert.equal(block, source);
  assert.ok(source.split('\n').length - 1 < 100);
});
