// The rule for a worker's environment (workers/environment.ts), which the WorkerPool and the
// conformance kit both start workers by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerEnvironment } from '../src/index';

test('a worker gets PATH, LANG, its type and the SYSMASTER_ overrides, in that order', () => {
  const vars = workerEnvironment('path', { LANG: 'de_DE.UTF-8', SYSMASTER_RUNTIME_DIR: '/tmp/run', SYSMASTER_UNIT_PATH: '/a:/b' });
  assert.deepEqual(vars, [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=de_DE.UTF-8', 'SYSMASTER_WORKER_TYPE=path',
    'SYSMASTER_RUNTIME_DIR=/tmp/run', 'SYSMASTER_UNIT_PATH=/a:/b',
  ]);
});

test('a worker gets neither the starter\'s other variables nor the core\'s private ones', () => {
  const vars = workerEnvironment('path', {
    HOME: '/root', PATH: '/opt/bin', SECRET: 'x', SYSMASTER_WORKER_TYPE: 'service', SYSMASTER_CORE_GENERATION: '3', SYSMASTER_INIT_STATE: '{}',
  });
  assert.deepEqual(vars, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'SYSMASTER_WORKER_TYPE=path']);
});
