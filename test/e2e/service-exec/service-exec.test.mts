// Scenario (issue 4, exec context): what a service process gets, read back from /proc inside the
// sandbox: systemd's Environment*/PassEnvironment/UnsetEnvironment rules and $VAR (split into
// words) versus ${VAR} (one word), a clean environment with INVOCATION_ID and never the manager's
// own variables, User=nobody with USER/HOME/SHELL/LOGNAME, WorkingDirectory= (with ~ and -),
// Limit*/Nice/UMask/OOMScoreAdjust in /proc/PID, RuntimeDirectory= created with its mode and
// removed at stop (RuntimeDirectoryPreserve=, StateDirectory= kept), StandardOutput= file:,
// append:, truncate: and null, and the -, +, @ and : prefixes of Exec lines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bootScenario, describeRun, stateOf, type Sandbox } from '../service-common/lib.mjs';

async function mainPid(sb: Sandbox, unit: string): Promise<number> {
  const r = await sb.sctl('start', unit);
  assert.equal(r.exitCode, 0, `${unit}: ${describeRun(r)}`);
  const pid = Number(await sb.show(unit, 'MainPID'));
  assert.ok(pid > 1, `${unit} has a main pid`);
  return pid;
}

async function environ(sb: Sandbox, pid: number): Promise<Map<string, string>> {
  const r = await sb.sh(`tr '\\0' '\\n' < /proc/${pid}/environ`);
  return new Map(r.stdout.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

async function argv(sb: Sandbox, pid: number): Promise<string[]> {
  const r = await sb.sh(`cat /proc/${pid}/cmdline | base64 -w0`);
  return Buffer.from(r.stdout.trim(), 'base64').toString('utf8').split('\0').slice(0, -1);
}

describe('service exec context', () => {
  let sb: Sandbox;
  let cleanup: () => Promise<{ exitCode: number; output: string }>;
  before(async () => { ({ sb, cleanup } = await bootScenario(import.meta.url)); });
  after(async () => {
    if (!cleanup) return;
    await sb.sh('rm -rf /var/lib/sysmaster-e2e-x-dirs');
    const r = await cleanup();
    assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
  });

  test('Environment=, EnvironmentFile= (later wins, - tolerates a missing file), PassEnvironment=, UnsetEnvironment=', async () => {
    await sb.sh("printf 'FROMFILE=from file\\nOVERRIDDEN=from-file\\n# a comment\\n' > /run/x-env.conf");
    const pid = await mainPid(sb, 'x-env.service');
    const env = await environ(sb, pid);
    assert.equal(env.get('WORDS'), 'one two');
    assert.equal(env.get('PLAIN'), 'plain');
    assert.equal(env.get('FROMFILE'), 'from file');
    assert.equal(env.get('OVERRIDDEN'), 'from-file', 'EnvironmentFile= overrides Environment=');
    assert.equal(env.has('DROPPED'), false, 'UnsetEnvironment= removes it');
    assert.ok((env.get('SYSMASTER_UNIT_PATH') ?? '').length > 0, 'PassEnvironment= passes a variable of the manager');
    assert.equal(env.has('NOT_IN_MANAGER_ENV'), false, 'PassEnvironment= of an unset variable sets nothing');
  });

  test('$VAR is split into words, ${VAR} is one word, $$ is a literal dollar', async () => {
    const pid = Number(await sb.show('x-env.service', 'MainPID'));
    assert.deepEqual((await argv(sb, pid)).slice(3),
      ['argv0', 'one', 'two', 'one two', 'from', 'file', 'plain-x', '$literal']);
  });

  test('EnvironmentFile= without - and a missing file fails the start', async () => {
    const r = await sb.sctl('start', 'x-env-required-file.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal((await stateOf(sb, 'x-env-required-file.service')).split('/')[0], 'failed');
  });

  test('a service starts from a clean environment with INVOCATION_ID and without the manager\'s variables', async () => {
    const pid = await mainPid(sb, 'x-clean-env.service');
    const env = await environ(sb, pid);
    assert.match(env.get('PATH') ?? '', /\/usr\/bin/);
    assert.match(env.get('INVOCATION_ID') ?? '', /^[0-9a-f]{32}$/);
    for (const name of env.keys()) assert.ok(!name.startsWith('SYSMASTER_'), `${name} leaked from the manager`);
    assert.equal(env.has('NODE_EXTRA_CA_CERTS'), false);
    assert.equal(env.has('NOTIFY_SOCKET'), false, 'a Type=simple service without NotifyAccess= gets no NOTIFY_SOCKET');
    assert.equal(env.has('USER'), false, 'no User= means no USER');
  });

  test('User=nobody runs as nobody with USER, HOME, SHELL and LOGNAME from the user database', async () => {
    const pid = await mainPid(sb, 'x-user.service');
    assert.equal((await sb.sh(`ps -o user= -p ${pid}`)).stdout.trim(), 'nobody');
    const env = await environ(sb, pid);
    const passwd = (await sb.sh('getent passwd nobody')).stdout.trim().split(':');
    assert.equal(env.get('USER'), 'nobody');
    assert.equal(env.get('LOGNAME'), 'nobody');
    assert.equal(env.get('HOME'), passwd[5]);
    assert.equal(env.get('SHELL'), passwd[6]);
  });

  test('WorkingDirectory=~ is the home directory of the service\'s user', async () => {
    const pid = await mainPid(sb, 'x-home.service');
    assert.equal((await sb.sh(`readlink /proc/${pid}/cwd`)).stdout.trim(), '/root');
  });

  test('WorkingDirectory= is the cwd; with - a missing directory is tolerated; without it the start fails', async () => {
    const pid = await mainPid(sb, 'x-workdir.service');
    assert.equal((await sb.sh(`readlink /proc/${pid}/cwd`)).stdout.trim(), '/usr/share');
    await mainPid(sb, 'x-workdir-optional.service');
    const r = await sb.sctl('start', 'x-workdir-missing.service');
    assert.notEqual(r.exitCode, 0, describeRun(r));
    assert.equal(await stateOf(sb, 'x-workdir-missing.service'), 'failed/failed/exit-code');
    assert.equal(await sb.show('x-workdir-missing.service', 'ExecMainStatus'), '200', 'systemd\'s 200/CHDIR');
  });

  test('Limit*, Nice=, UMask= and OOMScoreAdjust= are seen in /proc/PID', async () => {
    const pid = await mainPid(sb, 'x-limits.service');
    const limits = (await sb.sh(`cat /proc/${pid}/limits`)).stdout;
    assert.match(limits, /Max open files\s+1234\s+2345\s+files/);
    assert.match(limits, /Max processes\s+777\s+777\s+processes/);
    assert.match(limits, /Max core file size\s+unlimited\s+unlimited\s+bytes/);
    assert.match(limits, /Max stack size\s+4194304\s+4194304\s+bytes/);
    assert.equal((await sb.sh(`awk '{print $19}' /proc/${pid}/stat`)).stdout.trim(), '7');
    assert.match((await sb.sh(`grep Umask /proc/${pid}/status`)).stdout, /Umask:\s+0027/);
    assert.equal((await sb.sh(`cat /proc/${pid}/oom_score_adj`)).stdout.trim(), '345');
  });

  test('RuntimeDirectory= is created with its mode and in the environment, and removed at stop; StateDirectory= stays', async () => {
    const pid = await mainPid(sb, 'x-dirs.service');
    assert.equal((await sb.sh('stat -c %a /run/x-dirs-rt')).stdout.trim(), '750');
    assert.equal((await sb.sh('stat -c %a /run/x-dirs-rt2/sub')).stdout.trim(), '750');
    assert.equal((await sb.sh('test -d /var/lib/sysmaster-e2e-x-dirs && echo yes')).stdout.trim(), 'yes');
    const env = await environ(sb, pid);
    assert.equal(env.get('RUNTIME_DIRECTORY'), '/run/x-dirs-rt:/run/x-dirs-rt2/sub');
    assert.equal(env.get('STATE_DIRECTORY'), '/var/lib/sysmaster-e2e-x-dirs');
    const r = await sb.sctl('stop', 'x-dirs.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('test -e /run/x-dirs-rt || echo gone')).stdout.trim(), 'gone');
    assert.equal((await sb.sh('test -e /run/x-dirs-rt2/sub || echo gone')).stdout.trim(), 'gone');
    assert.equal((await sb.sh('test -d /var/lib/sysmaster-e2e-x-dirs && echo kept')).stdout.trim(), 'kept');
  });

  test('RuntimeDirectoryPreserve=yes keeps the runtime directory after stop', async () => {
    await mainPid(sb, 'x-dirs-preserve.service');
    const r = await sb.sctl('stop', 'x-dirs-preserve.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('test -d /run/x-dirs-keep && echo kept')).stdout.trim(), 'kept');
  });

  test('StandardOutput=file: writes from the start of the file without truncating it', async () => {
    const original = `${'X'.repeat(20)}\nsecond line\n`;
    await sb.sh(`printf '${original.replaceAll('\n', '\\n')}' > /run/x-out-file`);
    const r = await sb.sctl('start', 'x-out-file.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    assert.equal((await sb.sh('cat /run/x-out-file')).stdout, `short\n${original.slice('short\n'.length)}`.trimEnd());
  });

  test('StandardOutput=append: appends at every run', async () => {
    await sb.sh("echo old > /run/x-out-append");
    for (let i = 0; i < 2; i++) {
      const r = await sb.sctl('start', 'x-out-append.service');
      assert.equal(r.exitCode, 0, describeRun(r));
    }
    assert.equal((await sb.sh('cat /run/x-out-append')).stdout, 'old\nappended\nappended');
  });

  test('StandardOutput=truncate: truncates at every run; StandardError= goes its own way', async () => {
    await sb.sh("echo old-old-old-old > /run/x-out-truncate");
    for (let i = 0; i < 2; i++) {
      const r = await sb.sctl('start', 'x-out-truncate.service');
      assert.equal(r.exitCode, 0, describeRun(r));
    }
    assert.match((await sb.sh('cat /run/x-out-truncate')).stdout, /^run \d+$/);
    assert.equal((await sb.sh('cat /run/x-err-append')).stdout, 'to stderr\nto stderr');
  });

  test('StandardOutput=null discards the output', async () => {
    const r = await sb.sctl('start', 'x-out-null.service');
    assert.equal(r.exitCode, 0, describeRun(r));
    const logs = await sb.sctl('logs', 'x-out-null.service');
    assert.doesNotMatch(logs.stdout, /should-not-be-logged/);
  });

  test('the -, +, @ and : prefixes: an ignored failure, root despite User=, argv[0], no expansion', async () => {
    const pid = await mainPid(sb, 'x-prefixes.service');
    assert.equal(await stateOf(sb, 'x-prefixes.service'), 'active/running/success');
    assert.equal((await sb.sh('cat /run/x-prefixes-plus')).stdout.trim(), '0');
    assert.deepEqual(await argv(sb, pid), ['x-prefixes-argv0', 'infinity']);
    assert.ok(await sb.waitFor(async () => /literal \$EXPANDED/.test((await sb.sctl('logs', 'x-prefixes.service')).stdout)));
    const logs = (await sb.sctl('logs', 'x-prefixes.service')).stdout;
    assert.match(logs, /post runs as nobody/);
    assert.match(logs, /expanded yes/);
  });
});
