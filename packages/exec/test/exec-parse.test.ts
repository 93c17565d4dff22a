// parseExecSettings(): every key of EXEC_KEYS read into ExecSettings, and every bad value a
// ConfigError naming file, line and key.
import { test } from 'node:test';
import { goodService, parseService, type SectionUnit } from './service-section';
import assert from 'node:assert/strict';
import { execProperties, type ExecSettings } from '../src';

const FILE = '/etc/sysmaster/system/demo@x.service';
const SPECIFIERS: Record<string, string> = { n: 'demo@x.service', N: 'demo@x', p: 'demo', i: 'x' };
const UNIT: SectionUnit = { name: 'demo@x.service', file: FILE, specifiers: SPECIFIERS };
const parse = (lines: string[]): ReturnType<typeof parseService> => parseService(UNIT, lines);
const good = (lines: string[]): ExecSettings => goodService(UNIT, lines);




test('environment keys are read in order, with specifiers expanded and "-" marking optional files', () => {
  const exec = good([
    'Environment=A=1 "B=two words"', 'Environment=UNIT=%n', 'EnvironmentFile=-/etc/default/%p', 'EnvironmentFile=/etc/x.env',
    'PassEnvironment=TERM HOME', 'UnsetEnvironment=A B=two', 'UnsetEnvironment=INSTANCE_%i',
  ]);
  assert.deepEqual(exec.environment, [['A', '1'], ['B', 'two words'], ['UNIT', 'demo@x.service']]);
  assert.deepEqual(exec.environmentFiles, [{ path: '/etc/default/demo', optional: true }, { path: '/etc/x.env', optional: false }]);
  assert.deepEqual(exec.passEnvironment, ['TERM', 'HOME']);
  assert.deepEqual(exec.unsetEnvironment, ['A', 'B=two', 'INSTANCE_x']);
});

test('an empty assignment resets a list key, and the last value of a single key wins', () => {
  const exec = good(['Environment=A=1', 'Environment=', 'Environment=C=3', 'User=first', 'User=%i', 'Nice=5', 'Nice=']);
  assert.deepEqual(exec.environment, [['C', '3']]);
  assert.equal(exec.user, 'x');
  assert.equal(exec.nice, null);
});

test('credentials and process properties are parsed with systemd ranges', () => {
  const exec = good([
    'User=nobody', 'Group=65534', 'SupplementaryGroups=adm', 'SupplementaryGroups=audio 29', 'DynamicUser=no',
    'UMask=0077', 'WorkingDirectory=-~', 'RootDirectory=/srv/%p', 'Nice=-5', 'OOMScoreAdjust=-1000',
  ]);
  assert.equal(exec.user, 'nobody');
  assert.equal(exec.group, '65534');
  assert.deepEqual(exec.supplementaryGroups, ['adm', 'audio', '29']);
  assert.equal(exec.umask, 0o077);
  assert.deepEqual(exec.workingDirectory, { path: '~', optional: true });
  assert.equal(exec.rootDirectory, '/srv/demo');
  assert.equal(exec.nice, -5);
  assert.equal(exec.oomScoreAdjust, -1000);
});

test('defaults are systemd\'s: umask 0022, stdin null, stdout to the unit log, stderr like stdout, /dev/console', () => {
  const exec = good([]);
  assert.equal(exec.umask, 0o022);
  assert.deepEqual(exec.stdin, { kind: 'null' });
  assert.deepEqual(exec.stdout, { kind: 'log', as: 'journal' });
  assert.deepEqual(exec.stderr, { kind: 'inherit' });
  assert.equal(exec.ttyPath, '/dev/console');
  assert.deepEqual(exec.limits, []);
  assert.equal(exec.runtimeDirectoryPreserve, 'no');
});

