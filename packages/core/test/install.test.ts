// The [Install] logic over temp unit trees: etc (config), run (runtime), lib (vendor).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import {
  defaultInstallContext, disableUnitFiles, enableUnitFiles, formatChange, getDefaultTarget, listUnitFileStates, maskUnitFiles, presetAllUnitFiles,
  presetUnitFiles, readPresets, reenableUnitFiles, setDefaultTarget, unitFileStateIn, unmaskUnitFiles,
} from '../src/install';
import type { InstallContext } from '../src/install';
import { tempInstall } from '../src/testing/fake-core';

function tree(files: Record<string, string>): { ctx: InstallContext; root: string; lib: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-install-'));
  const ctx = tempInstall(root);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return { ctx, root, lib: path.join(root, 'lib/system') };
}

const wanted = (extra = ''): string => `[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n${extra}`;

function throwsCode(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof SysmasterError && error.code === code && message.test(error.message));
}

describe('enable and disable', () => {
  test('enable links the unit into TARGET.wants/ and TARGET.requires/ of /etc and reports each link as systemctl prints it', () => {
    const { ctx, lib } = tree({ 'lib/system/foo.service': wanted('RequiredBy=basic.target\n') });
    const report = enableUnitFiles(['foo.service'], ctx);
    const wants = path.join(ctx.configDir, 'multi-user.target.wants/foo.service');
    assert.equal(fs.readlinkSync(wants), path.join(lib, 'foo.service'));
    assert.equal(fs.readlinkSync(path.join(ctx.configDir, 'basic.target.requires/foo.service')), path.join(lib, 'foo.service'));
    assert.equal(formatChange(report.changes[0]!), `Created symlink ${wants} \u2192 ${path.join(lib, 'foo.service')}.`);
    assert.equal(unitFileStateIn('foo.service', ctx), 'enabled');
    assert.deepEqual(enableUnitFiles(['foo.service'], ctx).changes, [], 'enabling twice changes nothing');
  });

  test('disable removes the links and reports them in systemctl\'s words', () => {
    const { ctx } = tree({ 'lib/system/foo.service': wanted('Alias=bar.service\n') });
    enableUnitFiles(['foo.service'], ctx);
    assert.ok(fs.lstatSync(path.join(ctx.configDir, 'bar.service')).isSymbolicLink());
    const report = disableUnitFiles(['foo.service'], ctx);
    assert.deepEqual(report.changes.map(formatChange), [
      `Removed "${path.join(ctx.configDir, 'bar.service')}".`,
      `Removed "${path.join(ctx.configDir, 'multi-user.target.wants/foo.service')}".`,
    ]);
    assert.equal(unitFileStateIn('foo.service', ctx), 'disabled');
  });

  test('--runtime writes to /run and the state is enabled-runtime', () => {
    const { ctx } = tree({ 'lib/system/foo.service': wanted() });
    enableUnitFiles(['foo.service'], ctx, { runtime: true });
    assert.ok(fs.existsSync(path.join(ctx.runtimeDir, 'multi-user.target.wants/foo.service')));
    assert.equal(unitFileStateIn('foo.service', ctx), 'enabled-runtime');
    assert.equal(disableUnitFiles(['foo.service'], ctx).changes.length, 0, 'disable without --runtime leaves /run alone');
    assert.equal(disableUnitFiles(['foo.service'], ctx, { runtime: true }).changes.length, 1);
  });

  test('Also= enables and disables the other units with it', () => {
    const { ctx } = tree({ 'lib/system/foo.service': wanted('Also=foo.socket\n'), 'lib/system/foo.socket': '[Install]\nWantedBy=sockets.target\n' });
    enableUnitFiles(['foo.service'], ctx);
    assert.equal(unitFileStateIn('foo.socket', ctx), 'enabled');
    disableUnitFiles(['foo.service'], ctx);
    assert.equal(unitFileStateIn('foo.socket', ctx), 'disabled');
  });

  test('a template is enabled under its DefaultInstance, or under the instance named', () => {
    const { ctx, lib } = tree({ 'lib/system/getty@.service': '[Install]\nWantedBy=getty.target\nDefaultInstance=tty1\n' });
    enableUnitFiles(['getty@.service'], ctx);
    assert.equal(fs.readlinkSync(path.join(ctx.configDir, 'getty.target.wants/getty@tty1.service')), path.join(lib, 'getty@.service'));
    assert.equal(unitFileStateIn('getty@.service', ctx), 'enabled');
    disableUnitFiles(['getty@.service'], ctx);
    enableUnitFiles(['getty@tty5.service'], ctx);
    assert.ok(fs.existsSync(path.join(ctx.configDir, 'getty.target.wants/getty@tty5.service')));
    assert.equal(unitFileStateIn('getty@tty5.service', ctx), 'enabled');
    assert.equal(unitFileStateIn('getty@.service', ctx), 'indirect', 'another instance than the default is enabled');
    assert.equal(disableUnitFiles(['getty@.service'], ctx).changes.length, 1, 'disabling the template removes its instances');
  });

  test('a template without DefaultInstance gets no links and a warning saying to name an instance', () => {
    const { ctx } = tree({ 'lib/system/w@.service': '[Install]\nWantedBy=multi-user.target\n' });
    const report = enableUnitFiles(['w@.service'], ctx);
    assert.deepEqual(report.changes, []);
    assert.match(report.warnings[0]!, /template without DefaultInstance=.*w@NAME\.service/);
  });

  test('a unit without [Install] settings is not touched and gets systemctl\'s warning', () => {
    const { ctx } = tree({ 'lib/system/s.service': '[Service]\nExecStart=/bin/true\n' });
    const report = enableUnitFiles(['s.service'], ctx);
    assert.deepEqual(report.changes, []);
    assert.match(report.warnings[0]!, /have no installation config \(WantedBy=, RequiredBy=, Also=, Alias=/);
  });

  test('enable follows an alias to the real unit, and an absolute path is linked first', () => {
    const { ctx, root, lib } = tree({ 'lib/system/real.service': wanted(), 'elsewhere/ext.service': wanted() });
    fs.symlinkSync(path.join(lib, 'real.service'), path.join(lib, 'nick.service'));
    enableUnitFiles(['nick.service'], ctx);
    assert.equal(unitFileStateIn('real.service', ctx), 'enabled');
    assert.equal(unitFileStateIn('nick.service', ctx), 'alias');
    const ext = path.join(root, 'elsewhere/ext.service');
    const report = enableUnitFiles([ext], ctx);
    assert.equal(fs.readlinkSync(path.join(ctx.configDir, 'ext.service')), ext);
    assert.equal(report.changes.length, 2);
    assert.equal(unitFileStateIn('ext.service', ctx), 'enabled');
    disableUnitFiles(['ext.service'], ctx);
    assert.equal(fs.existsSync(path.join(ctx.configDir, 'ext.service')), false, 'disable removes the link to the outside file');
  });

  test('a conflicting link is refused without --force and replaced with it; reenable always replaces', () => {
    const { ctx, lib } = tree({ 'lib/system/foo.service': wanted(), 'lib/system/other.service': '' });
    const link = path.join(ctx.configDir, 'multi-user.target.wants/foo.service');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync('/somewhere/else.service', link);
    throwsCode(() => enableUnitFiles(['foo.service'], ctx), 'ERR_WRONG_STATE', /already exists and is a symlink to \/somewhere\/else\.service/);
    enableUnitFiles(['foo.service'], ctx, { force: true });
    assert.equal(fs.readlinkSync(link), path.join(lib, 'foo.service'));
    const again = reenableUnitFiles(['foo.service'], ctx);
    assert.deepEqual(again.changes.map((c) => c.type), ['unlink', 'symlink']);
  });

  test('bad input is refused with a message naming the unit, file, line and key', () => {
    const { ctx } = tree({ 'lib/system/bad.service': '[Install]\nWantedBy=not a unit!\n', 'lib/system/al.service': '[Install]\nAlias=al.socket\n' });
    throwsCode(() => enableUnitFiles(['nope.service'], ctx), 'ERR_UNIT_NOT_FOUND', /^Unit file nope\.service does not exist\.$/);
    throwsCode(() => enableUnitFiles(['bad.service'], ctx), 'ERR_BAD_SETTING', /bad\.service:2: WantedBy: invalid unit name/);
    throwsCode(() => enableUnitFiles(['al.service'], ctx), 'ERR_BAD_SETTING', /al\.service:2: Alias: alias "al\.socket" must have the unit's type "\.service"/);
    throwsCode(() => enableUnitFiles(['../x.service'], ctx), 'ERR_BAD_UNIT_NAME', /Invalid unit name/);
    assert.equal(unitFileStateIn('bad.service', ctx), 'bad');
  });
});

describe('mask and unmask', () => {
  test('mask links the name to /dev/null in /etc, unmask removes it', () => {
    const { ctx } = tree({ 'lib/system/foo.service': wanted() });
    const report = maskUnitFiles(['foo.service'], ctx);
    assert.deepEqual(report.changes.map(formatChange), [`Created symlink ${path.join(ctx.configDir, 'foo.service')} \u2192 /dev/null.`]);
    assert.equal(unitFileStateIn('foo.service', ctx), 'masked');
    throwsCode(() => enableUnitFiles(['foo.service'], ctx), 'ERR_UNIT_MASKED', /is masked/);
    assert.deepEqual(maskUnitFiles(['foo.service'], ctx).changes, [], 'masking twice changes nothing');
    assert.equal(unmaskUnitFiles(['foo.service'], ctx).changes.length, 1);
    assert.equal(unitFileStateIn('foo.service', ctx), 'disabled');
  });

  test('--runtime masks in /run (masked-runtime)', () => {
    const { ctx } = tree({ 'lib/system/foo.service': wanted() });
    maskUnitFiles(['foo.service'], ctx, { runtime: true });
    assert.equal(unitFileStateIn('foo.service', ctx), 'masked-runtime');
  });

  test('masking a unit whose file is in /etc itself is refused like systemctl', () => {
    const { ctx } = tree({ 'etc/system/local.service': wanted() });
    throwsCode(() => maskUnitFiles(['local.service'], ctx), 'ERR_WRONG_STATE', /^Failed to mask unit: File .*etc\/system\/local\.service already exists\.$/);
  });
});

describe('is-enabled states', () => {
  test('static, indirect, disabled, linked, generated, transient and not-found are told apart', () => {
    const { ctx, root } = tree({
      'lib/system/st.service': '[Service]\nExecStart=/bin/true\n',
      'lib/system/ind.service': '[Install]\nAlso=st.service\n',
      'lib/system/dis.service': wanted(),
      'outside/lnk.service': '[Service]\nExecStart=/bin/true\n',
      'run/generator/gen.service': '[Service]\nExecStart=/bin/true\n',
      'run/transient/tr.service': '[Service]\nExecStart=/bin/true\n',
    });
    ctx.searchPath.push(path.join(root, 'run/generator'), path.join(root, 'run/transient'));
    fs.symlinkSync(path.join(root, 'outside/lnk.service'), path.join(ctx.configDir, 'lnk.service'));
    fs.symlinkSync(path.join(root, 'outside/lnk.service'), path.join(ctx.runtimeDir, 'lnkrt.service'));
    assert.equal(unitFileStateIn('st.service', ctx), 'static');
    assert.equal(unitFileStateIn('ind.service', ctx), 'indirect');
    assert.equal(unitFileStateIn('dis.service', ctx), 'disabled');
    assert.equal(unitFileStateIn('lnk.service', ctx), 'linked');
    assert.equal(unitFileStateIn('gen.service', ctx), 'generated');
    assert.equal(unitFileStateIn('tr.service', ctx), 'transient');
    assert.equal(unitFileStateIn('none.service', ctx), 'not-found');
    fs.symlinkSync('/nowhere/x.service', path.join(ctx.configDir, 'dangling.service'));
    assert.equal(unitFileStateIn('dangling.service', ctx), 'bad');
  });
});

describe('presets', () => {
  const presetFiles = {
    'lib/system/a.service': wanted(), 'lib/system/b.service': wanted(), 'lib/system/c.service': wanted(),
    'lib/system/t@.service': '[Install]\nWantedBy=multi-user.target\n',
    'lib/system-preset/90-default.preset': '# vendor\nenable a.service\ndisable *\n',
    'lib/system-preset/50-t.preset': 'enable t@.service x y\n',
    'etc/system-preset/10-admin.preset': 'disable a.service\nenable b.*\nbogus line\n',
  };

  test('the first matching rule wins across files in name order, and bad lines are reported with file and line', () => {
    const { ctx } = tree(presetFiles);
    const { rules, problems } = readPresets(ctx.presetDirs);
    assert.deepEqual(rules.map((r) => `${r.action} ${r.pattern}`), ['disable a.service', 'enable b.*', 'enable t@.service', 'enable a.service', 'disable *']);
    assert.match(problems[0]!, /10-admin\.preset:3: cannot parse "bogus line"/);
    const report = presetUnitFiles(['a.service', 'b.service', 'c.service'], ctx);
    assert.equal(unitFileStateIn('a.service', ctx), 'disabled');
    assert.equal(unitFileStateIn('b.service', ctx), 'enabled');
    assert.equal(unitFileStateIn('c.service', ctx), 'disabled');
    assert.equal(report.changes.length, 1);
  });

  test('preset-all enables template instances the rule lists, and without preset files everything is enabled', () => {
    const { ctx } = tree(presetFiles);
    presetAllUnitFiles(ctx);
    assert.ok(fs.existsSync(path.join(ctx.configDir, 'multi-user.target.wants/t@x.service')));
    assert.ok(fs.existsSync(path.join(ctx.configDir, 'multi-user.target.wants/t@y.service')));
    const bare = tree({ 'lib/system/a.service': wanted(), 'lib/system/s.service': '[Service]\nExecStart=/bin/true\n' });
    const report = presetAllUnitFiles(bare.ctx);
    assert.equal(unitFileStateIn('a.service', bare.ctx), 'enabled');
    assert.equal(report.changes.length, 1, 'static units are left alone');
  });

  test('a preset does not override a mask', () => {
    const { ctx } = tree(presetFiles);
    maskUnitFiles(['b.service'], ctx);
    presetAllUnitFiles(ctx);
    assert.equal(unitFileStateIn('b.service', ctx), 'masked');
  });
});

describe('default target and listing', () => {
  test('set-default replaces default.target and get-default resolves it', () => {
    const { ctx, lib } = tree({ 'lib/system/multi-user.target': '[Unit]\n', 'lib/system/graphical.target': '[Unit]\n' });
    fs.symlinkSync('multi-user.target', path.join(lib, 'default.target'));
    assert.equal(getDefaultTarget(ctx), 'multi-user.target');
    const report = setDefaultTarget('graphical.target', ctx);
    assert.deepEqual(report.changes.map(formatChange), [`Created symlink ${path.join(ctx.configDir, 'default.target')} \u2192 ${path.join(lib, 'graphical.target')}.`]);
    assert.equal(getDefaultTarget(ctx), 'graphical.target');
    assert.deepEqual(setDefaultTarget('multi-user.target', ctx).changes.map((c) => c.type), ['unlink', 'symlink']);
    throwsCode(() => setDefaultTarget('foo.service', ctx), 'ERR_INVALID_ARGUMENT', /not a target unit/);
    throwsCode(() => setDefaultTarget('nope.target', ctx), 'ERR_UNIT_NOT_FOUND', /nope\.target does not exist/);
  });

  test('list-unit-files shows every file with its state and preset, filtered by type, state and pattern', () => {
    const { ctx } = tree({
      'lib/system/a.service': wanted(), 'lib/system/s.service': '[Service]\nExecStart=/bin/true\n', 'lib/system/x.target': '[Unit]\n',
      'lib/system-preset/90.preset': 'disable a.service\n',
    });
    enableUnitFiles(['a.service'], ctx);
    const all = listUnitFileStates(ctx);
    assert.deepEqual(all.map((f) => [f.name, f.state, f.preset]), [['a.service', 'enabled', 'disabled'], ['s.service', 'static', ''], ['x.target', 'static', '']]);
    assert.deepEqual(listUnitFileStates(ctx, { types: ['target'] }).map((f) => f.name), ['x.target']);
    assert.deepEqual(listUnitFileStates(ctx, { states: ['enabled'] }).map((f) => f.name), ['a.service']);
    assert.deepEqual(listUnitFileStates(ctx, { patterns: ['s*'] }).map((f) => f.name), ['s.service']);
  });
});

test('SYSMASTER_PRESET_PATH replaces the preset folders, and a trailing colon appends the standard ones', () => {
  const saved = process.env.SYSMASTER_PRESET_PATH;
  try {
    process.env.SYSMASTER_PRESET_PATH = '/a:/b';
    assert.deepEqual(defaultInstallContext(['/u']).presetDirs, ['/a', '/b']);
    process.env.SYSMASTER_PRESET_PATH = '/a:';
    const dirs = defaultInstallContext(['/u']).presetDirs;
    assert.equal(dirs[0], '/a');
    assert.ok(dirs.includes('/usr/lib/sysmaster/system-preset'));
    delete process.env.SYSMASTER_PRESET_PATH;
    assert.equal(defaultInstallContext(['/u']).presetDirs.at(-1), '/usr/lib/sysmaster/system-preset');
  } finally {
    if (saved === undefined) delete process.env.SYSMASTER_PRESET_PATH;
    else process.env.SYSMASTER_PRESET_PATH = saved;
  }
});
