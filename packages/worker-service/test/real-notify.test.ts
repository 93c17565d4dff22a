// The real sm-service with real daemons: Type=notify made active by Debian's systemd-notify and
// by a raw datagram, a forking daemon with a PIDFile, and a watchdog that fires. The worker runs
// as a child process on temporary runtime, log and cgroup directories, driven over its socket
// the way the core drives it (a stand-in core carries out its restart jobs); the fixture daemons
// are in fixtures/daemons/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Client, type UnitStatus__Output } from '@sysmaster/proto';
import { loadRequest, serveStandInCore, waitForStatus } from './helpers';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const DAEMONS = path.resolve(__dirname, 'fixtures/daemons');
const UNIFIED = '/sys/fs/cgroup/unified';
const hasCgroup2 = fs.existsSync(path.join(UNIFIED, 'cgroup.procs'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-notify-'));
const cgroupRoot = hasCgroup2 ? path.join(UNIFIED, `sm-notify-test-${process.pid}`) : '';
const socketPath = path.join(dir, 'run', 'workers', 'service.sock');
let worker: ChildProcess | null = null;
let client: Client<'UnitWorker'>;
const started = new Set<string>();
let core: Awaited<ReturnType<typeof serveStandInCore>> | null = null;

function waitFor(name: string, ok: (s: UnitStatus__Output) => boolean, what: string, ms = 8000): Promise<UnitStatus__Output> {
  return waitForStatus(client, name, ok, what, path.join(dir, 'worker.log'), ms);
}

async function run(name: string, lines: string[]): Promise<void> {
  const load = await client.Load(loadRequest(name, lines));
  assert.deepEqual(load.errors, []);
  started.add(name);
  await client.Start({ name });
}

async function startWorker(): Promise<void> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', SYSMASTER_WORKER_TYPE: 'service',
    SYSMASTER_RUNTIME_DIR: path.join(dir, 'run'), SYSMASTER_LOG_DIR: path.join(dir, 'log'),
  };
  if (cgroupRoot) env.SYSMASTER_CGROUP_ROOT = cgroupRoot;
  const log = fs.openSync(path.join(dir, 'worker.log'), 'a');
  worker = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  const end = Date.now() + 5000;
  while (!fs.existsSync(socketPath) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  client = connect('UnitWorker', socketPath);
  await client.waitForReady(5000);
}

before(async () => {
  if (cgroupRoot) fs.mkdirSync(cgroupRoot, { recursive: true });
  core = await serveStandInCore(path.join(dir, 'run', 'host.sock'), socketPath);
  await startWorker();
});

after(async () => {
  for (const name of started) { try { await client.Stop({ name }); } catch { /* gone */ } }
  await new Promise((r) => setTimeout(r, 300));
  client.close();
  core?.close();
  if (worker?.pid && worker.exitCode === null) process.kill(worker.pid, 'SIGKILL');
  // fd-store holders outlive the worker by design: end the ones the state files name.
  const states = path.join(dir, 'run', 'state', 'worker-service');
  for (const file of fs.existsSync(states) ? fs.readdirSync(states) : []) {
    const holder = Number((JSON.parse(fs.readFileSync(path.join(states, file), 'utf8')) as { runtime?: { fdStore?: { holderPid?: number } } }).runtime?.fdStore?.holderPid ?? 0);
    let argv0 = '';
    try { argv0 = fs.readFileSync(`/proc/${holder}/cmdline`, 'utf8').split('\0')[0] ?? ''; } catch { /* gone */ }
    if (holder > 0 && argv0 === 'sm-fdstore') process.kill(holder, 'SIGKILL');
  }
  if (cgroupRoot) {
    const remove = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) remove(path.join(d, e.name));
      try { fs.readFileSync(path.join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).forEach((p) => { try { process.kill(Number(p), 'SIGKILL'); } catch { /* gone */ } }); } catch { /* gone */ }
      try { fs.rmdirSync(d); } catch { /* still busy */ }
    };
    await new Promise((r) => setTimeout(r, 100));
    remove(cgroupRoot);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('systemd-notify --ready (Debian\'s) makes a Type=notify unit active, without its 5 s barrier wait', async () => {
  const begun = Date.now();
  await run('sdn.service', ['Type=notify', 'ExecStart=/bin/sh -c "sleep 0.2; systemd-notify --ready --status=\\"up via systemd-notify\\"; echo notified-at-$(date +%%s%%N); exec sleep 1000"']);
  const up = await waitFor('sdn.service', (s) => s.sub_state === 'running', 'running');
  assert.equal(up.status_text, 'up via systemd-notify');
  await new Promise((r) => setTimeout(r, 300));
  const log = fs.readFileSync(up.log_path, 'utf8');
  const at = Number(/notified-at-(\d+)/.exec(log)?.[1] ?? 0) / 1e6;
  assert.ok(at > 0 && at - begun < 3000, `systemd-notify returned ${at - begun} ms after the start: the barrier fd was closed`);
});

test('a raw sd_notify datagram makes a Type=notify unit active and STOPPING=1 is seen on stop', async () => {
  await run('raw.service', ['Type=notify', `ExecStart=/usr/bin/python3 ${DAEMONS}/notify-daemon.py --status "raw datagram"`]);
  const up = await waitFor('raw.service', (s) => s.sub_state === 'running', 'running');
  assert.equal(up.status_text, 'raw datagram');
  await client.Stop({ name: 'raw.service' });
  const down = await waitFor('raw.service', (s) => s.active_state === 'inactive', 'inactive');
  assert.equal(down.result, 'success');
  assert.equal(down.exec_main_pid, up.main_pid);
});

test('a forking daemon is running with the main pid from its PIDFile', async () => {
  const pidFile = path.join(dir, 'forking.pid');
  await run('fork.service', ['Type=forking', `PIDFile=${pidFile}`, `ExecStart=${DAEMONS}/forking-daemon.sh ${pidFile}`]);
  const up = await waitFor('fork.service', (s) => s.sub_state === 'running', 'running');
  assert.equal(up.main_pid, Number(fs.readFileSync(pidFile, 'utf8').trim()));
  assert.equal(up.control_pid, 0);
  await client.Stop({ name: 'fork.service' });
  await waitFor('fork.service', (s) => s.active_state === 'inactive', 'inactive');
  assert.throws(() => process.kill(up.main_pid, 0));
});

test('a daemon that stops its watchdog pings is aborted with result watchdog', async () => {
  const flag = path.join(dir, 'stop-pinging');
  await run('dog.service', ['Type=notify', 'WatchdogSec=600ms', 'TimeoutAbortSec=2', `ExecStart=/usr/bin/python3 ${DAEMONS}/notify-daemon.py --stop-pinging-file ${flag}`]);
  await waitFor('dog.service', (s) => s.sub_state === 'running', 'running');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await client.Status({ name: 'dog.service' })).sub_state, 'running', 'the pings keep it running');
  fs.writeFileSync(flag, '');
  const dead = await waitFor('dog.service', (s) => s.active_state === 'failed', 'failed');
  assert.equal(dead.result, 'watchdog');
  assert.ok(dead.exit_code === 'dumped' || dead.exit_code === 'killed', dead.exit_code);
});