test('every Limit key follows the unit table of systemd.exec, with SOFT:HARD and infinity', () => {
  const cases: Array<[string, string, number, number]> = [
    ['LimitCPU', '30', 30, 30], ['LimitCPU', '1min:1h', 60, 3600], ['LimitCPU', '1500ms', 2, 2],
    ['LimitFSIZE', '1G', 1024 ** 3, 1024 ** 3], ['LimitDATA', '512M:infinity', 512 * 1024 ** 2, Infinity],
    ['LimitSTACK', '8M', 8 * 1024 ** 2, 8 * 1024 ** 2], ['LimitCORE', 'infinity', Infinity, Infinity],
    ['LimitRSS', '4096', 4096, 4096], ['LimitNOFILE', '1024:524288', 1024, 524288], ['LimitAS', '2G', 2 * 1024 ** 3, 2 * 1024 ** 3],
    ['LimitNPROC', '64', 64, 64], ['LimitMEMLOCK', '64K', 65536, 65536], ['LimitLOCKS', '100', 100, 100],
    ['LimitSIGPENDING', '1000', 1000, 1000], ['LimitMSGQUEUE', '800K', 819200, 819200], ['LimitNICE', '-5', 25, 25],
    ['LimitNICE', '+19:30', 1, 30], ['LimitRTPRIO', '10', 10, 10], ['LimitRTTIME', '500', 500, 500],
    ['LimitRTTIME', '2ms:1s', 2000, 1_000_000],
  ];
  for (const [key, value, soft, hard] of cases) {
    const [limit] = good([`${key}=${value}`]).limits;
    assert.ok(limit, `${key}=${value}`);
    assert.equal(limit.soft, soft, `${key}=${value} soft`);
    assert.equal(limit.hard, hard, `${key}=${value} hard`);
  }
  const names = good(cases.map(([key, value]) => `${key}=${value}`)).limits.map((l) => l.resource);
  assert.deepEqual(names, ['cpu', 'fsize', 'data', 'stack', 'core', 'rss', 'nofile', 'as', 'nproc', 'memlock', 'locks', 'sigpending', 'msgqueue', 'nice', 'rtprio', 'rttime']);
});

test('the per-unit directories take relative paths, modes and the preserve setting', () => {
  const exec = good([
    'RuntimeDirectory=%p %p/sub', 'StateDirectory=demo', 'CacheDirectory=demo', 'LogsDirectory=demo', 'ConfigurationDirectory=demo',
    'RuntimeDirectoryMode=0750', 'StateDirectoryMode=700', 'CacheDirectoryMode=0755', 'LogsDirectoryMode=2750',
    'ConfigurationDirectoryMode=0755', 'RuntimeDirectoryPreserve=restart',
  ]);
  assert.deepEqual(exec.directories, { runtime: ['demo', 'demo/sub'], state: ['demo'], cache: ['demo'], logs: ['demo'], configuration: ['demo'] });
  assert.deepEqual(exec.directoryModes, { runtime: 0o750, state: 0o700, cache: 0o755, logs: 0o2750, configuration: 0o755 });
  assert.equal(exec.runtimeDirectoryPreserve, 'restart');
  assert.equal(good(['RuntimeDirectoryPreserve=yes']).runtimeDirectoryPreserve, 'yes');
});

test('every standard stream form is parsed, and StandardInputText implies StandardInput=data', () => {
  const table: Array<[string, unknown]> = [
    ['StandardInput=tty-force', { kind: 'tty', variant: 'tty-force' }], ['StandardInput=file:/etc/motd', { kind: 'file', path: '/etc/motd' }],
    ['StandardInput=socket', { kind: 'socket' }], ['StandardInput=fd:conn', { kind: 'fd', name: 'conn' }],
    ['StandardOutput=null', { kind: 'null' }], ['StandardOutput=kmsg', { kind: 'log', as: 'kmsg' }],
    ['StandardOutput=journal+console', { kind: 'log', as: 'journal+console' }],
    ['StandardOutput=file:/var/log/%p.out', { kind: 'file', path: '/var/log/demo.out', mode: 'file' }],
    ['StandardOutput=append:/tmp/a', { kind: 'file', path: '/tmp/a', mode: 'append' }],
    ['StandardError=truncate:/tmp/b', { kind: 'file', path: '/tmp/b', mode: 'truncate' }],
    ['StandardError=tty', { kind: 'tty' }], ['StandardError=socket', { kind: 'socket' }],
  ];
  for (const [line, spec] of table) {
    const exec = good([line]);
    const key = line.slice(0, line.indexOf('='));
    const actual = key === 'StandardInput' ? exec.stdin : key === 'StandardOutput' ? exec.stdout : exec.stderr;
    assert.deepEqual(actual, spec, line);
  }
  const data = good(['StandardInputText=hello %i', 'StandardInputData=d29ybGQK', 'TTYPath=/dev/tty5', 'SyslogIdentifier=%p-daemon']);
  assert.deepEqual(data.stdin, { kind: 'data' });
  assert.equal(data.stdinData?.toString(), 'hello x\nworld\n');
  assert.equal(data.ttyPath, '/dev/tty5');
  assert.equal(data.syslogIdentifier, 'demo-daemon');
});

test('a bidirectional stdin (socket, terminal, named fd) is stdout and stderr too unless StandardOutput= says otherwise', () => {
  for (const input of ['socket', 'tty', 'fd:conn']) {
    const exec = good([`StandardInput=${input}`]);
    assert.deepEqual(exec.stdout, { kind: 'inherit' }, input);
    assert.deepEqual(exec.stderr, { kind: 'inherit' }, `${input}: stderr follows stdout`);
  }
  assert.deepEqual(good(['StandardInput=socket', 'StandardOutput=journal']).stdout, { kind: 'log', as: 'journal' });
  assert.deepEqual(good(['StandardInput=file:/etc/motd']).stdout, { kind: 'log', as: 'journal' }, 'a file is no output');
  assert.deepEqual(good([]).stdout, { kind: 'log', as: 'journal' });
});

