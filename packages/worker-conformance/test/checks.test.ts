// Each check of the kit against the fake worker: the honest one passes every check, and each
// misbehaviour makes the check that targets it fail (the fake runs in this process, attached by
// its socket, so restart.worker is skipped here; test/worker-restart.test.ts spawns it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { verifyWorker } from '../src/verify';
import { startFakeWorker, type Flaw } from './fake-worker';
import { FAKE_UNITS, check, failures, tempDir } from './helpers';

async function verifyFake(flaws: Flaw[]) {
  const socketPath = path.join(tempDir('sm-verify-fake-'), 'fake.sock');
  const fake = await startFakeWorker({ socketPath, flaws });
  try {
    return await verifyWorker({ socket: socketPath, unitFiles: FAKE_UNITS, timeoutMs: 1000 });
  } finally {
    await fake.close();
  }
}

test('an honest worker passes every check, and the restart of a worker the kit did not start is skipped', async () => {
  const report = await verifyFake([]);
  assert.deepEqual(failures(report), []);
  assert.equal(report.passed, true);
  assert.equal(check(report, 'restart.worker').status, 'skip');
  const skipped = report.checks.filter((c) => c.status === 'skip').map((c) => c.name);
  assert.deepEqual(skipped, ['restart.worker']);
});

/** Each misbehaviour and the check that must catch it. */
const CAUGHT: Array<[Flaw, string, RegExp]> = [
  ['wrong-type', 'describe.type', /type 'faker'.*registered as 'fake'/],
  ['wrong-pid', 'describe.pid', /served by pid/],
  ['no-version', 'describe.version', /no version/],
  ['reload-succeeds', 'capability.can_reload', /false, but Reload answered OK/],
  ['kill-unimplemented', 'capability.can_kill', /true, but Kill answered UNIMPLEMENTED/],
  ['unknown-unit-ok', 'not-found.Start', /answered OK instead of NOT_FOUND/],
  ['empty-name-not-found', 'invalid-argument.Stop', /NOT_FOUND.*instead of INVALID_ARGUMENT/],
  ['unknown-key-silent', 'load.unknown-key', /gave no warning and no error/],
  ['garbage-accepted', 'load.bad-value', /none of Mode=, Note= rejected/],
  ['error-without-line', 'load.bad-value', /naming .*:0 Mode=, not its line/],
  ['no-snapshot', 'watch.snapshot', /do not include/],
  ['silent-start', 'watch.start', /Watch reported nothing/],
  ['silent-stop', 'watch.stop', /Watch reported nothing/],
  ['stop-inactive-fails', 'stop.idempotent', /FAILED_PRECONDITION/],
  ['list-stale', 'list.matches-watch', /List says inactive\/dead.*Watch last said active\/running/],
  ['status-wrong', 'status.each-unit', /Status of .* says inactive\/dead/],
  ['state-outside-enum', 'watch.active-states', /outside the enum \(instant.fake: 42\)/],
  ['stops-on-disconnect', 'restart.core', /was active\/running, now (inactive\/dead|deactivating\/stopping)/],
  ['dies-on-garbage', 'socket.garbage', /Describe answered (UNAVAILABLE|DEADLINE_EXCEEDED)/],
];

// The runs mostly wait (for a bound to pass), so they run a few at a time.
describe('each misbehaviour is caught by the check that targets it', { concurrency: 4 }, () => {
  for (const [flaw, name, reason] of CAUGHT) {
    test(`a worker with the flaw '${flaw}' fails ${name}`, async () => {
      const report = await verifyFake([flaw]);
      const result = check(report, name);
      assert.equal(result.status, 'fail', `${name} passed: ${result.reason}`);
      assert.match(result.reason, reason);
      assert.equal(report.passed, false);
    });
  }
});
