// Malformed [Unit] values: each one makes the unit bad-setting with a message naming the file,
// line and key; the rest of the unit's settings parse to systemd's types and defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readUnitDefinition } from '../src/units/unit-definition';
import { shutdownOf } from '../src/job/emergency-action';

function defOf(text: string, name = 'x.service') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-settings-'));
  try {
    fs.writeFileSync(path.join(dir, name), text);
    return { def: readUnitDefinition(name, [dir]), file: path.join(dir, name) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BAD: Array<[string, string, RegExp]> = [
  ['OnFailureJobMode=sometimes', 'OnFailureJobMode', /invalid OnFailureJobMode= value "sometimes"; expected one of replace, fail, isolate/],
  ['RefuseManualStart=perhaps', 'RefuseManualStart', /perhaps/],
  ['JobTimeoutSec=soon', 'JobTimeoutSec', /time span/],
  ['StartLimitBurst=-1', 'StartLimitBurst', /non-negative integer/],
  ['FailureAction=explode', 'FailureAction', /expected one of none, reboot/],
  ['CollectMode=never', 'CollectMode', /inactive, inactive-or-failed/],
  ['RequiresMountsFor=relative/path', 'RequiresMountsFor', /"relative\/path" is not an absolute path/],
  ['BindsTo=not a unit', 'BindsTo', /invalid unit name "not"/],
  ['OnFailure=tmpl@.service', 'OnFailure', /is a template/],
  ['ConditionPathExists=relative', 'ConditionPathExists', /./],
];

for (const [line, key, message] of BAD) {
  test(`a malformed ${key}= makes the unit bad-setting naming the file, line and key`, () => {
    const { def, file } = defOf(`[Unit]\nDescription=x\n${line}\n[Service]\nExecStart=/bin/true\n`);
    assert.equal(def.loadState, 'bad-setting');
    assert.equal(def.loadErrors[0]!.key, key);
    assert.equal(def.loadErrors[0]!.line, 3);
    assert.match(def.loadErrors[0]!.message, message);
    assert.ok(def.loadMessage.startsWith(`Unit x.service has a bad setting: ${file}:3: ${key}:`), def.loadMessage);
  });
}

test('every [Unit] setting parses to its systemd type, and unset ones keep the defaults', () => {
  const { def } = defOf([
    '[Unit]', 'RefuseManualStart=yes', 'RefuseManualStop=1', 'AllowIsolate=true', 'IgnoreOnIsolate=on', 'StopWhenUnneeded=yes',
    'CollectMode=inactive-or-failed', 'OnFailureJobMode=isolate', 'JobTimeoutSec=1min 30s', 'JobRunningTimeoutSec=0',
    'JobTimeoutAction=reboot-immediate', 'JobTimeoutRebootArgument=x', 'StartLimitIntervalSec=20s', 'StartLimitBurst=3',
    'StartLimitAction=halt-force', 'RebootArgument=y', 'SuccessAction=exit', 'FailureAction=kexec', 'RequiresMountsFor=/srv/a /srv/b',
    '[Service]', 'ExecStart=/bin/true', '',
  ].join('\n'));
  assert.equal(def.loadState, 'loaded', def.loadMessage);
  assert.deepEqual(def.settings, {
    refuseManualStart: true, refuseManualStop: true, allowIsolate: true, ignoreOnIsolate: true, stopWhenUnneeded: true,
    collectMode: 'inactive-or-failed', onFailureJobMode: 'isolate', jobTimeoutUsec: 90_000_000, jobRunningTimeoutUsec: Infinity,
    jobTimeoutAction: 'reboot-immediate', jobTimeoutRebootArgument: 'x', startLimitIntervalUsec: 20_000_000, startLimitBurst: 3,
    startLimitAction: 'halt-force', rebootArgument: 'y', successAction: 'exit', failureAction: 'kexec', requiresMountsFor: ['/srv/a', '/srv/b'],
  });
  const plain = defOf('[Unit]\nDescription=plain\n').def;
  assert.equal(plain.settings.onFailureJobMode, 'replace');
  assert.equal(plain.settings.startLimitBurst, null);
  assert.equal(plain.settings.jobTimeoutUsec, Infinity);
});

test('emergency actions map onto a shutdown kind and level, and exit is its own kind (exit.target), not a poweroff', () => {
  assert.equal(shutdownOf('none'), null);
  assert.deepEqual(shutdownOf('reboot'), { kind: 'reboot', level: 'polite' });
  assert.deepEqual(shutdownOf('poweroff-force'), { kind: 'poweroff', level: 'force' });
  assert.deepEqual(shutdownOf('halt-immediate'), { kind: 'halt', level: 'immediate' });
  assert.deepEqual(shutdownOf('kexec'), { kind: 'kexec', level: 'polite' });
  assert.deepEqual(shutdownOf('exit'), { kind: 'exit', level: 'polite' });
  assert.deepEqual(shutdownOf('exit-force'), { kind: 'exit', level: 'force' });
});
