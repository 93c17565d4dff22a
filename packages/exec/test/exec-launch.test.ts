// prepareLaunch(), spawnRequest() and finishRun() over a RealExecOs whose roots are a temp
// directory: the environment (order, cleanliness, layers), $VAR expansion, credentials, the
// per-unit directories with their modes and owners, limits and the standard streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExecLine } from '@sysmaster/unit-file';
import {
  defaultExecSettings, finishRun, prepareLaunch, RealExecOs, spawnRequest,
  type DirectoryRoots, type ExecSettings, type SpawnWhere,
} from '../src';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nsvc:x:1234:1234:Service:/home/svc:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\nadm:x:4:svc\naudio:x:29:\nsvc:x:1234:\nnogroup:x:65534:\n';

class TestOs extends RealExecOs {
  constructor(roots: DirectoryRoots, private readonly own: Record<string, string> = {}) { super(roots, null); }
  override ownEnvironment(): Readonly<Record<string, string | undefined>> { return this.own; }
}

function setup(t: { after(fn: () => void): void }, own: Record<string, string> = {}, locale = 'LANG=de_DE.UTF-8\n'): { os: TestOs; top: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-launch-'));
  t.after(() => fs.rmSync(top, { recursive: true, force: true }));
  fs.chmodSync(top, 0o755);
  const roots: DirectoryRoots = {
    runtime: path.join(top, 'run'), state: path.join(top, 'lib'), cache: path.join(top, 'cache'), logs: path.join(top, 'log'),
    configuration: path.join(top, 'etc'), data: path.join(top, 'run/sysmaster/exec'), localeFile: path.join(top, 'locale'),
    passwd: path.join(top, 'passwd'), group: path.join(top, 'group'),
  };
  fs.writeFileSync(roots.passwd, PASSWD);
  fs.writeFileSync(roots.group, GROUP);
  if (locale) fs.writeFileSync(roots.localeFile, locale);
  return { os: new TestOs(roots, own), top };
}

function settings(patch: Partial<ExecSettings>): ExecSettings {
  return { ...defaultExecSettings(), ...patch };
}

const RUN = { unit: 'demo.service', invocationId: 'feedfacefeedfacefeedfacefeedface' };
const MAIN: SpawnWhere = { mainPid: 0, cgroupDir: '/cg/system.slice/demo.service', logPath: '/var/log/sysmaster/demo.service.log', control: false };
const cmd = (line: string) => parseExecLine(line, { resolve: (name) => `/usr/bin/${name}` });

test('a service starts from a clean environment in systemd\'s order, never the worker\'s own', (t) => {
  process.env.LEAKY_WORKER_VARIABLE = 'must not reach services';
  t.after(() => { delete process.env.LEAKY_WORKER_VARIABLE; });
  const { os: fake } = setup(t);
  const launch = prepareLaunch(settings({}), fake, RUN);
  const request = spawnRequest(launch, cmd('/bin/true'), MAIN);
  assert.deepEqual(request.env, [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=de_DE.UTF-8', `INVOCATION_ID=${RUN.invocationId}`,
  ]);
});

test('LANG falls back to C.UTF-8 without /etc/default/locale', (t) => {
  const { os: fake } = setup(t, {}, '');
  const request = spawnRequest(prepareLaunch(settings({}), fake, RUN), cmd('/bin/true'), MAIN);
  assert.ok(request.env.includes('LANG=C.UTF-8'));
});

