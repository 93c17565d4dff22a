// The core's side of WorkerHost (host.ts) over a whole Manager (manager-fakes.ts): what a
// worker's ReportEvent and WatchUnits do, and that neither reads unit files to do it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { coreHostHandlers } from '../src/host';
import { silentLogger } from '../src/log';
import { fakeSystem, service } from './manager-fakes';

test('a reported warning and a notify STATUS= reach subscribers with the unit status, and no unit file is read for them', async (t) => {
  const s = await fakeSystem({ 'a.service': service() });
  t.after(() => s.cleanup());
  await s.manager.table.load('a.service');
  const host = coreHostHandlers(s.manager, silentLogger());
  const seen: UnitStatus__Output[] = [];
  s.manager.events.on('unit', (status) => seen.push(status));
  const reads = s.fileStateReads.length;
  host.reportEvent('a.service', 'warning', 'the pid file is missing', {});
  host.reportEvent('a.service', 'notify', 'STATUS=Ready for requests', { STATUS: 'Ready for requests' });
  assert.equal(s.fileStateReads.length, reads);
  assert.deepEqual(seen.map((st) => [st.name, st.notices, st.status_text]), [
    ['a.service', ['the pid file is missing'], ''],
    ['a.service', ['the pid file is missing'], 'Ready for requests'],
  ]);
  assert.deepEqual(s.manager.unit('a.service').status.notices, ['the pid file is missing'], 'the view shows the same notices');
});

test("WatchUnits sends each unit's status at once, then its changes, and reads no unit file for them", async (t) => {
  const s = await fakeSystem({ 'a.service': service(), 'b.service': service() });
  t.after(() => s.cleanup());
  const host = coreHostHandlers(s.manager, silentLogger());
  const seen: string[] = [];
  const reads = s.fileStateReads.length;
  const stop = host.watchUnits(['a.service'], (status) => seen.push(`${status.name} ${status.active_state}`));
  assert.deepEqual(seen, ['a.service inactive']);
  await s.run('start', ['a.service', 'b.service']);
  stop();
  await s.run('stop', ['a.service']);
  assert.deepEqual(seen, ['a.service inactive', 'a.service activating', 'a.service active']);
  assert.equal(s.fileStateReads.length, reads);
});

test('WatchJobQueue counts the queued jobs not of the left-out units at once and on every change, down to 0', async (t) => {
  const s = await fakeSystem({ 'a.service': service(), 'idle.service': service() }, { hangs: ['a.service', 'idle.service'] });
  t.after(() => s.cleanup());
  const host = coreHostHandlers(s.manager, silentLogger());
  const counts: number[] = [];
  const stop = host.watchJobQueue(['idle.service'], (jobs) => counts.push(jobs));
  assert.deepEqual(counts, [0]);
  void s.manager.enqueue('start', ['a.service', 'idle.service'], 'replace', 'api');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(counts.at(-1)! >= 1, `a.service's job counts: ${counts.join(' ')}`);
  s.manager.cancelJobs(s.manager.jobs().filter((j) => j.unit === 'a.service').map((j) => j.id));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(counts.at(-1), 0, `only idle.service's own job is left: ${counts.join(' ')}`);
  assert.ok(s.manager.jobs().some((j) => j.unit === 'idle.service'), 'idle.service still has its job');
  stop();
});
