// The exec module against the real thing: processes spawned through @sysmaster/sys with the
// requests spawnRequest() builds, checked from inside (environment, /proc/PID/limits, umask,
// uid/gid, working directory, stdin data, chroot), and a real cgroup v2 directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cgroup2Root, onChildExit, spawn, type ExitInfo } from '@sysmaster/sys';
import { parseExecLine } from '@sysmaster/unit-file';
import {
  applyCgroupSettings, defaultExecSettings, finishRun, prepareLaunch, readCgroupCounters, RealExecOs, spawnRequest,
  type DirectoryRoots, type ExecSettings,
} from '../src';

const exits = new Map<number, ExitInfo>();
const waiters = new Map<number, (info: ExitInfo) => void>();
onChildExit((info) => {
  const waiter = waiters.get(info.pid);
  if (waiter) { waiters.delete(info.pid); waiter(info); } else exits.set(info.pid, info);
});
function exitOf(pid: number): Promise<ExitInfo> {
  const known = exits.get(pid);
  if (known) return Promise.resolve(known);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pid ${pid} did not exit`)), 10_000);
    waiters.set(pid, (info) => { clearTimeout(timer); resolve(info); });
  });
}

function setup(t: { after(fn: () => void): void }): { os: RealExecOs; top: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-real-'));
  t.after(() => fs.rmSync(top, { recursive: true, force: true }));
  fs.chmodSync(top, 0o755);
  const roots: DirectoryRoots = {
    runtime: path.join(top, 'run'), state: path.join(top, 'lib'), cache: path.join(top, 'cache'), logs: path.join(top, 'log'),
    configuration: path.join(top, 'etc'), data: path.join(top, 'data'), localeFile: path.join(top, 'no-locale'),
    passwd: '/etc/passwd', group: '/etc/group',
  };
  return { os: new RealExecOs(roots, null), top };
}

/** Runs `line` with `exec` as the unit's only command, stdout to a file; returns that file's text. */
async function run(fake: RealExecOs, top: string, exec: ExecSettings, line: string): Promise<string> {
  const out = path.join(top, 'out');
  const launch = prepareLaunch({ ...exec, stdout: { kind: 'file', path: out, mode: 'truncate' } }, fake,
    { unit: 'demo.service', invocationId: '0123456789abcdef0123456789abcdef' });
  const pid = spawn(spawnRequest(launch, parseExecLine(line), { mainPid: 0, cgroupDir: null, logPath: '/dev/null', control: false }));
  const status = await exitOf(pid);
  const text = fs.readFileSync(out, 'utf8');
  assert.equal(status.code, 0, `${line} exited with ${JSON.stringify(status)}: ${text}`);
  return text;
}

test('a spawned service sees exactly the environment built for it', async (t) => {
  const { os: real, top } = setup(t);
  const exec: ExecSettings = { ...defaultExecSettings(), user: 'nobody', environment: [['GREETING', 'hello world']], unsetEnvironment: ['SHELL'] };
  const env = (await run(real, top, exec, '/usr/bin/env')).split('\n').filter(Boolean);
  assert.deepEqual(env, [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'INVOCATION_ID=0123456789abcdef0123456789abcdef',
    'USER=nobody', 'LOGNAME=nobody', 'HOME=/nonexistent', 'GREETING=hello world',
  ]);
});

test('limits, umask, nice, credentials and the working directory apply in the child', async (t) => {
  const { os: real, top } = setup(t);
  const exec: ExecSettings = {
    ...defaultExecSettings(), user: 'nobody', supplementaryGroups: ['adm'], umask: 0o027, nice: 7, workingDirectory: { path: top, optional: false },
    limits: [{ resource: 'nofile', soft: 512, hard: 1024 }, { resource: 'core', soft: 0, hard: Infinity }, { resource: 'cpu', soft: 100, hard: 200 }],
  };
  const text = await run(real, top, exec, '/bin/sh -c "umask; id -u; id -g; id -G; pwd; cut -d\' \' -f19 /proc/$$$$/stat; cat /proc/$$$$/limits"');
  const [umask, uid, gid, groups, cwd, nice, ...limits] = text.split('\n');
  assert.equal(umask, '0027');
  assert.equal(uid, '65534');
  assert.equal(gid, '65534');
  assert.deepEqual(groups?.split(' ').sort(), ['4', '65534']);
  assert.equal(cwd, top);
  assert.equal(nice, '7');
  const row = (name: string): string[] => (limits.find((l) => l.startsWith(name)) ?? '').slice(26).trim().split(/\s+/);
  assert.deepEqual(row('Max open files').slice(0, 2), ['512', '1024']);
  assert.deepEqual(row('Max core file size').slice(0, 2), ['0', 'unlimited']);
  assert.deepEqual(row('Max cpu time').slice(0, 2), ['100', '200']);
});

test('StandardInputText is the child\'s stdin, and RuntimeDirectory belongs to the user', async (t) => {
  const { os: real, top } = setup(t);
  const exec: ExecSettings = {
    ...defaultExecSettings(), user: 'nobody', stdin: { kind: 'data' }, stdinData: Buffer.from('line one\nline two\n'),
    directories: { ...defaultExecSettings().directories, runtime: ['demo'] },
  };
  const text = await run(real, top, exec, '/bin/sh -c "cat; touch $${RUNTIME_DIRECTORY}/written && echo ok"');
  assert.equal(text, 'line one\nline two\nok\n');
  finishRun(exec, real, { unit: 'demo.service', restarting: false });
  assert.ok(!fs.existsSync(path.join(top, 'run/demo')));
});

test('RootDirectory= starts the program inside the new root as the user', async (t) => {
  const { os: real, top } = setup(t);
  const root = path.join(top, 'root');
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  fs.chmodSync(root, 0o755);
  const exec: ExecSettings = { ...defaultExecSettings(), rootDirectory: root, user: 'nobody' };
  const text = await run(real, top, exec, '/bin/busybox sh -c "/bin/busybox pwd; /bin/busybox id -u; /bin/busybox ls /"');
  assert.equal(text, '/\n65534\nbin\n');
});

test('a real cgroup reports its tasks, and a missing controller yields a notice', async (t) => {
  const hierarchy = cgroup2Root();
  const base = hierarchy === null ? null : path.join(hierarchy, `exec-test-${process.pid}`);
  try {
    if (base === null) throw new Error('no cgroup v2 hierarchy');
    fs.mkdirSync(path.join(base, 'demo.service'), { recursive: true });
  } catch (error) {
    t.skip(`cannot create a cgroup here: ${(error as Error).message}`);
    return;
  }
  const unit = path.join(base, 'demo.service');
  const real = new RealExecOs(undefined, base);
  const pid = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [], cgroup: unit });
  t.after(async () => {
    process.kill(pid, 'SIGKILL');
    await exitOf(pid);
    fs.rmdirSync(unit);
    fs.rmdirSync(base);
  });
  const counters = readCgroupCounters(real, unit);
  assert.equal(counters.accounting, true);
  assert.equal(counters.tasks, 1);
  const available = fs.readFileSync(path.join(hierarchy!, 'cgroup.controllers'), 'utf8').split(/\s+/);
  const exec = defaultExecSettings();
  exec.resources.memoryMax = { written: 'MemoryMax=1G', value: { bytes: 1024 ** 3 } };
  const notices = applyCgroupSettings(real, unit, exec);
  if (available.includes('memory')) assert.equal(fs.readFileSync(path.join(unit, 'memory.max'), 'utf8').trim(), String(1024 ** 3));
  else assert.deepEqual(notices, ['MemoryMax=1G is not enforced: the memory controller is not available in this cgroup hierarchy']);
});
