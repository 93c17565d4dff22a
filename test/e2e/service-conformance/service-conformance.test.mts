// Scenario (issue 13, the service side of systemd conformance), against the real stack: PIDFile=
// is removed once the service stopped (relative under /run, and absolute); ExecStop= runs only
// after a successful start, ExecStopPost= always, in order; ExecCondition= exiting 1-254 skips
// the unit (the start succeeds, the unit stays inactive with Result=success, status and
// ConditionResult= say why) while 255 fails it; a failed unit shows failed/failed whichever phase
// failed and when it hit its start limit; the very first `sctl status` of a unit with a bad
// [Service] setting already says bad-setting with the reason; `sctl clean` refuses an active unit
// and removes the directories --what= names of an inactive one. A Condition*= naming an unknown
// capability skips the unit with a warning (not a bad setting), an Assert*= naming an unknown
// architecture fails the start (item 6). enable/is-enabled/disable honour an [Install] section
// that only a drop-in holds (item 7).
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useScenario, describeRun, pidsByArgs, stateOf, waitProperty, type Sandbox } from '../service-common/lib.mjs';

describe('service conformance', () => {
  let sb: Sandbox;
  useScenario(import.meta.url, (s) => { sb = s; });
  const exists = async (file: string): Promise<boolean> => (await sb.sh(`test -e ${file}`)).exitCode === 0;
  const read = async (file: string): Promise<string> => (await sb.sh(`cat ${file} 2>/dev/null || true`)).stdout;

  test('the first status of a unit with a bad [Service] setting already says bad-setting, naming the key', async () => {
    const r = await sb.sctl('status', 'bad-service-setting.service');
    assert.match(r.stdout, /Loaded: bad-setting/, describeRun(r));
    assert.match(r.stdout, /Type/, 'the reason names the key');
    assert.equal(await sb.show('bad-service-setting.service', 'LoadState'), 'bad-setting');
  });

  for (const [unit, file] of [
    ['pidfile-relative.service', '/run/pidfile-relative.pid'],
    ['pidfile-absolute.service', '/run/pidfile-absolute/daemon.pid'],
  ] as const) {
    test(`the PIDFile= of ${unit} is removed by the manager after the service stopped`, async () => {
      const r = await sb.sctl('start', unit);
      assert.equal(r.exitCode, 0, describeRun(r));
      assert.ok(await exists(file), 'the daemon wrote its pid file');
      assert.ok(Number(await sb.show(unit, 'MainPID')) > 1, 'the main process came from the file');
      const s = await sb.sctl('stop', unit);
      assert.equal(s.exitCode, 0, describeRun(s));
      assert.equal(await exists(file), false, `${file} is gone once ${unit} stopped`);
      assert.equal(await stateOf(sb, unit), 'inactive/dead/success');
    });
  }

  test('lone semicolons in one ExecStart= run several command lines in order; \\; stays a literal semicolon', async () => {
    assert.equal((await sb.sctl('start', 'semicolons.service')).exitCode, 0);
    assert.equal(await read('/run/semicolons'), 'one\ntwo\nliteral ;');
    assert.equal(await sb.show('semicolons.service', 'ActiveState'), 'active');
  });

  test('after a failed ExecStart= only the ExecStopPost= commands run, in order, and the unit is failed/failed', async () => {
    const r = await sb.sctl('start', 'stop-after-failed-start.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/stop-after-failed-start.log'), 'start\npost1 exit-code\npost2');
    assert.equal(await stateOf(sb, 'stop-after-failed-start.service'), 'failed/failed/exit-code');
  });

  test('after a failed ExecStartPost= ExecStop= does not run, ExecStopPost= does', async () => {
    const r = await sb.sctl('start', 'stop-after-failed-post.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/stop-after-failed-post.log'), 'start-post\npost');
    assert.equal(await stateOf(sb, 'stop-after-failed-post.service'), 'failed/failed/exit-code');
    assert.deepEqual(await pidsByArgs(sb, 'sleep 7303'), []);
  });

  test('a service that started runs ExecStop= and then ExecStopPost= when stopped', async () => {
    assert.equal((await sb.sctl('start', 'stop-after-success.service')).exitCode, 0);
    const r = await sb.sctl('stop', 'stop-after-success.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/stop-after-success.log'), 'stop\npost');
  });

  test('ExecCondition= exiting 1 skips the unit: the start succeeds, the unit stays inactive with Result=success', async () => {
    const r = await sb.sctl('start', 'condition-skip.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/condition-skip.log'), '', 'ExecStart= never ran');
    assert.equal(await stateOf(sb, 'condition-skip.service'), 'inactive/dead/success');
    assert.equal(await sb.show('condition-skip.service', 'ConditionResult'), 'no');
    const status = await sb.sctl('status', 'condition-skip.service');
    assert.match(status.stdout, /Condition: start condition (failed|unmet)/i, status.stdout);
    assert.match(status.stdout, /ExecCondition=/, status.stdout);
  });

  test('ExecCondition= exiting 0 lets the unit start, and ConditionResult= says yes', async () => {
    const r = await sb.sctl('start', 'condition-pass.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'condition-pass.service'), 'active/exited/success');
    assert.equal(await sb.show('condition-pass.service', 'ConditionResult'), 'yes');
  });

  test('ExecCondition= exiting 255 fails the start, failed/failed', async () => {
    const r = await sb.sctl('start', 'condition-error.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'condition-error.service'), 'failed/failed/exit-code');
  });

  test('ConditionCapability= naming an unknown capability skips the unit: start returns 0, the unit loaded and inactive, status and the log say why', async () => {
    const r = await sb.sctl('start', 'condition-unknown-name.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/condition-unknown-name.log'), '', 'ExecStart= never ran');
    assert.equal(await sb.show('condition-unknown-name.service', 'LoadState'), 'loaded', 'not a bad setting');
    assert.equal(await stateOf(sb, 'condition-unknown-name.service'), 'inactive/dead/success');
    assert.equal(await sb.show('condition-unknown-name.service', 'ConditionResult'), 'no');
    const status = await sb.sctl('status', 'condition-unknown-name.service');
    assert.match(status.stdout, /Condition: start condition failed/, status.stdout);
    assert.match(status.stdout, /ConditionCapability=CAP_NOPE .*unknown capability "CAP_NOPE"/, status.stdout);
    const log = await read('/var/log/sysmaster/sysmaster.log');
    assert.match(log, /"level":"warn".*condition-unknown-name\.service: ConditionCapability=CAP_NOPE/, 'the warning is in the manager log');
  });

  test('AssertArchitecture= naming no architecture fails the start, yet the unit is loaded, not a bad setting', async () => {
    const r = await sb.sctl('start', 'assert-unknown-name.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await read('/run/assert-unknown-name.log'), '', 'ExecStart= never ran');
    assert.equal(await sb.show('assert-unknown-name.service', 'LoadState'), 'loaded');
    assert.equal(await sb.show('assert-unknown-name.service', 'AssertResult'), 'no');
    const status = await sb.sctl('status', 'assert-unknown-name.service');
    assert.match(status.stdout, /Assert: start assertion failed/, status.stdout);
    assert.match(status.stdout, /unknown architecture "amd64"/, status.stdout);
  });

  test('enable honours a WantedBy= that only a drop-in gives: the link is created, is-enabled says enabled, disable removes it', async () => {
    const link = '/etc/sysmaster/system/multi-user.target.wants/dropin-install.service';
    const before = await sb.sctl('is-enabled', 'dropin-install.service');
    assert.equal(before.stdout.trim(), 'disabled', describeRun(before));
    const on = await sb.sctl('enable', 'dropin-install.service');
    assert.equal(on.exitCode, 0, describeRun(on));
    assert.match(on.stdout + on.stderr, /Created symlink .*multi-user\.target\.wants\/dropin-install\.service/, describeRun(on));
    assert.ok(await exists(link), `${link} was created`);
    const enabled = await sb.sctl('is-enabled', 'dropin-install.service');
    assert.equal(enabled.exitCode, 0, describeRun(enabled));
    assert.equal(enabled.stdout.trim(), 'enabled');
    assert.equal(await sb.show('dropin-install.service', 'UnitFileState'), 'enabled');
    const off = await sb.sctl('disable', 'dropin-install.service');
    assert.equal(off.exitCode, 0, describeRun(off));
    assert.equal(await exists(link), false, `${link} was removed`);
    const after = await sb.sctl('is-enabled', 'dropin-install.service');
    assert.notEqual(after.exitCode, 0, describeRun(after));
    assert.equal(after.stdout.trim(), 'disabled');
  });

  test('a failed ExecStartPre= leaves the unit failed/failed', async () => {
    const r = await sb.sctl('start', 'failed-start-pre.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'failed-start-pre.service'), 'failed/failed/exit-code');
  });

  test('a unit refused by its start limit shows failed/failed with result start-limit-hit', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await sb.sctl('start', 'start-limit.service')).exitCode, 0);
    const r = await sb.sctl('start', 'start-limit.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'start-limit.service'), 'failed/failed/start-limit-hit');
    assert.match((await sb.sctl('status', 'start-limit.service')).stdout, /Active: failed \(Result: start-limit-hit\)/);
  });

  test('a crashing unit whose automatic restart hits the start limit shows failed/failed with result start-limit-hit', async () => {
    await sb.sctl('start', 'restart-limit.service');
    assert.equal(await waitProperty(sb, 'restart-limit.service', 'Result', ['start-limit-hit'], 15_000), 'start-limit-hit');
    assert.equal(await stateOf(sb, 'restart-limit.service'), 'failed/failed/start-limit-hit');
  });

  test('sctl clean refuses an active unit, then removes only what --what= names of the stopped unit', async () => {
    after(() => fs.rmSync('/var/lib/sysmaster-e2e-clean-dirs', { recursive: true, force: true }));
    assert.equal((await sb.sctl('start', 'clean-dirs.service')).exitCode, 0);
    assert.ok(await sb.waitFor(async () => exists('/run/clean-dirs/data'), 5000));
    const refused = await sb.sctl('clean', '--what=all', 'clean-dirs.service');
    assert.notEqual(refused.exitCode, 0, describeRun(refused));
    assert.match(refused.stderr, /not inactive/);
    assert.ok(await exists('/run/clean-dirs') && await exists('/var/lib/sysmaster-e2e-clean-dirs'), 'nothing removed while active');
    assert.equal((await sb.sctl('stop', 'clean-dirs.service')).exitCode, 0);
    assert.ok(await exists('/run/clean-dirs/data'), 'RuntimeDirectoryPreserve=yes kept it at stop');
    const runtime = await sb.sctl('clean', '--what=runtime', 'clean-dirs.service');
    assert.equal(runtime.exitCode, 0, describeRun(runtime));
    assert.equal(await exists('/run/clean-dirs'), false);
    assert.ok(await exists('/var/lib/sysmaster-e2e-clean-dirs/data'), 'the state directory is not runtime');
    const state = await sb.sctl('clean', '--what=state', 'clean-dirs.service');
    assert.equal(state.exitCode, 0, describeRun(state));
    assert.equal(await exists('/var/lib/sysmaster-e2e-clean-dirs'), false);
    assert.equal(await stateOf(sb, 'clean-dirs.service'), 'inactive/dead/success');
    const bad = await sb.sctl('clean', '--what=everything', 'clean-dirs.service');
    assert.equal(bad.exitCode, 2, describeRun(bad));
  });

  test('show prints time spans as systemd does and a unit without conditions has ConditionResult=yes once started', async () => {
    assert.equal((await sb.sctl('start', 'show-spans.service')).exitCode, 0);
    assert.equal(await sb.show('show-spans.service', 'TimeoutStartUSec'), '1min 30s');
    assert.equal(await sb.show('show-spans.service', 'RestartUSec'), '100ms');
    assert.equal(await sb.show('show-spans.service', 'RuntimeMaxUSec'), 'infinity');
    assert.equal(await sb.show('show-spans.service', 'ConditionResult'), 'yes');
    assert.match(await sb.show('show-spans.service', 'ConditionTimestamp'), /^\w{3} \d{4}-\d\d-\d\d /);
    assert.equal((await sb.sctl('stop', 'show-spans.service')).exitCode, 0);
  });
});
