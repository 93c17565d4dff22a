import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DescribeResponse__Output, LoadRequest, LoadResponse__Output } from '@sysmaster/proto';
import { UnitTable, type WorkerLoadPort } from '../src/units/unit-table';
import { silentLogger } from '../src/log';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-units-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text.startsWith('->')) fs.symlinkSync(text.slice(2), file);
    else fs.writeFileSync(file, text);
  }
  return dir;
}

function describeOf(type: string): DescribeResponse__Output | null {
  if (type !== 'service' && type !== 'target') return null;
  return {
    type, sections: type === 'service' ? ['Service'] : [], version: 'fake', pid: 1, contract_version: 1, image_started_usec: 0, reexecs: 0,
    dependency_rules: { order_after_wanted: type === 'target', expand_in_tree: type === 'target' },
    capabilities: { can_reload: false, can_kill: false, can_reexec: false, once_only: false, has_processes: false, has_logs: false },
  };
}

/**
 * A service worker that owns [Service] and rejects Type=bogus like the real one would; `extra`
 * adds to (or replaces parts of) its Load answer, by unit.
 */
function fakeWorkers(loads: LoadRequest[] = [], extra: Record<string, Partial<LoadResponse__Output>> = {}): WorkerLoadPort {
  return {
    describe: describeOf,
    worker: async (type) => (type === 'service' || type === 'target' ? { sections: type === 'service' ? ['Service'] : [] } : { error: `no worker is registered for unit type "${type}"` }),
    load: async (_type, request): Promise<LoadResponse__Output> => {
      loads.push(request);
      const errors = [];
      for (const s of request.sections ?? []) for (const e of s.entries ?? []) {
        if (e.key === 'Type' && e.value === 'bogus') errors.push({ file: e.file ?? '', line: e.line ?? 0, section: 'Service', key: 'Type', message: 'Type=bogus is not supported' });
      }
      return {
        errors, warnings: [], default_dependencies: [], can_reload: false, dependencies: [{ kind: 'After', unit: 'implied.target' }], properties: { Type: 'simple' },
        ...extra[request.name ?? ''],
      };
    },
  };
}

function table(dir: string, workers = fakeWorkers()): UnitTable {
  return new UnitTable({ searchPath: [dir], workers, log: silentLogger() });
}

