// Issue 13 item 9: the emergency actions "exit" and "exit-force" (SuccessAction=, FailureAction=,
// JobTimeoutAction=, StartLimitAction=). exit starts exit.target replace-irreversibly, as systemd
// does, so an admin's exit.target and its drop-ins are honoured, then asks for the final step of
// kind "exit"; exit-force asks for that final step at once, stopping no unit. Neither is a
// poweroff: poweroff.target is never started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownOf } from '../src/job/emergency-action';
import { fakeSystem, service } from './manager-fakes';

const EXIT_TARGET = '[Unit]\nDescription=Exit the Container\nDefaultDependencies=no\nRequires=shutdown.target\nAfter=shutdown.target\nAllowIsolate=yes\n';

test('exit and exit-force are the kind "exit", polite and forced; the other actions keep their kinds', () => {
  assert.deepEqual(shutdownOf('exit'), { kind: 'exit', level: 'polite' });
  assert.deepEqual(shutdownOf('exit-force'), { kind: 'exit', level: 'force' });
  assert.deepEqual(shutdownOf('poweroff'), { kind: 'poweroff', level: 'polite' });
  assert.deepEqual(shutdownOf('reboot-immediate'), { kind: 'reboot', level: 'immediate' });
  assert.deepEqual(shutdownOf('kexec-force'), { kind: 'kexec', level: 'force' });
  assert.equal(shutdownOf('none'), null);
});

test('SuccessAction=exit starts exit.target with its admin drop-in, stops what conflicts with shutdown.target, and asks for the final step of exit, not a poweroff', async (t) => {
  const s = await fakeSystem({
    'done.service': service('SuccessAction=exit'),
    'web.service': service(),
    'keeper.service': service('DefaultDependencies=no'),
    'farewell.service': service('DefaultDependencies=no'),
    'exit.target': EXIT_TARGET,
    'exit.target.d/admin.conf': '[Unit]\nWants=farewell.service\n',
  }, { oneshot: ['done.service', 'farewell.service'] });
  t.after(() => s.cleanup());
  await s.run('start', ['web.service', 'keeper.service']);
  await s.run('start', ['done.service']);
  await s.settle();
  assert.deepEqual(s.shutdowns, ['exit']);
  assert.equal(s.state('exit.target'), 'active');
  assert.equal(s.state('poweroff.target'), 'inactive', 'exit is no poweroff');
  assert.ok(s.calls.includes('start farewell.service'), "the admin's Wants= of exit.target is honoured");
  assert.equal(s.state('web.service'), 'inactive', 'a unit with default dependencies conflicts with shutdown.target and is stopped');
  assert.equal(s.state('keeper.service'), 'active', 'replace-irreversibly, not an isolate: a unit nothing conflicts with is left to the final step');
});

test('FailureAction=exit-force goes straight to the final step of exit: no unit is stopped, exit.target is not started', async (t) => {
  const s = await fakeSystem({
    'bad.service': service('FailureAction=exit-force'), 'web.service': service(), 'exit.target': EXIT_TARGET,
  }, { fails: ['bad.service'] });
  t.after(() => s.cleanup());
  await s.run('start', ['web.service', 'bad.service']);
  await s.settle();
  assert.deepEqual(s.shutdowns, ['exit']);
  assert.equal(s.state('web.service'), 'active');
  assert.equal(s.state('exit.target'), 'inactive');
  assert.equal(s.state('poweroff.target'), 'inactive');
});
