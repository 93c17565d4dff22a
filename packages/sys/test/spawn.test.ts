import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cgroup2Root, closeFd, listen, setNonblock, spawn, SysError } from '../src/index';
import { exitOf, fdFlags, killAndReap, O_CLOEXEC, O_NONBLOCK, procStat, sleep, tempDir } from './helpers';

const SH = '/bin/sh';

test('spawn runs a program with its argv, env, cwd and umask, stdout truncating a file', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out');
  writeFileSync(out, 'old content that must vanish\n');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'echo "$0|$1|$GREETING|$(pwd)|$(umask)"', 'arg0', 'arg1'],
    env: ['GREETING=hello world'],
    cwd: dir,
    umask: 0o027,
    stdout: { kind: 'file', path: out, mode: 'truncate' },
  });
  assert.deepEqual(await exitOf(pid), { pid, code: 0, signal: null, core: false });
  assert.equal(readFileSync(out, 'utf8'), `arg0|arg1|hello world|${dir}|0027\n`);
});

test('spawn in write mode writes a file from offset 0 without truncating it (StandardOutput=file:)', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'out');
  writeFileSync(out, 'XXXXXXXXXX\n');
  const pid = spawn({ path: SH, argv: ['sh', '-c', 'printf abc'], env: [], stdout: { kind: 'file', path: out, mode: 'write' } });
  await exitOf(pid);
  assert.equal(readFileSync(out, 'utf8'), 'abcXXXXXXX\n');
  const fresh = path.join(dir, 'fresh');
  const second = spawn({ path: SH, argv: ['sh', '-c', 'echo new'], env: [], stdout: { kind: 'file', path: fresh, mode: 'write' } });
  await exitOf(second);
  assert.equal(readFileSync(fresh, 'utf8'), 'new\n', 'created when absent');
});

test('spawn appends stdout and stderr to a file when asked, and stderr can share stdout', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'log');
  writeFileSync(out, 'first\n');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'echo out; echo err >&2'],
    env: [],
    stdout: { kind: 'file', path: out, mode: 'append' },
    stderr: { kind: 'stdout' },
  });
  await exitOf(pid);
  assert.equal(readFileSync(out, 'utf8'), 'first\nout\nerr\n');
});

test('spawn connects a stream to /dev/null by kind null and stdin to a file opened for reading', async (t) => {
  const dir = tempDir(t);
  const input = path.join(dir, 'in');
  const err = path.join(dir, 'err');
  writeFileSync(input, 'from the file\n');
  const pid = spawn({
    path: '/bin/sleep',
    argv: ['sleep', '30'],
    env: [],
    stdin: { kind: 'file', path: input, mode: 'read' },
    stdout: { kind: 'null' },
    stderr: { kind: 'file', path: err, mode: 'append' },
  });
  try {
    assert.equal(readlinkSync(`/proc/${pid}/fd/0`), input);
    assert.equal(readlinkSync(`/proc/${pid}/fd/1`), '/dev/null');
    assert.equal(readlinkSync(`/proc/${pid}/fd/2`), err);
    assert.equal(fdFlags(0, pid) & 0o3, 0, 'stdin is read-only');
  } finally {
    await killAndReap(pid);
  }
  const cat = spawn({
    path: '/bin/cat',
    argv: ['cat'],
    env: [],
    stdin: { kind: 'file', path: input, mode: 'read' },
    stdout: { kind: 'file', path: err, mode: 'append' },
  });
  await exitOf(cat);
  assert.equal(readFileSync(err, 'utf8'), 'from the file\n');
});

test('passed fds arrive at 3 and on with CLOEXEC off and O_NONBLOCK cleared', async (t) => {
  const dir = tempDir(t);
  const a = listen({ family: 'unix', type: 'stream', address: path.join(dir, 'a.sock') });
  const b = listen({ family: 'unix', type: 'dgram', address: path.join(dir, 'b.sock') });
  t.after(() => {
    closeFd(a);
    closeFd(b);
  });
  setNonblock(a, true);
  assert.ok(fdFlags(a) & O_CLOEXEC && fdFlags(a) & O_NONBLOCK);
  const out = path.join(dir, 'out');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'for fd in 3 4; do readlink /proc/self/fd/$fd; grep flags /proc/self/fdinfo/$fd; done'],
    env: [],
    fds: [b, a],
    stdout: { kind: 'file', path: out, mode: 'truncate' },
  });
  await exitOf(pid);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], readlinkSync(`/proc/self/fd/${b}`));
  assert.equal(lines[2], readlinkSync(`/proc/self/fd/${a}`));
  for (const line of [lines[1], lines[3]]) {
    const flags = parseInt(line?.split(/\s+/)[1] ?? 'x', 8);
    assert.equal(flags & O_CLOEXEC, 0, line);
    assert.equal(flags & O_NONBLOCK, 0, line);
  }
});

