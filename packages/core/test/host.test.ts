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
