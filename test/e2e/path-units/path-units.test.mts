// Scenario: the path unit type served by a worker written in Python (examples/worker-path-python),
// registered with --workers like any third-party type. PathExists= (a unit started at boot),
// PathChanged= on close after write, DirectoryNotEmpty= with MakeDirectory=, a trigger limit, bad
// settings reported with file:line, and the worker killed with -9 (and the core too) coming back
// with its units still watching. Real processes, real files, real inotify.
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, Sandbox, sleep, unitsOf, useSandbox } from '../harness.mjs';

const UNITS = unitsOf(import.meta.url);
const WORKER = path.join(ROOT, 'examples/worker-path-python');
const T = '/run/pathtest';

async function lines(sb: Sandbox, file: string): Promise<string[]> {
  const r = await sb.sh(`cat ${file} 2>/dev/null || true`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

async function sub(sb: Sandbox, unit: string): Promise<string> {
  return sb.show(unit, 'SubState');
}

describe('path units (a worker in Python) in a booted sandbox', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [UNITS], workers: [WORKER] }), (s) => { sb = s; });

  test('the registered worker runs and a path unit wanted by multi-user.target is waiting after boot', async () => {
    assert.ok(await sb.pidOf('sm-path') > 1, 'sm-path runs');
    assert.equal((await sb.sctl('is-active', 'exists.path')).stdout.trim(), 'active');
    assert.equal(await sub(sb, 'exists.path'), 'waiting');
    assert.equal(await sb.show('exists.path', 'Triggers'), 'exists.service');
    assert.match(await sb.show('exists.path', 'Before'), /\bexists\.service\b/);
  });

  test('PathExists=: the file appearing (parents first) starts the service, which removes it; back to waiting', async () => {
    await sb.sh(`mkdir -p ${T}/exists`);
    await sleep(300);
    assert.deepEqual(await lines(sb, `${T}/exists.log`), [], 'a parent appearing does not trigger');
    await sb.sh(`touch ${T}/exists/flag`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/exists.log`)).length === 1, 15_000), 'exists.service ran');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'exists.path') === 'waiting', 15_000), 'back to waiting');
    assert.equal((await sb.sh(`test -e ${T}/exists/flag; echo $?`)).stdout.trim(), '1');
    await sleep(500);
    assert.equal((await lines(sb, `${T}/exists.log`)).length, 1, 'ran once');
  });

  test('PathChanged=: a write does not trigger, the close after it does', async () => {
    await sb.sh(`touch ${T}/changed.txt`);
    const start = await sb.sctl('start', 'changed.path');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal(await sub(sb, 'changed.path'), 'waiting');
    await sleep(300);
    assert.deepEqual(await lines(sb, `${T}/changed.log`), [], 'an existing file does not trigger');
    const r = await sb.sh(`python3 -c "
import os, sys, time
f = open('${T}/changed.txt', 'a'); f.write('x'); f.flush(); time.sleep(1.0)
print('before-close', os.path.exists('${T}/changed.log')); sys.stdout.flush(); f.close()"`, { timeoutMs: 10_000 });
    assert.equal(r.stdout.trim(), 'before-close False', r.stderr);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/changed.log`)).length === 1, 15_000), 'changed.service ran after the close');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'changed.path') === 'waiting', 15_000));
  });

  test('DirectoryNotEmpty= with MakeDirectory=/DirectoryMode=: the folder is made, a file in it starts the service', async () => {
    const start = await sb.sctl('start', 'spool.path');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.equal((await sb.sh(`stat -c %a ${T}/spool/in`)).stdout.trim(), '700');
    await sleep(300);
    assert.deepEqual(await lines(sb, `${T}/spool.log`), [], 'an empty folder does not trigger');
    await sb.sh(`echo data > ${T}/spool/in/job-1`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/spool.log`)).includes('job-1'), 15_000), 'spool.service drained job-1');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'spool.path') === 'waiting', 15_000));
    assert.equal((await sb.sh(`ls -A ${T}/spool/in | wc -l`)).stdout.trim(), '0');
  });

  test('a condition that keeps holding hits TriggerLimitBurst=: the unit fails with trigger-limit-hit', async () => {
    await sb.sh(`touch ${T}/limit-flag`);
    const start = await sb.sctl('start', 'limit.path');
    assert.equal(start.exitCode, 0, start.stderr);
    assert.ok(await sb.waitFor(async () => (await sb.sctl('is-failed', 'limit.path')).stdout.trim() === 'failed', 20_000),
      `limit.path failed (${await sub(sb, 'limit.path')})`);
    assert.equal(await sb.show('limit.path', 'Result'), 'trigger-limit-hit');
    const status = await sb.sctl('status', 'limit.path');
    assert.match(status.stdout, /failed \(Result: trigger-limit-hit\)/, status.stdout);
    assert.match(status.stdout, /trigger limit hit \(3 in 1min\)/, 'the ReportEvent warning is shown with the unit');
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/limit.log`)).length === 3, 10_000), 'limited.service ran 3 times');
    await sleep(500);
    assert.equal((await lines(sb, `${T}/limit.log`)).length, 3, 'and not a fourth time');
    assert.equal((await sb.sctl('reset-failed', 'limit.path')).exitCode, 0);
    assert.equal((await sb.sctl('is-active', 'limit.path')).stdout.trim(), 'inactive');
  });

  test('a bad value and a missing path setting load as bad-setting naming file and line; start is refused', async () => {
    const check = async (unit: string, where: string, words: RegExp): Promise<void> => {
      let out = '';
      // The first status loads the unit; the worker's answer may arrive just after it (see the report).
      const ok = await sb.waitFor(async () => {
        out = (await sb.sctl('status', unit)).stdout;
        return /Loaded: bad-setting/.test(out);
      }, 10_000, 300);
      assert.ok(ok, out);
      assert.ok(out.includes(`${path.join(UNITS, unit)}:${where}`), out);
      assert.match(out, words);
      const start = await sb.sctl('start', unit);
      assert.notEqual(start.exitCode, 0);
    };
    await check('bad.path', '6', /TriggerLimitBurst.*"lots" is not an unsigned integer/);
    await check('empty.path', '4', /nothing to watch/);
  });

  test('an unknown key is a warning: the unit loads, works, and the worker logs the place', async () => {
    const start = await sb.sctl('start', 'odd.path');
    assert.equal(start.exitCode, 0, start.stderr);
    await sb.sh(`touch ${T}/odd-flag`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/odd.log`)).length === 1, 15_000), 'odd-target.service ran');
    const log = await sb.sh('cat /var/log/sysmaster/sm-path.log');
    assert.ok(log.stdout.includes(`${path.join(UNITS, 'odd.path')}:6: Frobnicate: unknown key`), log.stdout.slice(-2000));
  });

  test('kill -9 of the Python worker: a new one comes back with its units watching', async () => {
    const before = await sb.pidOf('sm-path');
    const invocation = await sb.show('exists.path', 'InvocationID');
    await sb.sh(`kill -9 ${before}`);
    assert.ok(await sb.waitFor(async () => { const p = await sb.pidOf('sm-path'); return p > 1 && p !== before; }, 20_000), 'a new sm-path runs');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'exists.path') === 'waiting', 15_000), `exists.path waiting (${await sub(sb, 'exists.path')})`);
    for (const u of ['changed.path', 'spool.path', 'odd.path']) assert.equal(await sub(sb, u), 'waiting', u);
    assert.equal(await sb.show('limit.path', 'ActiveState'), 'inactive');
    assert.match(invocation, /^[0-9a-f]{32}$/);
    assert.equal(await sb.show('exists.path', 'InvocationID'), invocation, 'the same run, not a new start');
    await sb.sh(`touch ${T}/exists/flag; echo more > ${T}/spool/in/job-2`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/exists.log`)).length === 2, 15_000), 'exists.path triggers again');
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/spool.log`)).includes('job-2'), 15_000), 'spool.path triggers again');
  });

  test('kill -9 of the core: the new core sees the same states, and triggering goes through it', async () => {
    const core = await sb.pidOf('sysmaster');
    const worker = await sb.pidOf('sm-path');
    await sb.sh(`kill -9 ${core}`);
    assert.ok(await sb.waitFor(async () => { const p = await sb.pidOf('sysmaster'); return p > 1 && p !== core; }, 20_000), 'a new core runs');
    assert.ok(await sb.waitFor(async () => (await sb.sctl('is-active', 'multi-user.target')).stdout.trim() === 'active', 15_000));
    assert.equal(await sb.pidOf('sm-path'), worker, 'the worker was adopted, not restarted');
    for (const u of ['exists.path', 'changed.path', 'spool.path']) assert.equal(await sub(sb, u), 'waiting', u);
    await sb.sh(`touch ${T}/exists/flag`);
    assert.ok(await sb.waitFor(async () => (await lines(sb, `${T}/exists.log`)).length === 3, 20_000), 'exists.path triggers through the new core');
    assert.ok(await sb.waitFor(async () => await sub(sb, 'exists.path') === 'waiting', 15_000));
  });

  test('stop is idempotent and a stopped unit does not trigger', async () => {
    assert.equal((await sb.sctl('stop', 'changed.path')).exitCode, 0);
    assert.equal((await sb.sctl('stop', 'changed.path')).exitCode, 0);
    assert.equal(await sb.show('changed.path', 'ActiveState'), 'inactive');
    await sb.sh(`echo y >> ${T}/changed.txt`);
    await sleep(800);
    assert.equal((await lines(sb, `${T}/changed.log`)).length, 1);
  });
});
