// CI for the built-in workers: the kit starts each from its registration in units/workers, as
// the core would, and every check passes (the service worker keeps its sleeping service across
// its own SIGKILL; the kit stops it again at the end).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { verifyWorker } from '../src/verify';
import { FIXTURES, check, failures } from './helpers';

const WORKERS = path.resolve(__dirname, '../../../units/workers');

/** Whether `pid` runs (a zombie does not: once its parent is gone, reaping it is init's business). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('the built-in service worker passes every check, and its service is re-adopted with the same main pid', async () => {
  const report = await verifyWorker({
    registration: path.join(WORKERS, 'service.conf'), unitFiles: [path.join(FIXTURES, 'sm-verify-sleeper.service')],
  });
  assert.deepEqual(failures(report), []);
  assert.deepEqual(report.checks.filter((c) => c.status === 'skip').map((c) => c.name), []);
  const restart = check(report, 'restart.worker').reason;
  const pid = Number(/active\/running pid (\d+) as before/.exec(restart)?.[1]);
  assert.ok(pid > 0, restart);
  assert.equal(running(pid), false, 'the kit stopped the service it started');
});

test('the built-in target worker passes every check; the section checks are skipped, as a target owns no section', async () => {
  const report = await verifyWorker({
    registration: path.join(WORKERS, 'target.conf'), unitFiles: [path.join(FIXTURES, 'sm-verify-group.target')],
  });
  assert.deepEqual(failures(report), []);
  assert.deepEqual(report.checks.filter((c) => c.status === 'skip').map((c) => c.name), ['load.unknown-key', 'load.bad-value', 'unload.inactive']);
  assert.equal(check(report, 'restart.worker').status, 'pass');
});
