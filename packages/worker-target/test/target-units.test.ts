import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, SysmasterError, type UnitStatus } from '@sysmaster/proto';
import { createLogger, createRecordingHost, runWorker, type WorkerHost } from '@sysmaster/worker-kit';
import { TargetUnits } from '../src/target-units';
import { TARGET_WORKER } from '../src/start';

const quiet = createLogger('test', { silent: true });
const tempDirs: string[] = [];
process.on('exit', () => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

function setup(): { units: TargetUnits; events: UnitStatus[]; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'target-'));
  tempDirs.push(dir);
  const events: UnitStatus[] = [];
  const host: WorkerHost = { log: quiet, emit: (s) => events.push(s), core: createRecordingHost() };
  const file = path.join(dir, 'worker-target');
  let t = 1000;
  return { units: new TargetUnits({ host, stateDir: file, clock: () => t++ }), events, file };
}

const load = (name: string) => ({ name, fragment_path: '', dropin_paths: [], sections: [], specifiers: {}, unit_settings: {} });

test('a started target is active at once and a stopped one is inactive/dead', () => {
  const { units, events } = setup();
  units.load(load('multi-user.target'));
  units.start('multi-user.target');
  assert.equal(events.at(-1)?.active_state, 'active');
  assert.equal(events.at(-1)?.sub_state, 'active');
  units.stop('multi-user.target');
  assert.equal(events.at(-1)?.active_state, 'inactive');
  assert.equal(events.at(-1)?.sub_state, 'dead');
  assert.ok((events.at(-1)?.inactive_enter_usec ?? 0) > (events.at(-1)?.active_enter_usec ?? 0));
});

test('Load returns systemd.target(5)\'s default dependencies on shutdown.target, except for shutdown.target itself', () => {
  const { units } = setup();
  const response = units.load(load('multi-user.target'));
  assert.deepEqual(response.default_dependencies, [{ kind: 'Conflicts', unit: 'shutdown.target' }, { kind: 'Before', unit: 'shutdown.target' }]);
  assert.deepEqual(response.dependencies, []);
  assert.equal(response.can_reload, false);
  assert.deepEqual(units.load(load('shutdown.target')).default_dependencies, []);
});

test('a target with a section of its own loads with one warning per key, at its line', () => {
  const { units } = setup();
  const response = units.load({ ...load('x.target'), sections: [{ name: 'Service', file: '/etc/x.target', line: 3, entries: [{ key: 'ExecStart', value: '/bin/x', file: '/etc/x.target', line: 4 }] }] });
  assert.deepEqual(response.errors, []);
  assert.deepEqual(response.warnings, [{ file: '/etc/x.target', line: 4, section: 'Service', key: 'ExecStart', message: "targets have no section [Service]; 'ExecStart' ignored" }]);
});

test('an unknown target answers ERR_UNIT_NOT_FOUND', () => {
  const { units } = setup();
  assert.throws(() => units.start('nope.target'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIT_NOT_FOUND');
});

test('an active target cannot be unloaded', () => {
  const { units } = setup();
  units.load(load('a.target'));
  units.start('a.target');
  assert.throws(() => units.unload('a.target'), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_WRONG_STATE');
});

test('a new worker reads the saved state and reports the same targets active', () => {
  const { units, file } = setup();
  units.load(load('a.target'));
  units.start('a.target');
  units.shutdown();
  const again = new TargetUnits({ host: { log: quiet, emit: () => undefined, core: createRecordingHost() }, stateDir: file });
  assert.equal(again.status('a.target').active_state, 'active');
});

test('the served worker describes itself, streams a snapshot and answers Kill with UNIMPLEMENTED', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'target-rpc-'));
  process.env.SYSMASTER_RUNTIME_DIR = dir;
  const running = await runWorker(TARGET_WORKER, { socketPath: path.join(dir, 'target.sock'), ownProcess: false, log: quiet });
  const client = connect('UnitWorker', running.socketPath);
  try {
    const d = await client.Describe({});
    assert.equal(d.type, 'target');
    assert.deepEqual(d.sections, []);
    assert.equal(d.capabilities?.can_kill, false);
    assert.equal(d.capabilities?.has_logs, false);
    assert.deepEqual(d.dependency_rules, { order_after_wanted: true, expand_in_tree: true });
    await client.Load(load('basic.target'));
    const stream = client.Watch({});
    const seen: UnitStatus[] = [];
    const got = new Promise<void>((resolve) => stream.on('data', (s: UnitStatus) => { seen.push(s); if (seen.length === 2) resolve(); }));
    stream.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 50));
    await client.Start({ name: 'basic.target' });
    await got;
    assert.equal(seen[0]?.sub_state, 'dead');
    assert.equal(seen[1]?.sub_state, 'active');
    stream.cancel();
    await assert.rejects(client.Kill({ name: 'basic.target', signal: 15, whom: 'all' }), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIMPLEMENTED');
    await assert.rejects(client.Reload({ name: 'basic.target' }), (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_UNIMPLEMENTED');
    // worker-kit checks every name a request carries (issue 15: a NUL or a megabyte reached the state files).
    const badName = (e: unknown): boolean => e instanceof SysmasterError && e.code === 'ERR_BAD_UNIT_NAME' && e.message.length < 300;
    await assert.rejects(client.Load(load('bad\0name.target')), badName);
    await assert.rejects(client.Load(load(`${'a'.repeat(60 * 1024)}.target`)), badName);
    // A name past the contract's string bound (limits.ts) is refused before worker-kit sees it.
    await assert.rejects(client.Load(load(`${'a'.repeat(1024 * 1024)}.target`)), (e: unknown) => e instanceof SysmasterError
      && e.code === 'ERR_INVALID_ARGUMENT' && /field name has 1048583 characters; the limit is 1048576/.test(e.message));
    await assert.rejects(client.Start({ name: `${'x'.repeat(300)}.target` }), badName);
    assert.equal((await client.Status({ name: 'basic.target' })).sub_state, 'active', 'and the worker goes on');
  } finally {
    client.close();
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
