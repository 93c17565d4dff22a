import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store';
import type { JobRecord } from '../src/job/journal';

test('the lmdb store keeps boot state, job ids and user stops across reopening, and forgets them for another boot', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const a = openStore(dir, 'boot-1');
  assert.equal(a.takeJobId(), 1);
  assert.equal(a.takeJobId(), 2);
  a.setBoot({ bootId: 'boot-1', enqueued: true, completed: true });
  a.setUserStopped(new Set(['x.service']));
  await a.close();
  const b = openStore(dir, 'boot-1');
  assert.equal(b.takeJobId(), 3);
  assert.ok(b.boot().completed);
  assert.deepEqual([...b.userStopped()], ['x.service']);
  await b.close();
  const c = openStore(dir, 'boot-2');
  assert.equal(c.boot().completed, false);
  assert.deepEqual([...c.userStopped()], []);
  assert.equal(c.takeJobId(), 4);
  await c.close();
});

test('the store keeps installed jobs, the finished ones and answered request ids across reopening, and drops them for another boot', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const record = (id: number, unit: string): JobRecord => ({
    id, unit, type: 'start', shownType: 'start', half: 'none', ignoreOrder: false, irreversible: false,
    queuedMonotonicUsec: 1, startCalledMonotonicUsec: 0, startCalledRealtimeUsec: 0,
  });
  const a = openStore(dir, 'boot-1');
  a.writeJobs([record(7, 'a.service'), record(8, 'b.service')], []);
  a.writeJobs([{ ...record(8, 'b.service'), half: 'start', startCalledMonotonicUsec: 5 }], [{ id: 7, unit: 'a.service', type: 'start', state: 'done', result: 'done', message: '' }]);
  a.setRequest('req-1', [7, 8]);
  await a.flush();
  await a.close();
  const b = openStore(dir, 'boot-1');
  const jobs = b.jobs();
  assert.deepEqual(jobs.installed.map((r) => [r.id, r.half, r.startCalledMonotonicUsec]), [[8, 'start', 5]]);
  assert.deepEqual(jobs.finished.map((v) => [v.id, v.result]), [[7, 'done']]);
  assert.deepEqual(b.request('req-1'), [7, 8]);
  assert.equal(b.request('req-2'), undefined);
  await b.close();
  const c = openStore(dir, 'boot-2');
  assert.deepEqual(c.jobs(), { installed: [], finished: [] });
  assert.equal(c.request('req-1'), undefined);
  await c.close();
});
