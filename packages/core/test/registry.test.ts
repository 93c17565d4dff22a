import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_WORKER_START_TIMEOUT_MS, parseRegistration, readRegistrations, isProblem } from '../src/workers/registry';
import { parseSystemConfig, readSystemConfig } from '../src/system-config';

test('a registration resolves a relative .js program against its folder and runs it with node (young generation capped as for the core)', () => {
  const reg = parseRegistration('[Worker]\nType=target\nExecStart=../../packages/worker-target/dist/main.js\n', '/repo/units/workers/target.conf', '/usr/bin/node');
  assert.ok(!isProblem(reg));
  assert.equal(reg.program, '/usr/bin/node');
  assert.deepEqual(reg.argv, ['/usr/bin/node', '--max-semi-space-size=1', '/repo/packages/worker-target/dist/main.js']);
});

test('a registration with a native program runs it directly with its arguments', () => {
  const reg = parseRegistration('[Worker]\nType=timer\nExecStart=/opt/timer/bin/sm-timer --verbose\n', '/etc/sysmaster/workers/timer.conf');
  assert.ok(!isProblem(reg));
  assert.deepEqual(reg.argv, ['/opt/timer/bin/sm-timer', '--verbose']);
});

test('TimeoutStartSec= bounds the first Describe of a spawned worker, 90 s unless the registration says otherwise', () => {
  const plain = parseRegistration('[Worker]\nType=timer\nExecStart=/x\n', '/w/timer.conf');
  assert.ok(!isProblem(plain));
  assert.equal(plain.startTimeoutMs, DEFAULT_WORKER_START_TIMEOUT_MS);
  const short = parseRegistration('[Worker]\nType=timer\nExecStart=/x\nTimeoutStartSec=2.5s\n', '/w/timer.conf');
  assert.ok(!isProblem(short));
  assert.equal(short.startTimeoutMs, 2500);
  for (const bad of ['soon', '0', 'infinity']) {
    const result = parseRegistration(`[Worker]\nType=timer\nExecStart=/x\nTimeoutStartSec=${bad}\n`, '/w/timer.conf');
    assert.ok(isProblem(result), bad);
    assert.equal(result.key, 'TimeoutStartSec', bad);
  }
});

test('a registration without ExecStart, with a bad Type or one not matching its file name is a problem naming the key', () => {
  const cases: Array<[string, string]> = [
    ['[Worker]\nType=timer\n', 'ExecStart'],
    ['[Worker]\nType=Bad Type\nExecStart=/x\n', 'Type'],
    ['[Worker]\nType=socket\nExecStart=/x\n', 'Type'],
    ['Type=timer\n', 'Worker'],
  ];
  for (const [text, key] of cases) {
    const result = parseRegistration(text, '/w/timer.conf');
    assert.ok(isProblem(result), text);
    assert.equal(result.key, key, text);
    assert.equal(result.file, '/w/timer.conf');
  }
});

test('a later folder wins for the same type and problems do not stop the other registrations', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'core-workers-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'lib'));
  fs.mkdirSync(path.join(root, 'etc'));
  fs.writeFileSync(path.join(root, 'lib/target.conf'), '[Worker]\nType=target\nExecStart=/lib/sm-target\n');
  fs.writeFileSync(path.join(root, 'etc/target.conf'), '[Worker]\nType=target\nExecStart=/etc/sm-target\n');
  fs.writeFileSync(path.join(root, 'etc/broken.conf'), '[Worker]\nType=broken\n');
  const { workers, problems } = readRegistrations([path.join(root, 'lib'), path.join(root, 'etc'), path.join(root, 'missing')]);
  assert.equal(workers.get('target')?.program, '/etc/sm-target');
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.file, /broken\.conf$/);
});

test('system.conf values are read, and a bad value is reported with file and key while the default is kept', () => {
  const { config, warnings } = parseSystemConfig('[Manager]\nDefaultTimeoutStartSec=10s\nDefaultTimeoutStopSec=soon\nLogLevel=debug\nDefaultTarget=rescue\n', '/etc/sysmaster/system.conf');
  assert.equal(config.defaultTimeoutStartUsec, 10_000_000);
  assert.equal(config.defaultTimeoutStopUsec, 90_000_000);
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.defaultTarget, 'rescue.target');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.key, 'Manager.DefaultTimeoutStopSec');
  assert.equal(warnings[0]!.file, '/etc/sysmaster/system.conf');
});

test('a missing system.conf gives the defaults without a warning', () => {
  const { config, warnings } = readSystemConfig('/nonexistent/system.conf');
  assert.equal(config.logLevel, 'info');
  assert.deepEqual(warnings, []);
});
