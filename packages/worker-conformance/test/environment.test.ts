// The kit starts a worker with the core's workerEnvironment(): this runs a real WorkerPool with a
// spawn seam that records what it would start, and asserts that the function the kit calls
// builds the same variables from the same environment, and that environmentObject() keeps them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { WorkerPool, workerEnvironment } from '@sysmaster/core';
import { environmentObject } from '../src/environment';
import { tempDir } from './helpers';

test('the kit gives a worker the environment the core gives it', async () => {
  const dir = tempDir('sm-verify-env-');
  const saved = { ...process.env };
  process.env.SYSMASTER_RUNTIME_DIR = path.join(dir, 'run');
  process.env.SYSMASTER_LOG_DIR = path.join(dir, 'log');
  const env: NodeJS.ProcessEnv = {
    LANG: 'de_DE.UTF-8', HOME: '/root', SECRET: 'not passed', SYSMASTER_UNIT_PATH: '/a:/b', SYSMASTER_LOG_DIR: path.join(dir, 'log'),
    SYSMASTER_WORKER_TYPE: 'service', SYSMASTER_CORE_GENERATION: '3', SYSMASTER_INIT_STATE: '/x', SYSMASTER_CGROUP_ROOT: '/sys/fs/cgroup/x',
  };
  let seen: string[] = [];
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
  try {
    const pool = new WorkerPool({
      registrations: new Map([['demo', { type: 'demo', program: '/bin/true', argv: ['/bin/true'], file: path.join(dir, 'demo.conf'), startTimeoutMs: 10_000 }]]),
      sys: { spawn: (ctx) => { seen = [...ctx.env]; return 0; }, watchProcessExit: () => () => undefined, kill: () => undefined },
      log: log as never, onStatus: () => undefined, onRestarted: async () => undefined, readyTimeoutMs: 100, env,
    });
    await pool.startAll();
    pool.close();
  } finally {
    process.env = saved;
  }
  assert.ok(seen.length > 0, 'the pool spawned the worker');
  assert.deepEqual(workerEnvironment('demo', env), seen);
  assert.ok(!seen.some((v) => v.startsWith('SECRET=') || v.startsWith('SYSMASTER_CORE_GENERATION=')));
});

test('environmentObject keeps every variable, and an = inside a value', () => {
  const vars = workerEnvironment('demo', { LANG: 'C', SYSMASTER_UNIT_PATH: '/a=b:/c' });
  assert.deepEqual(environmentObject(vars), {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C', SYSMASTER_WORKER_TYPE: 'demo', SYSMASTER_UNIT_PATH: '/a=b:/c',
  });
});
