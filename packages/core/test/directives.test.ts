// The [Unit] directives of systemd.unit(5), one scenario per behaviour: unit files on disk, a
// request, and the expected job results, call order and unit states. Each row runs against the
// real Manager (unit table, transactions, engine) with a fake worker pool (manager-fakes.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSystem, service, type FakeBehaviour, type FakeSystem } from './manager-fakes';

interface Scenario {
  name: string;
  files: Record<string, string>;
  behaviour?: FakeBehaviour;
  run(s: FakeSystem): Promise<void>;
}

const before = (calls: string[], a: string, b: string): boolean => calls.indexOf(a) >= 0 && calls.indexOf(a) < calls.indexOf(b);

const SCENARIOS: Scenario[] = [
  {
    name: 'Requires= pulls in a start of the other unit and After= orders it first',
    files: { 'app.service': service('Requires=db.service\nAfter=db.service'), 'db.service': service() },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'done');
      assert.ok(before(s.calls, 'start db.service', 'start app.service'), s.calls.join(', '));
    },
  },
  {
    name: 'a Requires= unit that fails to start fails the dependent job with result dependency',
    files: { 'app.service': service('Requires=db.service\nAfter=db.service'), 'db.service': service() },
    behaviour: { fails: ['db.service'] },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'dependency');
      assert.ok(!s.calls.includes('start app.service'));
    },
  },
  {
    name: 'Requisite= on an inactive unit fails with dependency and pulls in no start of it',
    files: { 'app.service': service('Requisite=db.service\nAfter=db.service'), 'db.service': service() },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'dependency');
      assert.ok(!s.calls.includes('start db.service'));
      assert.ok(!s.calls.includes('start app.service'));
    },
  },
  {
    name: 'Requisite= on an active unit lets the start go on',
    files: { 'app.service': service('Requisite=db.service\nAfter=db.service'), 'db.service': service() },
    async run(s) {
      await s.run('start', ['db.service']);
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'done');
    },
  },
  {
    name: 'Wants= pulls in a start whose failure does not fail the wanting unit',
    files: { 'app.service': service('Wants=extra.service gone.service\nAfter=extra.service'), 'extra.service': service() },
    behaviour: { fails: ['extra.service'] },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'done');
      assert.ok(before(s.calls, 'start extra.service', 'start app.service'));
    },
  },
  {
    name: 'BindsTo= pulls in the bound unit and stops this one when the bound unit exits on its own',
    files: { 'app.service': service('BindsTo=db.service\nAfter=db.service'), 'db.service': service() },
    async run(s) {
      await s.run('start', ['app.service']);
      assert.equal(s.state('db.service'), 'active');
      s.spontaneous('db.service', 'inactive');
      await s.settle();
      assert.equal(s.state('app.service'), 'inactive');
      assert.ok(s.calls.includes('stop app.service'));
    },
  },
  {
    name: 'BindsTo= stops the unit when the bound unit is stopped by a job',
    files: { 'app.service': service('BindsTo=db.service\nAfter=db.service'), 'db.service': service() },
    async run(s) {
      await s.run('start', ['app.service']);
      await s.run('stop', ['db.service']);
      await s.settle();
      assert.ok(before(s.calls, 'stop app.service', 'stop db.service'));
    },
  },
  {
    name: 'PartOf= propagates a restart and a stop of the other unit to this one',
    files: { 'worker.service': service('PartOf=app.service\nAfter=app.service'), 'app.service': service() },
    async run(s) {
      await s.run('start', ['app.service', 'worker.service']);
      await s.run('restart', ['app.service']);
      await s.settle();
      assert.equal(s.calls.filter((c) => c === 'start worker.service').length, 2);
      await s.run('stop', ['app.service']);
      await s.settle();
      assert.equal(s.state('worker.service'), 'inactive');
      // PartOf= is one-way: stopping the part leaves the whole running.
      await s.run('start', ['app.service', 'worker.service']);
      await s.run('stop', ['worker.service']);
      assert.equal(s.state('app.service'), 'active');
    },
  },
  {
    name: 'Upholds= starts the upheld unit again when it goes down while the upholding unit is up',
    files: { 'keeper.service': service('Upholds=kept.service'), 'kept.service': service() },
    async run(s) {
      await s.run('start', ['keeper.service']);
      await s.settle();
      assert.equal(s.state('kept.service'), 'active');
      s.spontaneous('kept.service', 'failed', 'exit-code');
      await s.settle();
      assert.equal(s.state('kept.service'), 'active');
      assert.equal(s.calls.filter((c) => c === 'start kept.service').length, 2);
    },
  },
  {
    name: 'Conflicts= stops the other unit when this one starts, and the other way round',
    files: { 'a.service': service('Conflicts=b.service'), 'b.service': service() },
    async run(s) {
      await s.run('start', ['b.service']);
      await s.run('start', ['a.service']);
      // Conflicts= orders nothing: the stop of b runs beside the start of a (systemd.unit(5)).
      await s.settle();
      assert.equal(s.state('b.service'), 'inactive');
      await s.run('start', ['b.service']);
      await s.settle();
      assert.equal(s.state('a.service'), 'inactive');
    },
  },
  {
    name: 'a start and a stop of one unit in one transaction: the stop from a Wants= branch is dropped (systemd rule)',
    files: { 'a.service': service('Requires=b.service\nWants=c.service'), 'b.service': service(), 'c.service': service('Conflicts=b.service') },
    async run(s) {
      const [job] = await s.run('start', ['a.service']);
      await s.settle();
      assert.equal(job!.result, 'done');
      assert.equal(s.state('b.service'), 'active');
      assert.ok(!s.calls.includes('start c.service'));
    },
  },
  {
    name: 'a start and a stop that both matter make the transaction destructive',
    files: { 'a.service': service('Requires=b.service\nConflicts=b.service') , 'b.service': service() },
    async run(s) {
      await assert.rejects(s.run('start', ['a.service']), /Transaction is destructive: b\.service would be both started \(a\.service has Requires=b\.service\) and stopped \(a\.service has Conflicts=b\.service\)/);
    },
  },
  {
    name: 'OnFailure= starts the named unit when the unit fails, with OnFailureJobMode=',
    files: { 'app.service': service('OnFailure=alert.service\nOnFailureJobMode=fail'), 'alert.service': service() },
    behaviour: { fails: ['app.service'] },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'failed');
      await s.settle();
      assert.equal(s.state('alert.service'), 'active');
    },
  },
  {
    name: 'OnSuccess= starts the named unit when the unit finishes successfully, and not on failure',
    files: { 'job.service': service('OnSuccess=next.service\nOnFailure=cleanup.service'), 'next.service': service(), 'cleanup.service': service() },
    behaviour: { oneshot: ['job.service'] },
    async run(s) {
      await s.run('start', ['job.service']);
      await s.settle();
      assert.equal(s.state('next.service'), 'active');
      assert.equal(s.state('cleanup.service'), 'inactive');
    },
  },
  {
    name: 'PropagatesReloadTo= and ReloadPropagatedFrom= reload the other unit when it is up',
    files: { 'a.service': service('PropagatesReloadTo=b.service c.service'), 'b.service': service(), 'c.service': service(), 'd.service': service('ReloadPropagatedFrom=a.service') },
    async run(s) {
      await s.run('start', ['a.service', 'b.service', 'd.service']);
      const [job] = await s.run('reload', ['a.service']);
      await s.settle();
      assert.equal(job!.result, 'done');
      assert.ok(s.calls.includes('reload b.service'));
      assert.ok(s.calls.includes('reload d.service'));
      assert.ok(!s.calls.includes('reload c.service') && !s.calls.includes('start c.service'));
    },
  },
  {
    name: 'JoinsNamespaceOf= is recorded both ways and passed to the worker in unit_settings',
    files: { 'a.service': service('JoinsNamespaceOf=b.service c.service'), 'b.service': service(), 'c.service': service() },
    async run(s) {
      await s.manager.table.load('a.service');
      assert.deepEqual(s.manager.unit('a.service').dependencies.JoinsNamespaceOf, ['b.service', 'c.service']);
      assert.deepEqual(s.manager.unit('b.service').dependencies.JoinsNamespaceOf, ['a.service']);
      assert.equal(s.loads.find((l) => l.name === 'a.service')!.unit_settings!.JoinsNamespaceOf, 'b.service c.service');
    },
  },
  {
    name: 'RequiresMountsFor= records the mount units of the path, and missing mount units are not an error',
    files: { 'app.service': service('RequiresMountsFor=/var/lib/app') },
    async run(s) {
      const [job] = await s.run('start', ['app.service']);
      assert.equal(job!.result, 'done');
      const deps = s.manager.unit('app.service').dependencies;
      assert.deepEqual(deps.RequiresMountsFor, ['-.mount', 'var-lib-app.mount', 'var-lib.mount', 'var.mount']);
      assert.ok(deps.After!.includes('var-lib-app.mount'));
      assert.equal(s.manager.unit('app.service').properties.RequiresMountsFor, '/var/lib/app');
    },
  },
  {
    name: 'isolate stops every other unit except the IgnoreOnIsolate= ones, and needs AllowIsolate=',
    files: {
      'rescue.target': '[Unit]\nRequires=sysinit.target\nAfter=sysinit.target\nAllowIsolate=yes\n',
      'plain.target': '[Unit]\nDescription=No isolate\n',
      'web.service': service(), 'keep.service': service('IgnoreOnIsolate=yes'),
    },
    async run(s) {
      await s.run('start', ['web.service', 'keep.service']);
      await assert.rejects(s.run('start', ['plain.target'], 'isolate'), /Operation refused, unit may not be isolated\./);
      const [job] = await s.run('start', ['rescue.target'], 'isolate');
      await s.settle();
      assert.equal(job!.result, 'done');
      assert.equal(s.state('web.service'), 'inactive');
      assert.equal(s.state('keep.service'), 'active');
      assert.equal(s.state('sysinit.target'), 'active');
    },
  },
  {
    name: 'StopWhenUnneeded= stops a unit once no unit that needs it is up',
    files: { 'app.service': service('Requires=helper.service'), 'helper.service': service('StopWhenUnneeded=yes') },
    async run(s) {
      await s.run('start', ['app.service']);
      await s.settle();
      assert.equal(s.state('helper.service'), 'active');
      await s.run('stop', ['app.service']);
      await s.settle();
      assert.equal(s.state('helper.service'), 'inactive');
    },
  },
  {
    name: 'RefuseManualStart= refuses a start from the API but not one pulled in as a dependency',
    files: { 'only-dep.service': service('RefuseManualStart=yes'), 'app.service': service('Requires=only-dep.service') },
    async run(s) {
      await assert.rejects(s.run('start', ['only-dep.service']), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'ERR_REFUSED');
        assert.match(e.message, /Operation refused, unit only-dep\.service may be requested by dependency only/);
        return true;
      });
      const [job] = await s.run('start', ['app.service']);
      await s.settle();
      assert.equal(job!.result, 'done');
      assert.equal(s.state('only-dep.service'), 'active');
      const [fromWorker] = await s.run('restart', ['only-dep.service'], 'replace', 'dependency');
      assert.equal(fromWorker!.result, 'done');
    },
  },
  {
    name: 'RefuseManualStop= refuses a stop and a restart from the API',
    files: { 'sticky.service': service('RefuseManualStop=yes') },
    async run(s) {
      await s.run('start', ['sticky.service']);
      await assert.rejects(s.run('stop', ['sticky.service']), /may be requested by dependency only/);
      await assert.rejects(s.run('restart', ['sticky.service']), /may be requested by dependency only/);
      assert.equal(s.state('sticky.service'), 'active');
    },
  },
  {
    name: 'DefaultDependencies= gives a service Requires=sysinit.target, After=basic.target and Conflicts=shutdown.target, and =no gives none',
    files: { 'app.service': service(), 'early.service': service('DefaultDependencies=no') },
    async run(s) {
      await s.run('start', ['app.service']);
      const deps = s.manager.unit('app.service').dependencies;
      assert.deepEqual(deps.Requires, ['sysinit.target']);
      assert.deepEqual(deps.After, ['basic.target', 'sysinit.target']);
      assert.deepEqual(deps.Conflicts, ['shutdown.target']);
      assert.deepEqual(deps.Before, ['shutdown.target']);
      assert.equal(s.state('sysinit.target'), 'active');
      assert.deepEqual(s.manager.unit('early.service').dependencies, {});
    },
  },
  {
    name: 'CollectMode=inactive-or-failed forgets a failure at once',
    files: { 'gone.service': service('CollectMode=inactive-or-failed') },
    behaviour: { fails: ['gone.service'] },
    async run(s) {
      await s.run('start', ['gone.service']);
      await s.settle();
      assert.equal(s.state('gone.service'), 'inactive');
      assert.ok(s.calls.includes('reset-failed gone.service'));
    },
  },
  {
    name: 'JobTimeoutSec= ends a job that takes too long with timeout and runs JobTimeoutAction=',
    files: { 'slow.service': service('JobTimeoutSec=50ms\nJobTimeoutAction=poweroff-force') },
    behaviour: { hangs: ['slow.service'] },
    async run(s) {
      const [job] = await s.run('start', ['slow.service']);
      assert.equal(job!.result, 'timeout');
      await s.settle();
      assert.deepEqual(s.shutdowns, ['poweroff']);
    },
  },
  {
    name: 'JobRunningTimeoutSec= counts from when the job runs',
    files: { 'slow.service': service('JobRunningTimeoutSec=40ms') },
    behaviour: { hangs: ['slow.service'] },
    async run(s) {
      const [job] = await s.run('start', ['slow.service']);
      assert.equal(job!.result, 'timeout');
      assert.match(job!.message, /timed out/);
    },
  },
  {
    name: 'StartLimitBurst= refuses the start that exceeds it, plainly, and reset-failed clears it',
    files: { 'flap.service': service('StartLimitIntervalSec=1min\nStartLimitBurst=2') },
    behaviour: { oneshot: ['flap.service'] },
    async run(s) {
      await s.run('start', ['flap.service']);
      await s.run('start', ['flap.service']);
      const [third] = await s.run('start', ['flap.service'], 'replace', 'dependency');
      assert.equal(third!.result, 'failed');
      assert.equal(third!.message, "Start request repeated too quickly for flap.service; refusing to start. Run 'sctl reset-failed flap.service' to clear the limit.");
      assert.equal(s.manager.unit('flap.service').status.result, 'start-limit-hit');
      assert.equal(s.state('flap.service'), 'failed');
      await assert.rejects(s.run('start', ['flap.service']), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'ERR_START_LIMIT');
        assert.equal(e.message, "Start request repeated too quickly for flap.service; refusing to start. Run 'sctl reset-failed flap.service' to clear the limit.");
        return true;
      });
      await s.manager.resetFailed(['flap.service']);
      assert.equal(s.state('flap.service'), 'inactive');
      const [again] = await s.run('start', ['flap.service']);
      assert.equal(again!.result, 'done');
    },
  },
  {
    name: "a worker's automatic restart arrives as a restart job that goes through the start limit, and StartLimitAction= runs when it is hit",
    files: { 'crashy.service': service('StartLimitIntervalSec=1min\nStartLimitBurst=2\nStartLimitAction=reboot\nRebootArgument=fallback') },
    async run(s) {
      await s.run('start', ['crashy.service']);
      // The worker holds the crashed unit in auto-restart (activating) and enqueues a restart job.
      s.spontaneous('crashy.service', 'activating', 'exit-code', 1);
      const [first] = await s.run('restart', ['crashy.service'], 'replace', 'dependency');
      assert.equal(first!.result, 'done');
      assert.equal(s.state('crashy.service'), 'active');
      s.spontaneous('crashy.service', 'activating', 'exit-code', 2);
      const [second] = await s.run('restart', ['crashy.service'], 'replace', 'dependency');
      await s.settle();
      assert.equal(second!.result, 'failed');
      assert.match(second!.message, /Start request repeated too quickly for crashy\.service/);
      const { status } = s.manager.unit('crashy.service');
      assert.deepEqual([status.active_state, status.result], ['failed', 'start-limit-hit']);
      assert.equal(s.calls.filter((c) => c === 'start crashy.service').length, 2, 'the refused start never reaches the worker');
      assert.deepEqual(s.shutdowns, ['reboot']);
      assert.deepEqual(s.reboots, ['fallback']);
    },
  },
  {
    name: 'a restart job for a unit that is already down skips the stop and counts its start against the limit',
    files: { 'down.service': service('StartLimitIntervalSec=1min\nStartLimitBurst=1') },
    async run(s) {
      await s.run('start', ['down.service']);
      s.spontaneous('down.service', 'inactive', 'exit-code', 1);
      const [job] = await s.run('restart', ['down.service'], 'replace', 'dependency');
      assert.equal(job!.result, 'failed');
      assert.ok(!s.calls.includes('stop down.service'));
      assert.equal(s.manager.unit('down.service').status.result, 'start-limit-hit');
    },
  },
  {
    name: 'spontaneous state changes alone never trip the start limit: only start jobs count',
    files: { 'noisy.service': service('StartLimitIntervalSec=1min\nStartLimitBurst=1') },
    async run(s) {
      await s.run('start', ['noisy.service']);
      for (let i = 1; i <= 5; i++) s.spontaneous('noisy.service', 'activating', 'exit-code', i);
      s.spontaneous('noisy.service', 'active', 'success', 5);
      await s.settle();
      assert.equal(s.manager.unit('noisy.service').status.result, 'success');
      assert.deepEqual(s.calls.filter((c) => c.includes('noisy')), ['start noisy.service']);
    },
  },
  {
    name: 'FailureAction=reboot-force goes straight to the final step of a reboot without stopping units',
    files: { 'bad.service': service('FailureAction=reboot-force'), 'other.service': service() },
    behaviour: { fails: ['bad.service'] },
    async run(s) {
      await s.run('start', ['other.service', 'bad.service']);
      await s.settle();
      assert.deepEqual(s.shutdowns, ['reboot']);
      assert.equal(s.state('other.service'), 'active');
    },
  },
  {
    name: 'SuccessAction=poweroff powers off politely once the unit finished successfully',
    files: { 'done.service': service('SuccessAction=poweroff') },
    behaviour: { oneshot: ['done.service'] },
    async run(s) {
      await s.run('start', ['done.service']);
      await s.settle();
      assert.deepEqual(s.shutdowns, ['poweroff']);
      assert.equal(s.state('poweroff.target'), 'active');
    },
  },
  {
    name: 'a failed Condition ends the start job done without starting, and status shows the failure',
    files: { 'cond.service': service('ConditionPathExists=/etc/nothing-here') },
    async run(s) {
      const [job] = await s.run('start', ['cond.service']);
      assert.equal(job!.result, 'done');
      assert.ok(!s.calls.includes('start cond.service'));
      assert.equal(s.state('cond.service'), 'inactive');
      const view = s.manager.unit('cond.service');
      assert.equal(view.conditions!.passed, false);
      assert.deepEqual(view.conditions!.failures, ['ConditionPathExists=/etc/nothing-here was not met']);
    },
  },
  {
    name: 'a failed Assert fails the start job with result assert, and a passing one lets it start',
    files: { 'assert.service': service('AssertPathExists=/etc/nothing-here'), 'ok.service': service('AssertPathExists=/etc/present\nConditionPathExists=|/nope\nConditionPathExists=|/etc/present') },
    behaviour: { conditionEnv: { files: { '/etc/present': 'x' } } },
    async run(s) {
      const [job] = await s.run('start', ['assert.service']);
      assert.equal(job!.result, 'assert');
      assert.match(job!.message, /AssertPathExists=\/etc\/nothing-here was not met/);
      const [ok] = await s.run('start', ['ok.service']);
      assert.equal(ok!.result, 'done');
      assert.equal(s.state('ok.service'), 'active');
    },
  },
  {
    name: "Triggers= implied by a worker is mirrored as TriggeredBy= on the triggered unit",
    files: { 'web.socket': '[Unit]\nDescription=Web socket\n[Socket]\nListenStream=8080\n', 'web.service': service() },
    behaviour: { implied: { 'web.socket': [{ kind: 'Triggers', unit: 'web.service' }, { kind: 'Before', unit: 'web.service' }] } },
    async run(s) {
      await s.manager.table.load('web.socket');
      assert.deepEqual(s.manager.unit('web.service').dependencies.TriggeredBy, ['web.socket']);
    },
  },
  {
    name: 'try-restart of an inactive unit does nothing and verify-active fails on one',
    files: { 'idle.service': service() },
    async run(s) {
      assert.deepEqual(await s.run('try-restart', ['idle.service']), []);
      const [verify] = await s.run('verify-active', ['idle.service']);
      assert.equal(verify!.result, 'failed');
      assert.deepEqual(s.calls, []);
    },
  },
  {
    name: 'reload-or-restart reloads a unit whose Load answered can_reload and restarts one whose Load did not',
    files: { 'can.service': service(), 'cannot.service': service() },
    behaviour: { load: { 'can.service': { can_reload: true }, 'cannot.service': { can_reload: false } } },
    async run(s) {
      await s.run('start', ['can.service', 'cannot.service']);
      await s.run('reload-or-restart', ['can.service']);
      await s.run('reload-or-restart', ['cannot.service']);
      assert.ok(s.calls.includes('reload can.service'));
      assert.ok(!s.calls.includes('reload cannot.service'));
      assert.deepEqual(s.calls.filter((c) => c.endsWith('cannot.service')), ['start cannot.service', 'stop cannot.service', 'start cannot.service']);
    },
  },
  {
    name: "mode flush cancels the queued jobs outside the transaction; replace-irreversibly jobs cannot be replaced",
    files: { 'slow.service': service(), 'a.service': service('After=slow.service'), 'b.service': service() },
    behaviour: { hangs: ['slow.service'] },
    async run(s) {
      const queued = await s.manager.enqueue('start', ['slow.service', 'a.service'], 'replace');
      await s.manager.enqueue('start', ['b.service'], 'flush');
      const [slow, a] = await s.manager.waitJobs(queued.map((j) => j.id));
      assert.equal(slow!.result, 'canceled');
      assert.equal(a!.result, 'canceled');
      const [hold] = await s.manager.enqueue('start', ['slow.service'], 'replace-irreversibly');
      await assert.rejects(s.manager.enqueue('stop', ['slow.service'], 'replace'), /irreversible/);
      s.manager.cancelJobs([hold!.id]);
    },
  },
  {
    name: 'mode ignore-dependencies starts only the named unit, ignoring its requirements and ordering',
    files: { 'app.service': service('Requires=db.service\nAfter=db.service'), 'db.service': service() },
    behaviour: { hangs: ['db.service'] },
    async run(s) {
      const [job] = await s.run('start', ['app.service'], 'ignore-dependencies');
      assert.equal(job!.result, 'done');
      assert.ok(!s.calls.includes('start db.service'));
    },
  },
  {
    name: 'an ordering cycle is broken by deleting a Wants= job, and one of Requires= jobs fails printing the cycle',
    files: {
      'a.service': service('Requires=b.service\nWants=c.service\nAfter=b.service'),
      'b.service': service('After=c.service'),
      'c.service': service('After=a.service'),
      'x.service': service('Requires=y.service\nAfter=y.service'),
      'y.service': service('Requires=x.service\nAfter=x.service'),
    },
    async run(s) {
      const [job] = await s.run('start', ['a.service']);
      assert.equal(job!.result, 'done');
      assert.ok(!s.calls.includes('start c.service'));
      await assert.rejects(s.run('start', ['x.service']), (e: Error) => {
        assert.match(e.message, /Ordering cycle found: (x\.service\/start → y\.service\/start → x\.service\/start|y\.service\/start → x\.service\/start → y\.service\/start)/);
        assert.match(e.message, /has After=/);
        return true;
      });
    },
  },
  {
    name: 'a Requires= on a unit that does not exist fails the transaction naming the unit and the key',
    files: { 'app.service': service('Requires=ghost.service') },
    async run(s) {
      await assert.rejects(s.run('start', ['app.service']), /app\.service has Requires=ghost\.service, but Unit ghost\.service not found/);
    },
  },
  {
    name: 'shutdown isolates poweroff.target irreversibly, stopping the units that conflict with shutdown.target, then runs the final step',
    files: { 'app.service': service(), 'early.service': service('DefaultDependencies=no') },
    async run(s) {
      await s.run('start', ['app.service', 'early.service']);
      s.manager.shutdown('poweroff');
      for (let i = 0; i < 100 && s.shutdowns.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(s.shutdowns, ['poweroff']);
      assert.equal(s.state('app.service'), 'inactive');
      assert.equal(s.state('early.service'), 'inactive');
      assert.equal(s.state('poweroff.target'), 'active');
      assert.equal(s.state('shutdown.target'), 'active');
      assert.equal(s.manager.systemState(), 'stopping');
      await assert.rejects(s.manager.enqueue('start', ['app.service'], 'replace'), /shutting down/);
    },
  },
];

for (const scenario of SCENARIOS) {
  test(scenario.name, async (t) => {
    const s = await fakeSystem(scenario.files, scenario.behaviour);
    t.after(() => s.cleanup());
    await scenario.run(s);
  });
}

test('status shows live cgroup counters: refreshUnit asks the worker, the cached view keeps the last event', async () => {
  const sys = await fakeSystem({ 'busy.service': service() });
  await sys.manager.enqueue('start', ['busy.service'], 'replace');
  await sys.settle();
  assert.equal(sys.manager.unit('busy.service').status.tasks_current, 1);
  const live = await sys.manager.refreshUnit('busy.service');
  assert.equal(live.status.tasks_current, 42);
  assert.equal(live.status.active_state, 'active');
});
