// sctl as a process, against the core's real API layer over a fake engine on temp sockets.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeCore, fakeSystem, quietLog, serveApiWith, tempRuntime, unit, type ApiServer } from '@sysmaster/core/testing';

const repo = path.resolve(__dirname, '../../..');
const main = path.join(repo, 'packages/sctl/src/main.ts');
const env = tempRuntime('sm-sctl-');
const core = new FakeCore();
core.autoFinish = true;
const system = fakeSystem(env.cgroupRoot);
let api: ApiServer;

function sctl(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], {
      cwd: repo,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: '', ...extraEnv },
      timeout: 20_000,
    }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

before(async () => {
  const cgroup = path.join(env.cgroupRoot, 'system.slice', 'web.service');
  fs.mkdirSync(cgroup, { recursive: true });
  fs.writeFileSync(path.join(cgroup, 'cgroup.procs'), `${process.pid}\n`);
  core.logsByName.set('web.service', ['starting', 'listening on :80', 'request 1']);
  const now = Date.now() * 1000;
  core.add(
    unit('web.service', { description: 'Web server' }, {
      active_state: 'active', sub_state: 'running', main_pid: process.pid, active_enter_usec: now - 5_000_000, cgroup: '/system.slice/web.service',
    }),
    unit('idle.service'),
    unit('broken.service', {}, { active_state: 'failed', sub_state: 'failed', result: 'exit-code', exit_code: 'exited', exit_status: 1 }),
    unit('needy.service'),
  );
  core.outcome.set('broken.service', { result: 'failed' });
  core.outcome.set('needy.service', { result: 'dependency' });
  api = await serveApiWith(core, { log: quietLog, hostHandlers: { enqueueJob: async () => 1, reportEvent: () => undefined, watchUnits: () => () => undefined, watchJobQueue: () => () => undefined } }, system);
});

after(async () => {
  await api.close();
  fs.rmSync(env.dir, { recursive: true, force: true });
});

test('status of a running unit prints systemctl\'s layout with processes and log lines, exit 0', async () => {
  const r = await sctl(['status', 'web']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^● web\.service - Web server$/m);
  assert.match(r.stdout, /^ {5}Loaded: loaded \(\/etc\/sysmaster\/system\/web\.service; static\)$/m);
  assert.match(r.stdout, /^ {5}Active: active \(running\) since .+; \d+s ago$/m);
  assert.match(r.stdout, new RegExp(`^ {3}Main PID: ${process.pid} \\(node\\)$`, 'm'));
  assert.match(r.stdout, new RegExp(`^ {13}└─${process.pid} .*node`, 'm'));
  assert.match(r.stdout, /\n\nstarting\nlistening on :80\nrequest 1\n$/);
});

test('status exits 3 for an inactive unit and 4, with systemctl\'s sentence, for an unknown one', async () => {
  assert.equal((await sctl(['status', 'idle'])).code, 3);
  const r = await sctl(['status', 'ghost']);
  assert.equal(r.code, 4);
  assert.equal(r.stderr, 'Unit ghost.service could not be found.\n');
});

test('start enqueues a start job, waits for it and exits 0', async () => {
  const r = await sctl(['start', 'idle']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(core.calls.includes('enqueue start idle.service replace'));
  assert.ok(core.calls.some((c) => c.startsWith('wait ')));
});

test('a failed start job prints systemctl\'s explanation and exits 1', async () => {
  const r = await sctl(['start', 'broken']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Job for broken.service failed because the control process exited with error code.\nSee "sctl status broken.service" and "sctl logs broken.service" for details.\n');
  const d = await sctl(['restart', '--job-mode=fail', 'needy']);
  assert.equal(d.code, 1);
  assert.match(d.stderr, /^A dependency job for needy\.service failed\.$/m);
  assert.ok(core.calls.includes('enqueue restart needy.service fail'));
});

test('--no-block does not wait for the jobs', async () => {
  const before = core.calls.filter((c) => c.startsWith('wait ')).length;
  assert.equal((await sctl(['stop', '--no-block', 'web'])).code, 0);
  assert.equal(core.calls.filter((c) => c.startsWith('wait ')).length, before);
});

test('starting an unknown unit fails with exit 4 naming it', async () => {
  const r = await sctl(['start', 'nope']);
  assert.equal(r.code, 4);
  assert.equal(r.stderr, 'Failed to start nope: Unit nope.service not found.\n');
});

test('list-units, is-active, show, list-jobs and logs print what the manager says', async () => {
  const list = await sctl(['list-units']);
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^ {2}web\.service +loaded active running Web server$/m);
  assert.match(list.stdout, /^2 loaded units listed\./m);
  const active = await sctl(['is-active', 'web', 'idle']);
  assert.deepEqual([active.code, active.stdout], [0, 'active\ninactive\n']);
  assert.equal((await sctl(['is-active', '-q', 'idle'])).code, 3);
  const show = await sctl(['show', 'web', '-p', 'ActiveState,SubState']);
  assert.equal(show.stdout, 'ActiveState=active\nSubState=running\n');
  assert.equal((await sctl(['list-jobs'])).stdout, 'No jobs running.\n');
  const logs = await sctl(['logs', 'web', '-n', '2']);
  assert.equal(logs.stdout, 'listening on :80\nrequest 1\n');
});

test('daemon-reload reaches the engine', async () => {
  const before = core.reloads;
  assert.equal((await sctl(['daemon-reload'])).code, 0);
  assert.equal(core.reloads, before + 1);
});

test('a caller the core treats as unprivileged is refused with exit 5 and a hint', async () => {
  system.uid = 1000;
  try {
    const r = await sctl(['stop', 'web']);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /Access denied: StopUnits needs root privileges\.\nRun the command as root, e\.g\. with sudo\./);
  } finally {
    system.uid = 0;
  }
});

test('without a running manager sctl says so and exits 1', async () => {
  const r = await sctl(['status', 'web'], { SYSMASTER_RUNTIME_DIR: path.join(env.dir, 'nowhere') });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `Failed to connect to sysmaster: is it running? (socket ${path.join(env.dir, 'nowhere', 'private')})\n`);
});

test('a wrong command line exits 2 with a usage hint', async () => {
  const r = await sctl(['frobnicate']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "sctl: Unknown command verb 'frobnicate'.\nSee 'sctl --help' for usage.\n");
});

test('status with no unit shows the system state and each manager process with its pid, when its code was loaded and how often it was replaced', async () => {
  const r = await sctl(['status']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\s+State: /m);
  assert.match(r.stdout, /^\s+Managers: init\s+pid 1, code loaded \w{3} 2023-11-14 \d\d:\d\d:\d\d \w+; .+ ago$/m);
  assert.match(r.stdout, /^\s+sysmaster\s+pid 26, code loaded .+; started 2 times \(last replaced: killed by SIGKILL\)$/m);
  assert.match(r.stdout, /^\s+sm-service\s+pid 37, code loaded .+ ago$/m);
});

test('start of a unit whose files changed on disk prints systemctl\'s daemon-reload warning and still starts it', async () => {
  core.changed.add('web.service');
  try {
    const r = await sctl(['start', 'web']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "Warning: The unit file, source configuration file or drop-ins of web.service changed on disk. Run 'sctl daemon-reload' to reload units.\n");
  } finally {
    core.changed.delete('web.service');
  }
  assert.equal((await sctl(['start', 'web'])).stderr, '', 'no warning for a unit as loaded');
});