test('manager variables, then PassEnvironment, Environment and EnvironmentFile override in order, then UnsetEnvironment', (t) => {
  const { os: fake, top } = setup(t, { TERM: 'vt220', HOME: '/worker-home' });
  const envFile = path.join(top, 'demo.env');
  fs.writeFileSync(envFile, '# comment\nB=from-file\nexport FILE_ONLY="quoted value"\n');
  const exec = settings({
    user: 'svc', passEnvironment: ['TERM', 'NOT_SET_IN_WORKER'], environment: [['A', '1'], ['B', 'from-environment'], ['PATH', '/opt/bin']],
    environmentFiles: [{ path: path.join(top, 'missing.env'), optional: true }, { path: envFile, optional: false }],
    unsetEnvironment: ['A', 'WATCHDOG_USEC', 'TERM=xterm'], directories: { ...defaultExecSettings().directories, runtime: ['demo'] },
  });
  const launch = prepareLaunch(exec, fake, RUN);
  const main = spawnRequest(launch, cmd('/bin/true'), {
    ...MAIN, notifySocket: '/run/sysmaster/notify', fds: [7, 8], fdNames: ['web', 'admin'], watchdogUsec: 3_000_000, extraEnv: { EXTRA: 'x' },
  });
  assert.deepEqual(main.env, [
    'PATH=/opt/bin', 'LANG=de_DE.UTF-8', `INVOCATION_ID=${RUN.invocationId}`,
    'USER=svc', 'LOGNAME=svc', 'HOME=/home/svc', 'SHELL=/bin/bash', `RUNTIME_DIRECTORY=${path.join(top, 'run/demo')}`,
    'NOTIFY_SOCKET=/run/sysmaster/notify', 'LISTEN_FDS=2', 'LISTEN_FDNAMES=web:admin', 'EXTRA=x',
    'TERM=vt220', 'B=from-file', 'FILE_ONLY=quoted value',
  ]);
  assert.deepEqual(main.fds, [7, 8]);
  assert.equal(main.listenPid, true);
  const control = spawnRequest(launch, cmd('/bin/true'), { ...MAIN, control: true, mainPid: 4242, watchdogUsec: 3_000_000 });
  assert.ok(control.env.includes('MAINPID=4242'));
  assert.ok(!control.env.some((kv) => kv.startsWith('WATCHDOG_USEC=')), 'the watchdog is the main process\'s only');
  assert.equal(main.watchdogPid, true, 'WATCHDOG_PID= is set by the child to its own pid when watchdogUsec is given');
  assert.equal(control.watchdogPid, undefined);
  assert.ok(!main.env.some((kv) => kv.startsWith('MAINPID=')), 'MAINPID is for control processes');
});

test('an EnvironmentFile is read at each start; a missing required one or a bad line names the file, a line without "=" is skipped', (t) => {
  const { os: fake, top } = setup(t);
  const file = path.join(top, 'later.env');
  const exec = settings({ environmentFiles: [{ path: file, optional: false }] });
  assert.throws(() => prepareLaunch(exec, fake, RUN), new RegExp(`EnvironmentFile=${file}: ENOENT`));
  fs.writeFileSync(file, 'X=1\n');
  assert.ok(spawnRequest(prepareLaunch(exec, fake, RUN), cmd('/bin/true'), MAIN).env.includes('X=1'));
  fs.writeFileSync(file, 'X=1\nline without an equal\nY=2\n');
  assert.ok(spawnRequest(prepareLaunch(exec, fake, RUN), cmd('/bin/true'), MAIN).env.includes('Y=2'));
  fs.writeFileSync(file, 'X=1\n1BAD=x\n');
  assert.throws(() => prepareLaunch(exec, fake, RUN), new RegExp(`EnvironmentFile=${file}: line 2`));
});

test('$VAR splits into words, ${VAR} stays one word, $$ is a dollar, and ":" turns expansion off', (t) => {
  const { os: fake } = setup(t);
  const launch = prepareLaunch(settings({ environment: [['OPTS', '-a  -b'], ['NAME', 'two words']] }), fake, RUN);
  const argv = (line: string, where: SpawnWhere = MAIN): string[] => spawnRequest(launch, cmd(line), where).argv;
  assert.deepEqual(argv('/bin/echo $OPTS ${NAME} x${NAME}y $$OPTS $UNSET end'), ['/bin/echo', '-a', '-b', 'two words', 'xtwo wordsy', '$OPTS', 'end']);
  assert.deepEqual(argv(':/bin/echo $OPTS ${NAME}'), ['/bin/echo', '$OPTS', '${NAME}']);
  assert.deepEqual(argv('/bin/kill -HUP $MAINPID', { ...MAIN, control: true, mainPid: 99 }), ['/bin/kill', '-HUP', '99']);
  assert.deepEqual(argv('@/bin/echo name ${INVOCATION_ID}'), ['name', RUN.invocationId]);
});

