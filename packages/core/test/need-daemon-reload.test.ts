// NeedDaemonReload=: a unit whose fragment or drop-ins changed, went or came on disk since it
// was loaded says so in its view (sctl status and show print systemctl's warning), until
// daemon-reload reads it again; and a job request names such units (JobsResponse.changed_on_disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fakeSystem, service } from './manager-fakes';

test('a changed unit file, a new drop-in and a removed one each set NeedDaemonReload until daemon-reload', async (t) => {
  const sys = await fakeSystem({ 'web.service': service('Description=web\n') });
  t.after(() => sys.cleanup());
  await sys.run('start', ['web.service']);
  const need = async (): Promise<boolean> => (await sys.manager.refreshUnit('web.service')).needDaemonReload;
  assert.equal(await need(), false);
  const file = path.join(sys.dir, 'web.service');
  fs.writeFileSync(file, service('Description=web, edited\n'));
  assert.equal(await need(), true, 'the fragment changed');
  assert.deepEqual(sys.manager.changedOnDisk(['web.service', 'other.service']), ['web.service']);
  await sys.manager.reload();
  assert.equal(await need(), false, 'daemon-reload read it again');
  fs.mkdirSync(path.join(sys.dir, 'web.service.d'));
  fs.writeFileSync(path.join(sys.dir, 'web.service.d', 'x.conf'), '[Service]\nNice=5\n');
  assert.equal(await need(), true, 'a drop-in came');
  await sys.manager.reload();
  assert.equal(await need(), false);
  fs.rmSync(path.join(sys.dir, 'web.service.d', 'x.conf'));
  assert.equal(await need(), true, 'a drop-in went');
  assert.equal(sys.manager.units().find((u) => u.name === 'web.service')?.needDaemonReload, false, 'listings do not stat files');
});
