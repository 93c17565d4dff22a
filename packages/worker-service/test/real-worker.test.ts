// The real sm-service as a child process on temporary runtime, log and cgroup directories,
// driven over its socket the way the core drives it; a stand-in for the core serves WorkerHost
// and carries out the restart jobs the worker asks for as the core's job engine does (Stop with
// UnitRequest.restart, then Start).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Client, type LogLine__Output, type UnitStatus__Output } from '@sysmaster/proto';
import { loadRequest, serveStandInCore, waitForStatus } from './helpers';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const UNIFIED = '/sys/fs/cgroup/unified';
const hasCgroup2 = fs.existsSync(path.join(UNIFIED, 'cgroup.procs'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-service-'));
const cgroupRoot = hasCgroup2 ? path.join(UNIFIED, `sm-service-test-${process.pid}`) : '';
const socketPath = path.join(dir, 'run', 'workers', 'service.sock');
const workers: ChildProcess[] = [];
const servicePids = new Set<number>();

function startWorker(): ChildProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', SYSMASTER_WORKER_TYPE: 'service',
    SYSMASTER_RUNTIME_DIR: path.join(dir, 'run'), SYSMASTER_LOG_DIR: path.join(dir, 'log'),
  };
  if (cgroupRoot) env.SYSMASTER_CGROUP_ROOT = cgroupRoot;
  const log = fs.openSync(path.join(dir, 'worker.log'), 'a');
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  workers.push(child);
  return child;
}

function waitFor(client: Client<'UnitWorker'>, name: string, ok: (s: UnitStatus__Output) => boolean, what: string, ms = 5000): Promise<UnitStatus__Output> {
  return waitForStatus(client, name, ok, what, path.join(dir, 'worker.log'), ms);
}

async function connected(): Promise<Client<'UnitWorker'>> {
  const end = Date.now() + 5000;
  while (!fs.existsSync(socketPath) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  const client = connect('UnitWorker', socketPath);
  await client.waitForReady(5000);
  return client;
}

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

let core: Awaited<ReturnType<typeof serveStandInCore>>;

before(async () => {
  if (cgroupRoot) fs.mkdirSync(cgroupRoot, { recursive: true });
  core = await serveStandInCore(path.join(dir, 'run', 'host.sock'), socketPath);
});

after(async () => {
  core.close();
  for (const w of workers) if (w.pid && w.exitCode === null && w.signalCode === null) { try { process.kill(w.pid, 'SIGKILL'); } catch { /* gone */ } }
  for (const pid of servicePids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  await new Promise((r) => setTimeout(r, 200));
  if (cgroupRoot) {
    const remove = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) remove(path.join(d, e.name));
      try { fs.rmdirSync(d); } catch { /* still busy */ }
    };
    remove(cgroupRoot);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the real worker runs a sleep in its own cgroup, reports it running, and stops it', async () => {
  startWorker();
  const client = await connected();
  try {
    const d = await client.Describe({});
    assert.equal(d.type, 'service');
    assert.deepEqual(d.sections, ['Service']);
    assert.equal(d.capabilities?.has_logs, true);
    const load = await client.Load(loadRequest('sleep.service', ['ExecStart=/bin/sleep 1000']));
    assert.deepEqual(load.errors, []);
    await client.Start({ name: 'sleep.service' });
    const running = await waitFor(client, 'sleep.service', (s) => s.sub_state === 'running', 'running');
    servicePids.add(running.main_pid);
    assert.ok(running.main_pid > 0 && alive(running.main_pid));
    if (cgroupRoot) {
      assert.equal(running.cgroup, '/system.slice/sleep.service');
      const procs = fs.readFileSync(path.join(cgroupRoot, 'system.slice/sleep.service/cgroup.procs'), 'utf8');
      assert.ok(procs.split('\n').includes(String(running.main_pid)));
    }
    await client.Stop({ name: 'sleep.service' });
    const dead = await waitFor(client, 'sleep.service', (s) => s.sub_state === 'dead', 'dead');
    assert.equal(dead.result, 'success');
    assert.equal(alive(running.main_pid), false);
  } finally {
    client.close();
  }
});

test('a crashing Restart=on-failure unit comes back through a restart job with a new pid, and Logs serves its output', async () => {
  const client = await connected();
  try {
    await client.Load(loadRequest('crash.service', ['ExecStart=/bin/sh -c "echo started; sleep 0.3; exit 3"', 'Restart=on-failure', 'RestartSec=100ms']));
    await client.Start({ name: 'crash.service' });
    const first = await waitFor(client, 'crash.service', (s) => s.sub_state === 'running', 'running');
    const again = await waitFor(client, 'crash.service', (s) => s.sub_state === 'running' && s.restarts >= 1 && s.main_pid !== first.main_pid, 'a restart');
    assert.ok(again.main_pid > 0);
    assert.ok(core.jobs.includes('crash.service restart'), `the worker asked the core: ${core.jobs.join(', ')}`);
    await client.Stop({ name: 'crash.service' });
    await waitFor(client, 'crash.service', (s) => s.active_state === 'inactive' || s.active_state === 'failed', 'stopped');
    const log = fs.readFileSync(again.log_path, 'utf8');
    assert.match(log, /started\nstarted\n/, "each run appended its output");
    const lines: string[] = [];
    for await (const line of client.Logs({ name: 'crash.service', lines: 2 })) lines.push((line as LogLine__Output).text);
    assert.deepEqual(lines, ['started', 'started']);
  } finally {
    client.close();
  }
});

test('a new worker started after the old one was SIGKILLed re-adopts the running service and sees it exit', async () => {
  let client = await connected();
  let pid = 0;
  try {
    await client.Load(loadRequest('keep.service', ['ExecStart=/bin/sleep 1000']));
    await client.Start({ name: 'keep.service' });
    pid = (await waitFor(client, 'keep.service', (s) => s.sub_state === 'running', 'running')).main_pid;
    servicePids.add(pid);
  } finally {
    client.close();
  }
  const old = workers.at(-1)!;
  const stateFile = path.join(dir, 'run', 'state', 'worker-service', 'keep.service.json');
  const end = Date.now() + 5000; // the state is written at the end of the event-loop turn
  while (!(fs.existsSync(stateFile) && fs.readFileSync(stateFile, 'utf8').includes(`"mainPid":${pid}`)) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
  }
  process.kill(old.pid!, 'SIGKILL');
  await new Promise<void>((r) => (old.exitCode !== null || old.signalCode !== null ? r() : old.once('exit', () => r())));
  assert.ok(alive(pid), 'the service survives its worker');
  fs.rmSync(socketPath, { force: true });
  startWorker();
  client = await connected();
  try {
    const status = await client.Status({ name: 'keep.service' });
    assert.equal(status.sub_state, 'running');
    assert.equal(status.main_pid, pid);
    process.kill(pid, 'SIGTERM');
    const after_ = await waitFor(client, 'keep.service', (s) => s.active_state !== 'active', 'the exit to be noticed');
    assert.equal(after_.main_pid, 0);
  } finally {
    client.close();
  }
});