test('resource-control values keep the assignment as written for notices', () => {
  const exec = good([
    'MemoryMax=1G', 'MemoryHigh=50%', 'MemoryLow=infinity', 'MemorySwapMax=0', 'CPUQuota=150%', 'CPUWeight=idle',
    'TasksMax=10%', 'IOWeight=500',
  ]);
  const r = exec.resources;
  assert.deepEqual(r.memoryMax, { written: 'MemoryMax=1G', value: { bytes: 1024 ** 3 } });
  assert.deepEqual(r.memoryHigh?.value, { percent: 50 });
  assert.deepEqual(r.memoryLow?.value, { max: true });
  assert.deepEqual(r.memorySwapMax?.value, { bytes: 0 });
  assert.equal(r.cpuQuota?.value, 150);
  assert.equal(r.cpuWeight?.value, 'idle');
  assert.deepEqual(r.tasksMax?.value, { percent: 10 });
  assert.equal(r.ioWeight?.value, 500);
  assert.deepEqual(good(['TasksMax=512']).resources.tasksMax?.value, { count: 512 });
  assert.deepEqual(good(['TasksMax=infinity']).resources.tasksMax?.value, { max: true });
  assert.equal(good(['CPUWeight=100']).resources.cpuWeight?.value, 100);
});

test('every bad value is a ConfigError naming the file, line and key, and parsing carries on', () => {
  const bad = [
    'Environment=1X=2', 'EnvironmentFile=relative/path', 'PassEnvironment=BAD-NAME', 'UnsetEnvironment=9=x',
    'User=bad user', 'Group=a:b', 'SupplementaryGroups=ok bad/group', 'DynamicUser=yes', 'DynamicUser=perhaps',
    'UMask=0999', 'UMask=01777', 'WorkingDirectory=relative', 'RootDirectory=srv', 'RootDirectory=/srv/../etc', 'Nice=20', 'Nice=high',
    'OOMScoreAdjust=-1001', 'LimitNOFILE=lots', 'LimitNOFILE=10:5', 'LimitCPU=1:2:3', 'LimitNICE=+25', 'LimitNICE=41',
    'LimitFSIZE=1Q', 'RuntimeDirectory=/abs', 'StateDirectory=../up', 'CacheDirectory=a:b', 'LogsDirectoryMode=rwx',
    'RuntimeDirectoryPreserve=sometimes', 'StandardInput=journal', 'StandardInput=file:rel', 'StandardOutput=syslog-ish',
    'StandardError=append:', 'TTYPath=tty1', 'StandardInputData=not base64!', 'MemoryMax=lots', 'MemoryHigh=150%',
    'CPUQuota=50', 'CPUQuota=0%', 'CPUWeight=0', 'CPUWeight=10001', 'TasksMax=0', 'TasksMax=200%', 'IOWeight=none',
  ];
  for (const line of bad) {
    const { errors } = parse(['Nice=1', line]);
    const key = line.slice(0, line.indexOf('='));
    assert.equal(errors.length, 1, `${line}: ${errors.join('; ')}`);
    assert.match(errors[0] ?? '', new RegExp(`^${FILE}:3: \\[Service\\] ${key}=: invalid value`), line);
  }
  assert.match(parse(['DynamicUser=yes']).errors[0] ?? '', /DynamicUser=yes is not supported/);
  // One Load reports every bad key at once.
  const unique = bad.filter((line, i) => bad.findIndex((l) => l.split('=')[0] === line.split('=')[0]) === i);
  assert.equal(parse(unique).errors.length, unique.length);
});

test('StandardInput=data without any data is reported at the StandardInput line', () => {
  const { errors } = parse(['StandardInput=data']);
  assert.deepEqual(errors, [`${FILE}:2: [Service] StandardInput=: StandardInput=data needs StandardInputText= or StandardInputData=`]);
});

test('execProperties prints systemd property names for sctl show', () => {
  const props = execProperties(good(['User=nobody', 'UMask=0027', 'LimitNOFILE=1024:4096', 'RuntimeDirectory=demo', 'MemoryMax=1G', 'StandardOutput=append:/tmp/x']));
  assert.equal(props.User, 'nobody');
  assert.equal(props.UMask, '0027');
  assert.equal(props.LimitNOFILE, '4096');
  assert.equal(props.LimitNOFILESoft, '1024');
  assert.equal(props.RuntimeDirectory, 'demo');
  assert.equal(props.RuntimeDirectoryMode, '0755');
  assert.equal(props.MemoryMax, '1G');
  assert.equal(props.StandardOutput, 'append:/tmp/x');
  assert.equal(props.StandardInput, 'null');
});
