// The command lines: sm-verify-worker's options, its exit status and JSON report as a program
// reads them, and `sctl verify-worker`'s lookup of a registration in the worker search path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseVerifyArgs } from '../src/start';
import { verifyRegisteredWorker } from '../src/registered';
import { FAKE_UNITS, fakeRegistration, tempDir } from './helpers';

const MAIN = path.resolve(__dirname, '../dist/main.js');

test('the runner needs exactly one of --registration and --socket, and a positive --timeout', () => {
  assert.ok('usage' in parseVerifyArgs([]));
  assert.ok('usage' in parseVerifyArgs(['--registration', 'a.conf', '--socket', '/s']));
  assert.ok('usage' in parseVerifyArgs(['--socket', '/s', '--timeout', 'soon']));
  assert.ok('usage' in parseVerifyArgs(['--socket', '/s', '--frobnicate']));
  assert.deepEqual(parseVerifyArgs(['--socket', '/s', '--unit', 'a.x', '--unit', 'b.x', '--json', '--timeout', '500']), {
    json: true, options: { socket: '/s', unitFiles: ['a.x', 'b.x'], timeoutMs: 500 },
  });
});

test('sm-verify-worker exits 2 on wrong usage and 1 with a JSON report naming the failed check', () => {
  assert.equal(spawnSync(process.execPath, [MAIN, '--socket'], { encoding: 'utf8' }).status, 2);
  const run = spawnSync(process.execPath, [MAIN, '--registration', fakeRegistration(['no-version']), '--json', '--timeout', '2000',
    ...FAKE_UNITS.flatMap((u) => ['--unit', u])], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { passed: boolean; type: string; checks: Array<{ name: string; status: string }> };
  assert.equal(report.passed, false);
  assert.equal(report.type, 'fake');
  assert.deepEqual(report.checks.filter((c) => c.status === 'fail').map((c) => c.name), ['describe.version']);
});

test('sctl verify-worker finds the registration in the worker search path, and names the folders when there is none', async () => {
  const dir = tempDir('sm-verify-path-');
  fs.copyFileSync(fakeRegistration(), path.join(dir, 'fake.conf'));
  const saved = process.env.SYSMASTER_WORKER_PATH;
  process.env.SYSMASTER_WORKER_PATH = dir;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  try {
    assert.equal(await verifyRegisteredWorker('other', [], io), 1);
    assert.match(err.join(''), new RegExp(`No worker is registered for unit type 'other' \\(searched ${dir}\\)`));
    assert.equal(await verifyRegisteredWorker('fake', FAKE_UNITS, io, { timeoutMs: 2000 }), 0, out.join(''));
    assert.match(out.join(''), /^PASS {2}describe\.type +Describe says type 'fake'$/m);
    assert.match(out.join(''), /fake worker on .*: \d+ passed, 0 failed, 0 skipped — conforms/);
  } finally {
    if (saved === undefined) delete process.env.SYSMASTER_WORKER_PATH;
    else process.env.SYSMASTER_WORKER_PATH = saved;
  }
});