test('User=, Group= and SupplementaryGroups= resolve from passwd and group at each start', (t) => {
  const { os: fake } = setup(t);
  const by = (patch: Partial<ExecSettings>) => spawnRequest(prepareLaunch(settings(patch), fake, RUN), cmd('/bin/true'), MAIN);
  const svc = by({ user: 'svc', supplementaryGroups: ['audio', '77'] });
  assert.deepEqual([svc.uid, svc.gid, svc.groups], [1234, 1234, [4, 29, 77]]);
  const grouped = by({ user: '1234', group: 'nogroup' });
  assert.deepEqual([grouped.uid, grouped.gid, grouped.groups], [1234, 65534, [4]]);
  const raw = by({ user: '4000' });
  assert.deepEqual([raw.uid, raw.gid], [4000, 4000]);
  assert.ok(!by({ group: 'adm' }).env.some((kv) => kv.startsWith('USER=')), 'USER/HOME only come with User=');
  assert.equal(by({}).uid, undefined, 'without User= the process keeps root');
  assert.throws(() => by({ user: 'ghost' }), /User=ghost: no such user/);
  assert.throws(() => by({ user: 'svc', group: 'ghosts' }), /Group=ghosts: no such group/);
  assert.throws(() => by({ supplementaryGroups: ['phantom'] }), /SupplementaryGroups=phantom: no such group/);
  const privileged = spawnRequest(prepareLaunch(settings({ user: 'svc' }), fake, RUN), cmd('+/bin/true'), MAIN);
  assert.equal(privileged.uid, undefined, 'the "+" prefix runs with full privileges');
});

test('WorkingDirectory= takes "~" as the user\'s home, and "-" tolerates a missing directory', (t) => {
  const { os: fake, top } = setup(t);
  fs.writeFileSync(path.join(top, 'passwd'), `${PASSWD}home:x:1300:1300::${top}:/bin/sh\n`);
  const cwd = (patch: Partial<ExecSettings>) => prepareLaunch(settings(patch), fake, RUN).cwd;
  assert.equal(cwd({}), '/');
  assert.equal(cwd({ user: 'home', workingDirectory: { path: '~', optional: false } }), top);
  assert.equal(cwd({ workingDirectory: { path: '/does/not/exist', optional: true } }), '/');
  assert.throws(() => cwd({ workingDirectory: { path: '/does/not/exist', optional: false } }), /WorkingDirectory=\/does\/not\/exist does not exist/);
});