test('LISTEN_PID equals the child\'s own pid and replaces one given in env', async (t) => {
  const out = path.join(tempDir(t), 'out');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'echo "$$ $LISTEN_PID $LISTEN_FDS"; env | grep -c ^LISTEN_PID='],
    env: ['LISTEN_PID=1', 'LISTEN_FDS=0'],
    listenPid: true,
    stdout: { kind: 'file', path: out, mode: 'truncate' },
  });
  await exitOf(pid);
  assert.equal(readFileSync(out, 'utf8'), `${pid} ${pid} 0\n1\n`);
});

test('WATCHDOG_PID equals the child\'s own pid alongside LISTEN_PID, replacing one given in env', async (t) => {
  const out = path.join(tempDir(t), 'out');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'echo "$$ $WATCHDOG_PID $LISTEN_PID $WATCHDOG_USEC"; env | grep -c ^WATCHDOG_PID='],
    env: ['WATCHDOG_PID=1', 'WATCHDOG_USEC=5'],
    listenPid: true,
    watchdogPid: true,
    stdout: { kind: 'file', path: out, mode: 'truncate' },
  });
  await exitOf(pid);
  assert.equal(readFileSync(out, 'utf8'), `${pid} ${pid} ${pid} 5\n1\n`);
});

test('a missing binary throws SysError at step execve with code ENOENT', () => {
  assert.throws(
    () => spawn({ path: '/nonexistent/program', argv: ['program'], env: [] }),
    (e: unknown) =>
      e instanceof SysError && e.step === 'execve' && e.errnoName === 'ENOENT' && e.errno === 2 &&
      e.syscall === 'execve' && e.message.includes('/nonexistent/program'),
  );
});

test('a working directory that does not exist throws SysError at step chdir', () => {
  assert.throws(
    () => spawn({ path: '/bin/true', argv: ['true'], env: [], cwd: '/nonexistent/dir' }),
    (e: unknown) => e instanceof SysError && e.step === 'chdir' && e.errnoName === 'ENOENT',
  );
});

test('an ill-typed exec context throws a TypeError naming the field', () => {
  assert.throws(() => spawn({ path: 'relative', argv: [], env: [] }), /absolute path/);
  assert.throws(() => spawn({ path: '/bin/true', argv: ['true', 3 as unknown as string], env: [] }), /ExecContext\.argv/);
  assert.throws(
    () => spawn({ path: '/bin/true', argv: ['true'], env: [], rlimits: [{ resource: 'bogus', soft: 1, hard: 1 }] }),
    /unknown resource "bogus"/,
  );
  assert.throws(
    () => spawn({ path: '/bin/true', argv: ['true'], env: [], stdin: { kind: 'stdout' } }),
    /ExecContext\.stdin\.kind/,
  );
});

test('a limit above a hard limit this process may not raise is set as close as allowed (setrlimit_closest)', async (t) => {
  const own = /^Max open files\s+(\d+)\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  const capEff = /^CapEff:\s+([0-9a-f]+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  if (own === null || ((BigInt(`0x${capEff}`) >> 24n) & 1n) === 1n) {
    t.skip('this process may raise hard limits (CAP_SYS_RESOURCE) or has none: the capping path cannot be reached');
    return;
  }
  const hard = Number(own[2]);
  const pid = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [], rlimits: [{ resource: 'nofile', soft: hard + 1000, hard: hard + 1000 }] });
  try {
    assert.match(readFileSync(`/proc/${pid}/limits`, 'utf8'), new RegExp(`^Max open files\\s+${hard}\\s+${hard}\\s`, 'm'));
  } finally {
    await killAndReap(pid);
  }
});

