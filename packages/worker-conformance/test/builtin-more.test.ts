// CI for the other workers that ship or are examples: the socket and timer workers from their
// registrations in units/workers, and the third-party path worker in Python from
// examples/worker-path-python, each with a unit that starts and stops without touching the host
// (an abstract socket name, a timer an hour away, a path that never appears). Every check that
// applies must pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { verifyWorker } from '../src/verify';
import { FIXTURES, check, failures } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

const cases: Array<{ what: string; registration: string; unit: string }> = [
  { what: 'the built-in socket worker', registration: 'units/workers/socket.conf', unit: 'sm-verify-listen.socket' },
  { what: 'the built-in timer worker', registration: 'units/workers/timer.conf', unit: 'sm-verify-later.timer' },
  { what: 'the path worker written in Python', registration: 'examples/worker-path-python/path.conf', unit: 'sm-verify-watch.path' },
];

for (const c of cases) {
  test(`${c.what} passes every check, across its own restart and a core's`, async () => {
    const report = await verifyWorker({ registration: path.join(ROOT, c.registration), unitFiles: [path.join(FIXTURES, c.unit)] });
    assert.deepEqual(failures(report), []);
    assert.equal(check(report, 'restart.worker').status, 'pass');
    assert.equal(check(report, 'restart.core').status, 'pass');
    assert.equal(check(report, 'watch.start').status, 'pass');
  });
}