test('the per-unit directories are created with their modes, owned by User=, and exported', (t) => {
  const { os: fake, top } = setup(t);
  const dirs = { runtime: ['demo', 'demo/sock'], state: ['demo'], cache: ['demo/deep/er'], logs: ['demo'], configuration: ['demo'] };
  const exec = settings({
    user: 'nobody', directories: dirs,
    directoryModes: { runtime: 0o750, state: 0o700, cache: 0o755, logs: 0o2750, configuration: 0o755 },
  });
  const oldUmask = process.umask(0o077); // the worker's umask must not narrow the modes
  t.after(() => process.umask(oldUmask));
  const env = spawnRequest(prepareLaunch(exec, fake, RUN), cmd('/bin/true'), MAIN).env;
  const check = (dir: string, mode: number): void => {
    const st = fs.statSync(path.join(top, dir));
    assert.equal(st.mode & 0o7777, mode, dir);
    assert.deepEqual([st.uid, st.gid], [65534, 65534], dir);
  };
  check('run/demo', 0o750);
  check('run/demo/sock', 0o750);
  check('lib/demo', 0o700);
  check('cache/demo/deep/er', 0o755);
  check('log/demo', 0o2750);
  check('etc/demo', 0o755);
  assert.equal(fs.statSync(path.join(top, 'cache/demo')).uid, 0, 'a parent is left to root');
  assert.equal(fs.statSync(path.join(top, 'cache/demo/deep')).mode & 0o7777, 0o755, 'a parent is 0755 despite the umask');
  assert.equal(fs.statSync(path.join(top, 'cache')).mode & 0o7777, 0o755);
  assert.ok(env.includes(`RUNTIME_DIRECTORY=${top}/run/demo:${top}/run/demo/sock`));
  assert.ok(env.includes(`STATE_DIRECTORY=${top}/lib/demo`));
  assert.ok(env.includes(`CACHE_DIRECTORY=${top}/cache/demo/deep/er`));
  assert.ok(env.includes(`LOGS_DIRECTORY=${top}/log/demo`));
  assert.ok(env.includes(`CONFIGURATION_DIRECTORY=${top}/etc/demo`));

  finishRun(exec, fake, { unit: RUN.unit, restarting: false });
  assert.ok(!fs.existsSync(path.join(top, 'run/demo')), 'RuntimeDirectory= is removed when the unit stops');
  assert.ok(fs.existsSync(path.join(top, 'lib/demo')), 'StateDirectory= is kept');
});

test('RuntimeDirectoryPreserve=restart keeps the directory across a restart only; yes keeps it always', (t) => {
  const { os: fake, top } = setup(t);
  const runtime = (preserve: ExecSettings['runtimeDirectoryPreserve']) =>
    settings({ runtimeDirectoryPreserve: preserve, directories: { ...defaultExecSettings().directories, runtime: ['p'] } });
  const dir = path.join(top, 'run/p');
  prepareLaunch(runtime('restart'), fake, RUN);
  finishRun(runtime('restart'), fake, { unit: RUN.unit, restarting: true });
  assert.ok(fs.existsSync(dir));
  finishRun(runtime('restart'), fake, { unit: RUN.unit, restarting: false });
  assert.ok(!fs.existsSync(dir));
  prepareLaunch(runtime('yes'), fake, RUN);
  finishRun(runtime('yes'), fake, { unit: RUN.unit, restarting: false });
  assert.ok(fs.existsSync(dir));
});

test('umask, nice, OOM score and limits reach the spawn request', (t) => {
  const { os: fake } = setup(t);
  const limits = [{ resource: 'nofile', soft: 1024, hard: 4096 }, { resource: 'core', soft: Infinity, hard: Infinity }];
  const request = spawnRequest(prepareLaunch(settings({ umask: 0o027, nice: 5, oomScoreAdjust: 300, limits }), fake, RUN), cmd('/bin/true'), MAIN);
  assert.equal(request.umask, 0o027);
  assert.equal(request.nice, 5);
  assert.equal(request.oomScoreAdjust, 300);
  assert.deepEqual(request.rlimits, limits);
  assert.equal(request.cgroup, MAIN.cgroupDir);
  assert.equal(request.setsid, true);
});

