// The kit started the worker from its registration: the worker-restart check kills it with
// SIGKILL and starts it again. A worker that persists its units' states passes; one that forgets
// them fails. Also: a registration that does not parse is refused before anything runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import { verifyWorker } from '../src/verify';
import { FAKE_UNITS, check, failures, fakeRegistration, tempDir } from './helpers';

test('a worker started from its registration that keeps its state across SIGKILL passes every check, restart.worker included', async () => {
  const report = await verifyWorker({ registration: fakeRegistration(), unitFiles: FAKE_UNITS, timeoutMs: 2000 });
  assert.deepEqual(failures(report), []);
  const restart = check(report, 'restart.worker');
  assert.equal(restart.status, 'pass');
  assert.match(restart.reason, /killed pid \d+, started pid \d+; it reports slow.fake active\/running, instant.fake active\/running as before/);
});

test('a worker that forgets its units when it is killed fails restart.worker', async () => {
  const report = await verifyWorker({ registration: fakeRegistration(['forgets-state']), unitFiles: FAKE_UNITS, timeoutMs: 2000 });
  const restart = check(report, 'restart.worker');
  assert.equal(restart.status, 'fail');
  assert.match(restart.reason, /after the restart, instant.fake was active\/running, now inactive\/dead/);
});

test('the kit refuses a registration whose Type= does not match its file name, naming the file and the key', async () => {
  const file = path.join(tempDir('sm-verify-bad-reg-'), 'fake.conf');
  fs.writeFileSync(file, '[Worker]\nType=other\nExecStart=/bin/true\n');
  await assert.rejects(verifyWorker({ registration: file }), (error: unknown) =>
    error instanceof SysmasterError && error.code === 'ERR_INVALID_ARGUMENT' && error.message.includes(`${file}: Type=:`));
});

test('the kit refuses a unit file of another type before it starts anything', async () => {
  await assert.rejects(verifyWorker({ registration: fakeRegistration(), unitFiles: ['/etc/hostname.service'] }), /not a unit of type 'fake'/);
});
