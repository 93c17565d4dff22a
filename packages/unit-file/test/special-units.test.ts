import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTargetProblem, mountUnitForPath, shutdownGoalUnit } from '../src/index';

test('each shutdown kind isolates to the goal unit of its name', () => {
  assert.equal(shutdownGoalUnit('poweroff'), 'poweroff.target');
  assert.equal(shutdownGoalUnit('kexec'), 'kexec.target');
});

test('only a target other than default.target may be the default', () => {
  assert.equal(defaultTargetProblem('multi-user.target'), null);
  assert.match(defaultTargetProblem('sshd.service') ?? '', /is not a target unit/);
  assert.match(defaultTargetProblem('default.target') ?? '', /cannot be its own default/);
});

test('mountUnitForPath escapes a path as systemd-escape --path does', () => {
  assert.equal(mountUnitForPath('/'), '-.mount');
  assert.equal(mountUnitForPath('/var/lib/'), 'var-lib.mount');
  assert.equal(mountUnitForPath('/srv/my data'), 'srv-my\\x20data.mount');
  assert.equal(mountUnitForPath('/home/a-b'), 'home-a\\x2db.mount');
});
