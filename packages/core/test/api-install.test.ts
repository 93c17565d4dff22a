// The unit-file, dependency and log RPCs of the Manager service over the fake engine and a temp
// unit tree.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connect, runtimePaths } from '@sysmaster/proto';
import type { Client } from '@sysmaster/proto';
import { serveApiWith } from '../src/api/server';
import type { ApiServer } from '../src/api/server';
import { FakeCore, fakeSystem, quietLog, rejects, tempRuntime, unit } from '../src/testing/fake-core';

const env = tempRuntime('sm-api-install-');
const lib = env.install.searchPath[2]!;
const etc = env.install.configDir;
const core = new FakeCore();
core.autoFinish = true;
let api: ApiServer;
let manager: Client<'Manager'>;

before(async () => {
  fs.writeFileSync(path.join(lib, 'web.service'), '[Service]\nExecStart=/bin/web\n[Install]\nWantedBy=multi-user.target\n');
  fs.mkdirSync(path.join(lib, 'web.service.d'));
  fs.writeFileSync(path.join(lib, 'web.service.d', 'override.conf'), '[Service]\nNice=5\n');
  fs.writeFileSync(path.join(lib, 'multi-user.target'), '[Unit]\nDescription=Multi-User\n');
  fs.writeFileSync(path.join(lib, 'graphical.target'), '[Unit]\n');
  fs.writeFileSync(path.join(lib, 'static.service'), '[Service]\nExecStart=/bin/true\n');
  core.add(
    unit('web.service', { fragmentPath: path.join(lib, 'web.service'), unitFileState: '', needDaemonReload: true,
      conditions: { passed: false, timestampUsec: 1_700_000_000_000_000, failures: ['ConditionPathExists=/nope was not met'] } }),
    unit('multi-user.target', { dependencies: { Wants: ['web.service', 'basic.target'], After: ['basic.target'] } }, { active_state: 'active', sub_state: 'active' }),
    unit('basic.target', { dependencies: { Requires: ['sysinit.target'], RequiredBy: ['multi-user.target'], WantedBy: [] } }, { active_state: 'active' }),
    unit('sysinit.target', { dependencies: { Wants: ['multi-user.target', 'loop.service'] } }, { active_state: 'failed' }),
    unit('loop.service', { dependencies: { Requires: ['never-expanded.service'] } }),
  );
  api = await serveApiWith(core, { log: quietLog, hostHandlers: { enqueueJob: async () => 1, reportEvent: () => undefined, watchUnits: () => () => undefined, watchJobQueue: () => () => undefined } }, fakeSystem(env.cgroupRoot));
  manager = connect('Manager', runtimePaths().privateSocket);
});