test('rlimits, nice and the oom score apply to the child', async () => {
  const pid = spawn({
    path: '/bin/sleep',
    argv: ['sleep', '30'],
    env: [],
    nice: 7,
    oomScoreAdjust: 321,
    rlimits: [
      { resource: 'nofile', soft: 123, hard: 456 },
      { resource: 'core', soft: Infinity, hard: Infinity },
    ],
  });
  try {
    const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    assert.match(limits, /^Max open files\s+123\s+456\s+files/m);
    assert.match(limits, /^Max core file size\s+unlimited\s+unlimited/m);
    assert.equal(procStat(pid)(19), '7');
    assert.equal(readFileSync(`/proc/${pid}/oom_score_adj`, 'utf8').trim(), '321');
  } finally {
    await killAndReap(pid);
  }
});

test('CPU affinity, I/O priority and an ignored SIGPIPE apply to the child (CPUAffinity=, IOSchedulingClass=, IgnoreSIGPIPE=)', async () => {
  const pid = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [], cpuAffinity: [0], ioPriority: (3 << 13) | 4, ignoreSigpipe: true });
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Cpus_allowed_list:\s+0$/m);
    // SigIgn is a hex mask; SIGPIPE (13) is bit 12.
    const ignored = BigInt(`0x${/^SigIgn:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
    assert.equal((ignored >> 12n) & 1n, 1n, 'SIGPIPE ignored');
    assert.equal(spawnSync('/usr/bin/ionice', ['-p', String(pid)], { encoding: 'utf8' }).stdout.trim(), 'idle');
  } finally {
    await killAndReap(pid);
  }
  const shown = spawn({ path: SH, argv: ['sh', '-c', 'kill -PIPE $$; exit 0'], env: [], ignoreSigpipe: false });
  assert.equal((await exitOf(shown)).signal, 'SIGPIPE', 'without ignoreSigpipe SIGPIPE has its default action');
});

test('setsid makes the child a session leader, and setsid false keeps our session', async () => {
  const leader = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [] });
  const member = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [], setsid: false });
  try {
    assert.equal(procStat(leader)(6), String(leader));
    assert.equal(procStat(member)(6), procStat('self')(6));
  } finally {
    await killAndReap(leader);
    await killAndReap(member);
  }
});

test('uid, gid and groups drop to nobody (65534) when run as root', { skip: process.getuid?.() !== 0 }, async () => {
  const pid = spawn({ path: '/bin/sleep', argv: ['sleep', '30'], env: [], uid: 65534, gid: 65534, cwd: '/' });
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    assert.match(status, /^Gid:\s+65534\s+65534\s+65534\s+65534$/m);
    assert.match(status, /^Groups:\s*$/m);
  } finally {
    await killAndReap(pid);
  }
});

test('a cgroup is joined before exec, so the program and what it forks are inside', async (t) => {
  const root = cgroup2Root();
  if (!root || process.getuid?.() !== 0) return t.skip('needs root and a cgroup2 hierarchy');
  const group = path.join(root, `sysmaster-sys-test-${process.pid}`);
  mkdirSync(group);
  t.after(async () => {
    for (let i = 0; i < 50 && existsSync(group); i++) {
      try {
        rmdirSync(group);
      } catch {
        await sleep(50);
      }
    }
  });
  const out = path.join(tempDir(t), 'out');
  const pid = spawn({
    path: SH,
    argv: ['sh', '-c', 'grep ^0:: /proc/self/cgroup; sleep 30 & echo $!; wait'],
    env: [],
    cgroup: group,
    stdout: { kind: 'file', path: out, mode: 'truncate' },
  });
  try {
    for (let i = 0; i < 100 && readFileSync(out, 'utf8').split('\n').length < 3; i++) await sleep(20);
    assert.equal(readFileSync(`/proc/${pid}/cgroup`, 'utf8').match(/^0::(.*)$/m)?.[1], `/${path.basename(group)}`);
    const [cgroupLine, grandchild] = readFileSync(out, 'utf8').trim().split('\n');
    assert.ok(cgroupLine?.endsWith(`0::/${path.basename(group)}`), cgroupLine);
    const procs = readFileSync(path.join(group, 'cgroup.procs'), 'utf8').trim().split('\n').sort();
    assert.deepEqual(procs, [String(pid), String(grandchild)].sort());
  } finally {
    writeFileSync(path.join(group, 'cgroup.kill'), '1');
    await exitOf(pid);
  }
  assert.throws(
    () => spawn({ path: '/bin/true', argv: ['true'], env: [], cgroup: path.join(root, 'no-such-group-here') }),
    (e: unknown) => e instanceof SysError && e.step === 'cgroup' && e.errnoName === 'ENOENT',
  );
});