test('the fd store is handed back after a crash of the service and after a crash of the worker', async () => {
  const report = path.join(dir, 'fdstore.report');
  await run('store.service', ['Type=notify', 'FileDescriptorStoreMax=4', 'Restart=always', 'RestartSec=50ms',
    `ExecStart=/usr/bin/python3 ${DAEMONS}/fdstore-daemon.py ${report}`]);
  const first = await waitFor('store.service', (s) => s.sub_state === 'running', 'running');
  assert.equal(fs.readFileSync(report, 'utf8').trim(), 'fdstore: nothing handed back');
  process.kill(first.main_pid, 'SIGKILL');
  const second = await waitFor('store.service', (s) => s.sub_state === 'running' && s.main_pid !== first.main_pid, 'a restart');
  assert.equal(fs.readFileSync(report, 'utf8').trim(), `fdstore: got 'born in pid ${first.main_pid}'`);

  const stateFile = path.join(dir, 'run', 'state', 'worker-service', 'store.service.json');
  const end = Date.now() + 5000;
  while (!fs.readFileSync(stateFile, 'utf8').includes(`"mainPid":${second.main_pid}`) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  const old = worker!;
  process.kill(old.pid!, 'SIGKILL');
  await new Promise<void>((r) => (old.exitCode !== null || old.signalCode !== null ? r() : old.once('exit', () => r())));
  client.close();
  fs.rmSync(socketPath, { force: true });
  await startWorker();
  assert.equal((await client.Status({ name: 'store.service' })).main_pid, second.main_pid, 're-adopted');
  process.kill(second.main_pid, 'SIGKILL');
  await waitFor('store.service', (s) => s.sub_state === 'running' && s.main_pid !== second.main_pid, 'a restart by the new worker');
  assert.equal(fs.readFileSync(report, 'utf8').trim(), `fdstore: got 'born in pid ${first.main_pid}'`);
});