after(async () => {
  manager.close();
  await api.close();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

describe('unit-file RPCs', () => {
  test('EnableUnitFiles creates the links, reloads the engine and reports each change', async () => {
    const reloads = core.reloads;
    const reply = await manager.EnableUnitFiles({ names: ['web'] });
    const link = path.join(etc, 'multi-user.target.wants', 'web.service');
    assert.deepEqual(reply.changes, [{ type: 'symlink', path: link, source: path.join(lib, 'web.service') }]);
    assert.deepEqual(reply.jobs, []);
    assert.equal(core.reloads, reloads + 1);
    assert.deepEqual((await manager.GetUnitFileState({ names: ['web', 'static.service', 'ghost'] })).states,
      [{ name: 'web.service', state: 'enabled' }, { name: 'static.service', state: 'static' }, { name: 'ghost.service', state: 'not-found' }]);
  });

  test('with now, disable stops the units through the engine and answers with the jobs', async () => {
    const reply = await manager.DisableUnitFiles({ names: ['web.service'], now: true });
    assert.equal(reply.changes[0]!.type, 'unlink');
    assert.equal(core.calls.at(-1), 'enqueue stop web.service replace');
    assert.equal(reply.jobs.length, 1);
    const again = await manager.DisableUnitFiles({ names: ['web.service'] });
    assert.deepEqual(again.changes, []);
  });

  test('a unit without [Install] settings comes back with a warning, not an error', async () => {
    const reply = await manager.EnableUnitFiles({ names: ['static'] });
    assert.deepEqual(reply.changes, []);
    assert.match(reply.warnings[0]!, /no installation config/);
  });

  test('mask, unmask and the refusals name the unit', async () => {
    const masked = await manager.MaskUnitFiles({ names: ['web'] });
    assert.deepEqual(masked.changes.map((c) => c.source), ['/dev/null']);
    await rejects(manager.EnableUnitFiles({ names: ['web'] }), 'ERR_UNIT_MASKED', /web\.service is masked/);
    await manager.UnmaskUnitFiles({ names: ['web'] });
    await rejects(manager.EnableUnitFiles({ names: ['nope'] }), 'ERR_UNIT_NOT_FOUND', /Unit file nope\.service does not exist/);
    await rejects(manager.EnableUnitFiles({ names: [] }), 'ERR_INVALID_ARGUMENT', /No unit name given/);
    await rejects(manager.UnmaskUnitFiles({ names: ['web'], now: true }), 'ERR_INVALID_ARGUMENT', /unmask takes no --now/);
  });

  test('SetDefaultTarget and GetDefaultTarget go through default.target in /etc', async () => {
    await rejects(manager.GetDefaultTarget({}), 'ERR_UNIT_NOT_FOUND', /No default target/);
    const reply = await manager.SetDefaultTarget({ name: 'graphical.target' });
    assert.equal(reply.changes[0]!.path, path.join(etc, 'default.target'));
    assert.deepEqual(await manager.GetDefaultTarget({}), { name: 'graphical.target' });
  });

  test('ListUnitFiles lists the tree with states and presets, filtered', async () => {
    const { files } = await manager.ListUnitFiles({ types: ['service'] });
    assert.deepEqual(files.map((f) => [path.basename(f.path), f.state, f.preset]), [['static.service', 'static', ''], ['web.service', 'disabled', 'enabled']]);
    assert.deepEqual((await manager.ListUnitFiles({ states: ['static'], patterns: ['m*'] })).files.map((f) => path.basename(f.path)), ['multi-user.target']);
  });

  test('PresetUnitFiles and PresetAllUnitFiles follow the preset files', async () => {
    fs.mkdirSync(env.install.presetDirs[0]!, { recursive: true });
    fs.writeFileSync(path.join(env.install.presetDirs[0]!, '50-test.preset'), 'disable web.service\n');
    await manager.EnableUnitFiles({ names: ['web'] });
    const reply = await manager.PresetUnitFiles({ names: ['web'] });
    assert.equal(reply.changes[0]!.type, 'unlink');
    fs.rmSync(path.join(env.install.presetDirs[0]!, '50-test.preset'));
    const all = await manager.PresetAllUnitFiles({});
    assert.equal(all.changes[0]!.path, path.join(etc, 'multi-user.target.wants', 'web.service'));
  });

  test('CatUnit answers the fragment and drop-ins with their text; unknown units are NOT_FOUND', async () => {
    const reply = await manager.CatUnit({ name: 'web' });
    assert.deepEqual(reply.files.map((f) => f.path), [path.join(lib, 'web.service'), path.join(lib, 'web.service.d', 'override.conf')]);
    assert.equal(reply.files[1]!.text, '[Service]\nNice=5\n');
    assert.equal(reply.need_daemon_reload, true);
    await rejects(manager.CatUnit({ name: 'ghost' }), 'ERR_UNIT_NOT_FOUND', /^No files found for ghost\.service\.$/);
  });

  test('GetUnit maps conditions and need-daemon-reload, and fills enablement and preset from the files', async () => {
    const info = await manager.GetUnit({ name: 'web', log_lines: 0 });
    assert.deepEqual(info.conditions, { checked: true, passed: false, timestamp_usec: 1_700_000_000_000_000, failures: ['ConditionPathExists=/nope was not met'] });
    assert.deepEqual(info.asserts, { checked: false, passed: false, timestamp_usec: 0, failures: [] });
    assert.equal(info.need_daemon_reload, true);
    assert.equal(info.unit_file_state, 'enabled');
    assert.equal(info.properties.UnitFilePreset, 'enabled');
  });
});

describe('GetDependencies', () => {
  test('walks requirements from the unit, expanding the start and targets only', async () => {
    const reply = await manager.GetDependencies({ name: 'multi-user.target' });
    assert.equal(reply.root, 'multi-user.target');
    const byName = new Map(reply.nodes.map((n) => [n.name, n]));
    assert.deepEqual(reply.nodes.map((n) => n.name), ['multi-user.target', 'web.service', 'basic.target', 'sysinit.target', 'loop.service']);
    assert.deepEqual(byName.get('loop.service')!.dependencies, [], 'a service is not expanded without all');
    assert.equal(byName.get('sysinit.target')!.active_state, 'failed');
    const all = await manager.GetDependencies({ name: 'multi-user.target', all: true });
    assert.ok(all.nodes.some((n) => n.name === 'never-expanded.service'));
  });

  test('reverse and after follow the mirrored keys; a bad direction is refused', async () => {
    const reverse = await manager.GetDependencies({ name: 'basic.target', direction: 'reverse' });
    assert.deepEqual(reverse.nodes[0]!.dependencies, ['multi-user.target']);
    const after = await manager.GetDependencies({ name: 'multi-user.target', direction: 'after' });
    assert.deepEqual(after.nodes[0]!.dependencies, ['basic.target']);
    await rejects(manager.GetDependencies({ name: 'basic.target', direction: 'sideways' }), 'ERR_INVALID_ARGUMENT', /direction "sideways"/);
    await rejects(manager.GetDependencies({ name: 'ghost.target' }), 'ERR_UNIT_NOT_FOUND', /ghost\.target/);
  });
});

