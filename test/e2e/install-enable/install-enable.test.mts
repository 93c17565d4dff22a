// Scenario: [Install] and the unit-file commands of systemctl(1). enable creates the WantedBy=,
// RequiredBy= and Alias= links (and those of Also= units) in /etc/sysmaster/system and says so;
// daemon-reload shows the new dependencies; is-enabled reports enabled, static, disabled, alias,
// masked and enabled-runtime with systemctl's exit codes; disable removes the links; mask makes a
// start fail with "Unit … is masked." until unmask; --now also starts or stops; set-default and
// get-default move the default.target link; list-unit-files lists states with --type, --state and
// patterns; preset applies the preset files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Sandbox, ROOT, unitsOf } from '../harness.mjs';

const UNITS = unitsOf(import.meta.url);
const ETC = '/etc/sysmaster/system';

describe('[Install] and unit files', () => {
  let sb: Sandbox;
  const state = async (unit: string): Promise<string> => (await sb.sctl('is-active', unit)).stdout.trim();
  /** Where a link inside the sandbox points, '' when it is not there. */
  const link = async (file: string): Promise<string> => (await sb.sh(`readlink ${file} || true`)).stdout.trim();
  const isEnabled = async (unit: string): Promise<{ exitCode: number; out: string }> => {
    const r = await sb.sctl('is-enabled', unit);
    return { exitCode: r.exitCode, out: r.stdout.trim() };
  };
  const deps = async (unit: string, key: string): Promise<string[]> => (await sb.show(unit, key)).split(/\s+/).filter((n) => n !== '');
  before(async () => { sb = await Sandbox.boot({ units: [UNITS] }); });
  after(async () => {
    if (!sb) return;
    const r = await sb.shutdown();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('is-enabled tells disabled from static, with systemctl exit codes', async () => {
    assert.deepEqual(await isEnabled('web.service'), { exitCode: 1, out: 'disabled' });
    assert.deepEqual(await isEnabled('plain.service'), { exitCode: 0, out: 'static' });
    const r = await sb.sctl('is-enabled', 'web.service', 'plain.service');
    assert.equal(r.exitCode, 0, 'one of them is enabled or static');
    assert.deepEqual(r.stdout.trim().split('\n'), ['disabled', 'static']);
    const status = await sb.sctl('status', 'web.service');
    assert.match(status.stdout, /Loaded: loaded \([^)]*web\.service; disabled/);
  });

  test('enable creates the WantedBy=, Alias= and Also= links and says so, without starting the unit', async () => {
    const r = await sb.sctl('enable', 'web.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const out = r.stdout + r.stderr;
    assert.ok(out.includes(`Created symlink ${ETC}/multi-user.target.wants/web.service → ${UNITS}/web.service.`), out);
    assert.ok(out.includes(`Created symlink ${ETC}/www.service → ${UNITS}/web.service.`), out);
    assert.ok(out.includes(`Created symlink ${ETC}/web.service.requires/cache.service → ${UNITS}/cache.service.`), out);
    assert.equal(await link(`${ETC}/multi-user.target.wants/web.service`), path.join(UNITS, 'web.service'));
    assert.equal(await link(`${ETC}/www.service`), path.join(UNITS, 'web.service'));
    assert.equal(await link(`${ETC}/web.service.requires/cache.service`), path.join(UNITS, 'cache.service'));
    assert.deepEqual(await isEnabled('web.service'), { exitCode: 0, out: 'enabled' });
    assert.deepEqual(await isEnabled('cache.service'), { exitCode: 0, out: 'enabled' });
    assert.deepEqual(await isEnabled('www.service'), { exitCode: 0, out: 'alias' });
    assert.equal(await state('web.service'), 'inactive');
  });

  test('after daemon-reload the new dependencies show and starting the unit pulls its RequiredBy= companion', async () => {
    let r = await sb.sctl('daemon-reload');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok((await deps('multi-user.target', 'Wants')).includes('web.service'));
    assert.ok((await deps('web.service', 'Requires')).includes('cache.service'));
    assert.equal(await sb.show('web.service', 'UnitFileState'), 'enabled');
    r = await sb.sctl('list-dependencies', 'multi-user.target');
    assert.match(r.stdout, /[├└]─web\.service$/m, r.stdout);
    r = await sb.sctl('start', 'www.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('web.service'), 'active', 'the alias names the same unit');
    assert.equal(await state('cache.service'), 'active');
  });

  test('disable removes every link it made, leaves the unit running, and daemon-reload drops the dependency', async () => {
    let r = await sb.sctl('disable', 'web.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const out = r.stdout + r.stderr;
    assert.match(out, new RegExp(`Removed "?${ETC}/multi-user\\.target\\.wants/web\\.service"?\\.`), out);
    assert.match(out, new RegExp(`Removed "?${ETC}/www\\.service"?\\.`), out);
    assert.match(out, new RegExp(`Removed "?${ETC}/web\\.service\\.requires/cache\\.service"?\\.`), out);
    for (const f of ['multi-user.target.wants/web.service', 'www.service', 'web.service.requires/cache.service']) {
      assert.equal(await link(`${ETC}/${f}`), '', `${f} is gone`);
    }
    assert.deepEqual(await isEnabled('web.service'), { exitCode: 1, out: 'disabled' });
    assert.deepEqual(await isEnabled('cache.service'), { exitCode: 1, out: 'disabled' });
    assert.equal(await state('web.service'), 'active', 'disable without --now does not stop');
    r = await sb.sctl('daemon-reload');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(!(await deps('multi-user.target', 'Wants')).includes('web.service'));
    r = await sb.sctl('stop', 'web.service', 'cache.service');
    assert.equal(r.exitCode, 0, r.stderr);
  });

  test('reenable puts the links back', async () => {
    const r = await sb.sctl('reenable', 'web.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok((r.stdout + r.stderr).includes(`Created symlink ${ETC}/multi-user.target.wants/web.service → ${UNITS}/web.service.`));
    assert.equal(await link(`${ETC}/multi-user.target.wants/web.service`), path.join(UNITS, 'web.service'));
    assert.deepEqual(await isEnabled('web.service'), { exitCode: 0, out: 'enabled' });
  });

  test('enable --now starts the unit and disable --now stops it', async () => {
    let r = await sb.sctl('enable', '--now', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('gadget.service'), 'active');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 0, out: 'enabled' });
    r = await sb.sctl('disable', '--now', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('gadget.service'), 'inactive');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 1, out: 'disabled' });
  });

  test('a masked unit refuses to start with "Unit … is masked." until unmasked', async () => {
    let r = await sb.sctl('mask', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok((r.stdout + r.stderr).includes(`Created symlink ${ETC}/gadget.service → /dev/null.`), r.stdout + r.stderr);
    assert.equal(await link(`${ETC}/gadget.service`), '/dev/null');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 1, out: 'masked' });
    r = await sb.sctl('start', 'gadget.service');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Failed to start gadget\.service: Unit gadget\.service is masked\./);
    assert.equal(await state('gadget.service'), 'inactive');
    r = await sb.sctl('status', 'gadget.service');
    assert.match(r.stdout, /Loaded: masked/);
    r = await sb.sctl('unmask', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout + r.stderr, new RegExp(`Removed "?${ETC}/gadget\\.service"?\\.`));
    assert.equal(await link(`${ETC}/gadget.service`), '');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 1, out: 'disabled' });
    r = await sb.sctl('start', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('gadget.service'), 'active');
  });

  test('mask --now stops a running unit', async () => {
    assert.equal(await state('gadget.service'), 'active');
    let r = await sb.sctl('mask', '--now', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await state('gadget.service'), 'inactive');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 1, out: 'masked' });
    r = await sb.sctl('unmask', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
  });

  test('enable --runtime links under /run and reports enabled-runtime', async () => {
    let r = await sb.sctl('enable', '--runtime', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await link('/run/sysmaster/system/multi-user.target.wants/gadget.service'), path.join(UNITS, 'gadget.service'));
    assert.equal(await link(`${ETC}/multi-user.target.wants/gadget.service`), '');
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 0, out: 'enabled-runtime' });
    r = await sb.sctl('disable', '--runtime', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 1, out: 'disabled' });
  });

  test('set-default moves the default.target link and get-default follows it', async () => {
    let r = await sb.sctl('get-default');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'multi-user.target');
    r = await sb.sctl('set-default', 'custom.target');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok((r.stdout + r.stderr).includes(`Created symlink ${ETC}/default.target → ${UNITS}/custom.target.`), r.stdout + r.stderr);
    assert.equal(await link(`${ETC}/default.target`), path.join(UNITS, 'custom.target'));
    assert.equal((await sb.sctl('get-default')).stdout.trim(), 'custom.target');
    r = await sb.sctl('set-default', 'multi-user.target');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await link(`${ETC}/default.target`), path.join(ROOT, 'units', 'multi-user.target'));
    assert.equal((await sb.sctl('get-default')).stdout.trim(), 'multi-user.target');
    r = await sb.sctl('set-default', 'nope.target');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /nope\.target/);
    assert.equal((await sb.sctl('get-default')).stdout.trim(), 'multi-user.target', 'a failed set-default changes nothing');
  });

  test('list-unit-files lists every unit file with its state, filtered by --type, --state and patterns', async () => {
    let r = await sb.sctl('list-unit-files');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^UNIT FILE\s+STATE\s+(VENDOR )?PRESET\s*$/m);
    assert.match(r.stdout, /^web\.service\s+enabled\s/m);
    assert.match(r.stdout, /^www\.service\s+alias\s/m);
    assert.match(r.stdout, /^plain\.service\s+static(\s|$)/m);
    assert.match(r.stdout, /^gadget\.service\s+disabled\s/m);
    assert.match(r.stdout, /^cache\.service\s+enabled\s/m, 'enabled through Also=');
    assert.match(r.stdout, /^\d+ unit files listed\.$/m);

    r = await sb.sctl('list-unit-files', '--type=target');
    assert.equal(r.exitCode, 0, r.stderr);
    const targets = r.stdout.split('\n').filter((l) => /^\S+\.\w+\s/.test(l) && !l.startsWith('UNIT FILE'));
    assert.ok(targets.length > 0 && targets.every((l) => /^\S+\.target\s/.test(l)), r.stdout);
    assert.match(r.stdout, /^custom\.target\s/m);

    r = await sb.sctl('list-unit-files', '--state=static');
    assert.equal(r.exitCode, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => /^\S+\.\w+\s/.test(l) && !l.startsWith('UNIT FILE'));
    assert.ok(rows.length > 0 && rows.every((l) => /^\S+\s+static(\s|$)/.test(l)), r.stdout);
    assert.match(r.stdout, /^plain\.service\s/m);

    r = await sb.sctl('list-unit-files', 'web*');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^web\.service\s+enabled\s/m);
    assert.match(r.stdout, /^1 unit files listed\.$/m, r.stdout);
  });

  test('preset enables what the preset files say', async () => {
    await sb.sh('mkdir -p /etc/sysmaster/system-preset && printf "enable gadget.service\\ndisable *\\n" > /etc/sysmaster/system-preset/50-e2e.preset');
    let r = await sb.sctl('preset', 'gadget.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await link(`${ETC}/multi-user.target.wants/gadget.service`), path.join(UNITS, 'gadget.service'));
    assert.deepEqual(await isEnabled('gadget.service'), { exitCode: 0, out: 'enabled' });
    r = await sb.sctl('list-unit-files', 'gadget.service', 'web.service');
    assert.match(r.stdout, /^gadget\.service\s+enabled\s+enabled\s*$/m, r.stdout);
    assert.match(r.stdout, /^web\.service\s+enabled\s+disabled\s*$/m, r.stdout);
  });
});