test('standard streams map to files, the unit log, the terminal, sockets and named fds', (t) => {
  const { os: fake, top } = setup(t);
  const streams = (patch: Partial<ExecSettings>, where: Partial<SpawnWhere> = {}) => {
    const r = spawnRequest(prepareLaunch(settings(patch), fake, RUN), cmd('/bin/true'), { ...MAIN, ...where });
    return [r.stdin, r.stdout, r.stderr];
  };
  const log = { kind: 'file', path: MAIN.logPath, mode: 'append' };
  assert.deepEqual(streams({}), [{ kind: 'null' }, log, { kind: 'stdout' }]);
  assert.deepEqual(streams({ stdout: { kind: 'inherit' }, stderr: { kind: 'log', as: 'kmsg' } }), [{ kind: 'null' }, { kind: 'null' }, log]);
  const tty = { kind: 'file', path: '/dev/tty9', mode: 'append' };
  assert.deepEqual(streams({ stdin: { kind: 'tty', variant: 'tty' }, stdout: { kind: 'inherit' }, ttyPath: '/dev/tty9' }),
    [{ kind: 'file', path: '/dev/tty9', mode: 'read' }, tty, { kind: 'stdout' }]);
  assert.deepEqual(streams({ stdout: { kind: 'file', path: '/tmp/o', mode: 'append' }, stderr: { kind: 'file', path: '/tmp/e', mode: 'truncate' } }),
    [{ kind: 'null' }, { kind: 'file', path: '/tmp/o', mode: 'append' }, { kind: 'file', path: '/tmp/e', mode: 'truncate' }]);
  assert.deepEqual(streams({ stdout: { kind: 'file', path: '/tmp/w', mode: 'file' } })[1], { kind: 'file', path: '/tmp/w', mode: 'write' },
    'file: opens without O_TRUNC, written from offset 0');
  const socket = streams({ stdin: { kind: 'socket' }, stdout: { kind: 'inherit' } }, { fds: [9] });
  assert.deepEqual(socket, [{ kind: 'fd', fd: 9 }, { kind: 'fd', fd: 9 }, { kind: 'stdout' }]);
  const named = spawnRequest(prepareLaunch(settings({ stdout: { kind: 'fd', name: 'out' } }), fake, RUN), cmd('/bin/true'), { ...MAIN, fds: [5, 6], fdNames: ['in', 'out'] });
  assert.deepEqual(named.stdout, { kind: 'fd', fd: 6 });
  assert.equal(named.listenPid, true, 'fds that are not the standard streams are still passed');
  const accepted = spawnRequest(prepareLaunch(settings({ stdin: { kind: 'socket' } }), fake, RUN), cmd('/bin/true'), { ...MAIN, fds: [9] });
  assert.equal(accepted.fds, undefined, 'a connection used as stdin is not passed as LISTEN_FDS');
  assert.throws(() => streams({ stdin: { kind: 'socket' } }), /StandardInput=socket: the service was not started with a socket/);
  assert.throws(() => streams({ stderr: { kind: 'fd', name: 'nope' } }), /StandardError=fd:nope: no file descriptor named "nope"/);

  const data = settings({ stdin: { kind: 'data' }, stdinData: Buffer.from('hello\n') });
  const [stdin] = streams(data);
  const dataPath = path.join(top, 'run/sysmaster/exec/demo.service.stdin');
  assert.deepEqual(stdin, { kind: 'file', path: dataPath, mode: 'read' });
  assert.equal(fs.readFileSync(dataPath, 'utf8'), 'hello\n');
  assert.equal(fs.statSync(dataPath).mode & 0o777, 0o600);
  finishRun(data, fake, { unit: RUN.unit, restarting: false });
  assert.ok(!fs.existsSync(dataPath), 'the data file goes with the run');
});

test('RootDirectory= runs the command through chroot(8) with the credentials, and refuses what chroot cannot do', (t) => {
  const { os: fake, top } = setup(t);
  const request = spawnRequest(prepareLaunch(settings({ rootDirectory: top, user: 'svc' }), fake, RUN), cmd('/bin/echo $$HOME hi'), MAIN);
  assert.equal(request.path, '/usr/sbin/chroot');
  assert.deepEqual(request.argv, ['chroot', '--userspec=1234:1234', '--groups=4', top, '/bin/echo', '$HOME', 'hi']);
  assert.equal(request.uid, undefined, 'the user changes after the chroot, in chroot(8)');
  assert.throws(() => prepareLaunch(settings({ rootDirectory: path.join(top, 'nope') }), fake, RUN), /RootDirectory=.* does not exist/);
  fs.mkdirSync(path.join(top, 'srv'));
  assert.throws(() => prepareLaunch(settings({ rootDirectory: top, workingDirectory: { path: '/srv', optional: false } }), fake, RUN),
    /only "\/" is supported/);
});