test('a unit with sections for its worker loads and its [Unit] dependencies and implied ones are mirrored', async (t) => {
  const loads: LoadRequest[] = [];
  const dir = tree({
    'app.service': '[Unit]\nDescription=App\nRequires=db.service\nAfter=db.service\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n',
    'multi-user.target.wants/app.service': '->../app.service',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const units = table(dir, fakeWorkers(loads));
  const app = await units.load('app.service');
  assert.equal(app.loadState, 'loaded');
  assert.equal(app.def.description, 'App');
  assert.deepEqual(app.def.install.wantedBy, ['multi-user.target']);
  assert.deepEqual(units.deps.get('db.service', 'RequiredBy'), ['app.service']);
  assert.deepEqual(units.deps.get('db.service', 'Before'), ['app.service']);
  assert.ok(units.deps.get('app.service', 'After').includes('implied.target'));
  assert.equal(loads[0]!.sections![0]!.name, 'Service');
  assert.equal(loads[0]!.sections![0]!.entries![0]!.line, 6);
  assert.equal(loads[0]!.sections![0]!.line, 5, 'the section carries its header line, for a missing key');
  assert.equal(loads[0]!.sections![0]!.file, path.join(dir, 'app.service'));
  assert.equal(loads[0]!.unit_settings!.Description, 'App');
  const target = await units.load('multi-user.target');
  assert.equal(target.loadState, 'not-found');
});

test('a target is ordered after the units it wants (DefaultDependencies) and default.target follows its alias link', async (t) => {
  const dir = tree({
    'multi-user.target': '[Unit]\nDescription=Multi-User\nWants=app.service\n',
    'default.target': '->multi-user.target',
    'app.service': '[Service]\nExecStart=/bin/true\n',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const units = table(dir);
  await units.loadClosure(['default.target']);
  assert.equal(units.ensure('default.target').name, 'multi-user.target');
  assert.ok(units.deps.get('multi-user.target', 'After').includes('app.service'));
});

test('a bad value from the worker makes the unit bad-setting with file, line and key in the message', async (t) => {
  const dir = tree({ 'bad.service': '[Unit]\nDescription=Bad\n\n[Service]\nType=bogus\n' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bad = await table(dir).load('bad.service');
  assert.equal(bad.loadState, 'bad-setting');
  assert.match(bad.loadMessage, new RegExp(`${path.join(dir, 'bad.service')}:5: Type: Type=bogus is not supported`));
  assert.equal(bad.loadErrors[0]!.key, 'Type');
});

test('a malformed [Unit] value makes the unit bad-setting naming the key and an unknown [Unit] key is only a warning', async (t) => {
  const dir = tree({ 'm.service': '[Unit]\nFrobnicate=1\nDefaultDependencies=maybe\nRequires=not a/unit\n[Service]\nExecStart=/bin/true\n' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const m = await table(dir).load('m.service');
  assert.equal(m.loadState, 'bad-setting');
  assert.deepEqual(m.loadErrors.map((e) => `${e.line}:${e.key}`), ['3:DefaultDependencies', '4:Requires']);
  assert.match(m.loadMessage, /m\.service:3: DefaultDependencies:/);
  assert.ok(m.def.warnings.some((w) => w.includes('Frobnicate')));
});

test('a missing unit is not-found, a /dev/null link is masked, and a type without a worker is error', async (t) => {
  const dir = tree({ 'off.service': '->/dev/null', 'x.timer': '[Timer]\nOnBootSec=1\n' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const units = table(dir);
  assert.equal((await units.load('nothing.service')).loadState, 'not-found');
  assert.equal((await units.load('off.service')).loadState, 'masked');
  const timer = await units.load('x.timer');
  assert.equal(timer.loadState, 'error');
  assert.match(timer.loadMessage, /no worker is registered for unit type "timer"/);
});

test('a malformed unit name is refused with ERR_BAD_UNIT_NAME', () => {
  const units = table('/nonexistent');
  assert.throws(() => units.ensure('no-suffix'), (e: Error & { code?: string }) => e.code === 'ERR_BAD_UNIT_NAME');
});

test('specifiers in Description and dependency lists expand for a template instance', async (t) => {
  const dir = tree({
    'getty@.service': '[Unit]\nDescription=Getty on %I (%n)\nAfter=setup@%i.service\n[Service]\nExecStart=/bin/true\n',
    'odd.service': '[Unit]\nDescription=100%% sure, %Q unknown\n[Service]\nExecStart=/bin/true\n',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const units = table(dir);
  const getty = await units.load('getty@tty1.service');
  assert.equal(getty.def.description, 'Getty on tty1 (getty@tty1.service)');
  assert.ok(units.deps.get('getty@tty1.service', 'After').includes('setup@tty1.service'));
  const odd = await units.load('odd.service');
  assert.equal(odd.loadState, 'bad-setting');
  assert.match(odd.loadMessage, /odd\.service:2.*Description/);
});

test('default dependencies come from the worker and count only without DefaultDependencies=no; an explicit order the other way wins', async (t) => {
  const dir = tree({
    'plain.service': '[Service]\nExecStart=/bin/true\n',
    'early.service': '[Unit]\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n',
    'before-basic.service': '[Unit]\nBefore=basic.target\n[Service]\nExecStart=/bin/true\n',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const defaults: LoadResponse__Output['default_dependencies'] = [
    { kind: 'Requires', unit: 'sysinit.target' }, { kind: 'After', unit: 'basic.target' }, { kind: 'Conflicts', unit: 'shutdown.target' },
  ];
  const units = table(dir, fakeWorkers([], {
    'plain.service': { default_dependencies: defaults }, 'early.service': { default_dependencies: defaults },
    'before-basic.service': { default_dependencies: defaults },
  }));
  await Promise.all(['plain.service', 'early.service', 'before-basic.service'].map((n) => units.load(n)));
  assert.deepEqual(units.deps.get('plain.service', 'Requires'), ['sysinit.target']);
  assert.deepEqual(units.deps.get('plain.service', 'ConflictedBy'), []);
  assert.deepEqual(units.deps.get('shutdown.target', 'ConflictedBy'), ['plain.service', 'before-basic.service']);
  assert.ok(units.deps.get('plain.service', 'After').includes('basic.target'));
  assert.deepEqual(units.deps.get('early.service', 'Requires'), []);
  assert.ok(!units.deps.get('early.service', 'After').includes('basic.target'));
  assert.ok(!units.deps.get('before-basic.service', 'After').includes('basic.target'), 'Before=basic.target beats the default After=');
});

test('a dependency of unknown kind or with a malformed name from a worker is ignored with a warning naming the worker and the unit', async (t) => {
  const dir = tree({ 'odd.service': '[Service]\nExecStart=/bin/true\n' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const log = { ...silentLogger(), warn: (message: string) => warnings.push(message) } as unknown as ReturnType<typeof silentLogger>;
  const units = new UnitTable({
    searchPath: [dir], log,
    workers: fakeWorkers([], {
      'odd.service': {
        dependencies: [
          { kind: 99 as never, unit: 'x.target' }, { kind: 'NoDependency', unit: 'y.target' }, { kind: 'Wants', unit: 'not a name' },
          { kind: 'Triggers', unit: 'odd-helper.service' },
        ],
        warnings: [{ file: '/x/odd.service', line: 2, section: 'Service', key: 'MemoryMax', message: 'not enforced here' }],
      },
    }),
  });
  const odd = await units.load('odd.service');
  assert.equal(odd.loadState, 'loaded');
  assert.deepEqual(units.deps.all('odd.service'), { Triggers: ['odd-helper.service'] });
  assert.deepEqual(units.deps.get('odd-helper.service', 'TriggeredBy'), ['odd.service']);
  assert.equal(warnings.filter((w) => /the service worker returned .* for odd\.service/.test(w)).length, 3);
  assert.ok(warnings.some((w) => /unknown kind 99/.test(w)));
  assert.deepEqual(odd.loadWarnings, ['/x/odd.service:2: MemoryMax: not enforced here']);
  assert.ok(warnings.includes('odd.service: /x/odd.service:2: MemoryMax: not enforced here'));
});

test('the ordering rule of a type applies only to types whose worker declares order_after_wanted', async (t) => {
  const dir = tree({
    'group.target': '[Unit]\nWants=app.service\n',
    'group.service': '[Unit]\nWants=app.service\n[Service]\nExecStart=/bin/true\n',
    'app.service': '[Service]\nExecStart=/bin/true\n',
  });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const units = table(dir);
  await units.loadClosure(['group.target', 'group.service']);
  assert.ok(units.deps.get('group.target', 'After').includes('app.service'));
  assert.ok(!units.deps.get('group.service', 'After').includes('app.service'));
});
