import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig, loadConfig, parseConfig } from '../src/config';

const FILE = '/etc/sysmaster/init.conf';

test('a missing init.conf gives the defaults without a problem', () => {
  const { config, problems } = loadConfig(path.join(os.tmpdir(), 'no-such-dir-sysmaster', 'init.conf'));
  assert.deepEqual(problems, []);
  assert.deepEqual(config, defaultConfig());
});

test('the defaults are a 1 s keepalive, 3 misses, a 0.1 s restart delay, a 10 s shutdown timeout and the core beside init with a small young generation', () => {
  const c = defaultConfig();
  assert.equal(c.keepaliveIntervalSec, 1);
  assert.equal(c.keepaliveMisses, 3);
  assert.equal(c.coreRestartDelaySec, 0.1);
  assert.equal(c.shutdownTimeoutSec, 10);
  assert.equal(c.coreCommand[0], process.execPath);
  assert.deepEqual(c.coreCommand.slice(1, -1), ['--max-semi-space-size=1']);
  assert.match(c.coreCommand.at(-1) ?? '', /packages\/core\/dist\/main\.js$/);
});

test('valid values are read from the [Init] section', () => {
  const { config, problems } = parseConfig('[Init]\nKeepaliveIntervalSec=0.5\nKeepaliveMisses=5\nCoreRestartDelaySec=0\nShutdownTimeoutSec=2.5\n', FILE);
  assert.deepEqual(problems, []);
  assert.equal(config.keepaliveIntervalSec, 0.5);
  assert.equal(config.keepaliveMisses, 5);
  assert.equal(config.coreRestartDelaySec, 0);
  assert.equal(config.shutdownTimeoutSec, 2.5);
});

test('a bad value is reported with file and key and the default is used', () => {
  const { config, problems } = parseConfig('[Init]\nKeepaliveIntervalSec=soon\nKeepaliveMisses=2.5\nShutdownTimeoutSec=-1\nCoreRestartDelaySec=true\n', FILE);
  assert.equal(config.keepaliveIntervalSec, 1);
  assert.equal(config.keepaliveMisses, 3);
  assert.equal(config.shutdownTimeoutSec, 10);
  assert.equal(config.coreRestartDelaySec, 0.1);
  assert.deepEqual(problems.map((p) => [p.file, p.key]), [
    [FILE, 'KeepaliveIntervalSec'], [FILE, 'KeepaliveMisses'], [FILE, 'CoreRestartDelaySec'], [FILE, 'ShutdownTimeoutSec'],
  ]);
  assert.match(problems[0]?.message ?? '', /KeepaliveIntervalSec=soon is not a number of seconds/);
});

test('unknown keys and sections are reported and ignored', () => {
  const { problems } = parseConfig('[Init]\nFrobnicate=1\n[Other]\nx=1\n', FILE);
  assert.deepEqual(problems.map((p) => p.key).sort(), ['Frobnicate', 'Other']);
});

test('a CoreExecStart ending in .js runs with init\'s node and a relative path is resolved against the config folder', () => {
  const { config } = parseConfig('[Init]\nCoreExecStart=../core/main.js --verbose\n', '/etc/sysmaster/init.conf');
  assert.deepEqual(config.coreCommand, [process.execPath, '/etc/core/main.js', '--verbose']);
  const { config: other } = parseConfig('[Init]\nCoreExecStart="/opt/my core/bin" -x\n', FILE);
  assert.deepEqual(other.coreCommand, ['/opt/my core/bin', '-x']);
});

test('an empty CoreExecStart is reported and the default core is used', () => {
  const { config, problems } = parseConfig('[Init]\nCoreExecStart=\n', FILE);
  assert.deepEqual(config.coreCommand, defaultConfig().coreCommand);
  assert.equal(problems[0]?.key, 'CoreExecStart');
});

test('init.conf is read from the file given', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'init-conf-'));
  try {
    fs.writeFileSync(path.join(dir, 'init.conf'), '[Init]\nKeepaliveMisses=7\n');
    assert.equal(loadConfig(path.join(dir, 'init.conf')).config.keepaliveMisses, 7);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
