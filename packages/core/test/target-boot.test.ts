// Real processes: the core's engine (createCore, without the gRPC API) against the real
// worker-target, spawned through @sysmaster/sys from a registration file, in temp directories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as sys from '@sysmaster/sys';
import { createCore } from '../src/core';
import { memoryStore } from '../src/store';
import { DEFAULT_SYSTEM_CONFIG } from '../src/system-config';
import { readRegistrations } from '../src/workers/registry';
import { silentLogger } from '../src/log';
import type { ShutdownKind } from '../src/manager-core';

const WORKER_TARGET = path.resolve(__dirname, '../../worker-target/dist/main.js');

test('a target graph reaches active in order with the real target worker, a new core adopts it starting nothing, and shutdown stops in reverse', { skip: !fs.existsSync(WORKER_TARGET) && 'worker-target is not built' }, async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'core-boot-'));
  const dirs = { run: path.join(root, 'run'), log: path.join(root, 'log'), etc: path.join(root, 'etc'), units: path.join(root, 'units'), workers: path.join(root, 'workers') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const saved = { ...process.env };
  Object.assign(process.env, {
    SYSMASTER_RUNTIME_DIR: dirs.run, SYSMASTER_LOG_DIR: dirs.log, SYSMASTER_CONFIG_DIR: dirs.etc,
    SYSMASTER_UNIT_PATH: dirs.units, SYSMASTER_WORKER_PATH: dirs.workers,
  });
  fs.writeFileSync(path.join(dirs.workers, 'target.conf'), `[Worker]\nType=target\nExecStart=${path.relative(dirs.workers, WORKER_TARGET)}\n`);
  const unit = (name: string, text: string): void => fs.writeFileSync(path.join(dirs.units, name), text);
  unit('sysinit.target', '[Unit]\nDescription=System Initialization\n');
  unit('basic.target', '[Unit]\nDescription=Basic System\nRequires=sysinit.target\nAfter=sysinit.target\n');
  unit('network.target', '[Unit]\nDescription=Network\nBefore=multi-user.target\n');
  unit('multi-user.target', '[Unit]\nDescription=Multi-User System\nRequires=basic.target\nWants=network.target\nAfter=basic.target\n');
  fs.symlinkSync('multi-user.target', path.join(dirs.units, 'default.target'));

  const stopChildExit = sys.onChildExit(() => undefined);
  const shutdowns: ShutdownKind[] = [];
  let finalStepDone!: () => void;
  const finalStepCalled = new Promise<void>((resolve) => (finalStepDone = resolve));
  const store = memoryStore();
  const options = {
    log: silentLogger(), config: DEFAULT_SYSTEM_CONFIG, store, sys, registrations: readRegistrations().workers,
    searchPath: [dirs.units], readyTimeoutMs: 15_000,
    finalStep: async (kind: ShutdownKind) => {
      shutdowns.push(kind);
      finalStepDone();
    },
  };
  const first = createCore(options);
  let core = first;
  t.after(() => {
    // The worker outlives its core by design (setsid): end it by its pid, read before close()
    // (a closed pool describes no worker, and the worker was left running after every run).
    const pid = core.pool.describe('target')?.pid ?? first.pool.describe('target')?.pid;
    first.close();
    core.close();
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch { /* already gone */ }
    }
    stopChildExit();
    process.env = saved;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const activeOrder: string[] = [];
  const inactiveOrder: string[] = [];
  core.manager.events.on('unit', (s) => {
    if (s.active_state === 'active') activeOrder.push(s.name);
    if (s.active_state === 'inactive' && activeOrder.includes(s.name)) inactiveOrder.push(s.name);
  });
  assert.equal(core.manager.systemState(), 'initializing');
  await core.bringUp();
  const deadline = Date.now() + 10_000;
  while (core.manager.jobCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(core.manager.systemState(), 'running');
  assert.ok(store.boot().completed);
  assert.equal(activeOrder.at(-1), 'multi-user.target');
  assert.ok(activeOrder.indexOf('sysinit.target') < activeOrder.indexOf('basic.target'));
  assert.ok(activeOrder.indexOf('network.target') < activeOrder.indexOf('multi-user.target'));
  assert.equal(new Set(activeOrder).size, 4);
  assert.equal(core.manager.unit('multi-user.target').status.active_state, 'active');
  assert.equal(core.manager.unit('default.target').name, 'multi-user.target');

  // A new core (as after a crash) adopts the running worker, resyncs, and starts nothing.
  const workerPid = first.pool.describe('target')?.pid;
  first.close();
  core = createCore(options);
  await core.bringUp();
  assert.equal(core.pool.describe('target')?.pid, workerPid);
  assert.equal(core.manager.jobCount(), 0);
  assert.equal(core.manager.systemState(), 'running');
  assert.equal(core.manager.unit('basic.target').status.active_state, 'active');
  core.manager.events.on('unit', (s) => {
    if (s.active_state === 'inactive') inactiveOrder.push(s.name);
  });

  core.manager.shutdown('poweroff');
  assert.equal(core.manager.systemState(), 'stopping');
  await finalStepCalled;
  assert.deepEqual(shutdowns, ['poweroff']);
  assert.equal(inactiveOrder[0], 'multi-user.target');
  assert.equal(inactiveOrder.at(-1), 'sysinit.target');
  assert.equal(core.manager.units().filter((u) => u.status.active_state !== 'inactive').length, 0);
});
