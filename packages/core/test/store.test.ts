import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, openStoreSafely } from '../src/store';
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

test('a store file lmdb cannot open is moved aside and a new one made; a store of a newer layout is cleared but keeps the presets', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'core.mdb'), 'this is not an lmdb file, it is garbage '.repeat(500));
  const reports: string[] = [];
  const a = openStoreSafely(dir, (m) => reports.push(m), null, 'boot-1');
  assert.equal(a.takeJobId(), 1, 'a working store');
  a.setPresetsApplied();
  a.writeJobs([{ id: 5, unit: 'x.service', type: 'start', shownType: 'start', half: 'none', ignoreOrder: false, irreversible: false, queuedMonotonicUsec: 1, startCalledMonotonicUsec: 0, startCalledRealtimeUsec: 0 }], []);
  await a.flush();
  await a.close();
  assert.match(reports.join('\n'), /cannot be opened .* moved to .*core\.mdb\.corrupt-\d+ and rebuilt from the running system/);
  assert.ok(fs.readdirSync(dir).some((f) => f.startsWith('core.mdb.corrupt-')));
  // A newer core wrote layout 99; this one does not understand it.
  const { open } = await import('lmdb');
  const raw = open<unknown, string>({ path: path.join(dir, 'core.mdb'), compression: false });
  await raw.put('storeVersion', 99);
  await raw.put('job/6', { garbage: true });
  await raw.close();
  reports.length = 0;
  const b = openStoreSafely(dir, (m) => reports.push(m), null, 'boot-1');
  assert.match(reports.join('\n'), /layout 99, newer than this core's 2: it is cleared \(presets applied are kept\)/);
  assert.equal(b.presetsApplied(), true);
  assert.deepEqual(b.jobs(), { installed: [], finished: [] });
  await b.close();
});

test('malformed job records in the store are skipped with a report, never handed to the engine', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { open } = await import('lmdb');
  const raw = open<unknown, string>({ path: path.join(dir, 'core.mdb'), compression: false });
  await raw.put('boot', { bootId: 'boot-1', enqueued: true, completed: true });
  await raw.put('job/1', { id: 1, unit: 'a.service', type: 'explode', half: 'none' });
  await raw.put('job/2', 'not even an object');
  await raw.put('done/3', { id: 3 });
  await raw.put('request/r', { seq: 1, jobIds: ['x'] });
  await raw.close();
  const reports: string[] = [];
  const s = openStoreSafely(dir, (m) => reports.push(m), null, 'boot-1');
  assert.deepEqual(s.jobs(), { installed: [], finished: [] });
  assert.equal(s.request('r'), undefined);
  assert.match(reports.join('\n'), /2 job record\(s\) in the store are malformed and were skipped/);
  await s.close();
});

test('a store whose database fails under it (here: closed) answers every call without throwing, and says so', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const reports: string[] = [];
  const s = openStore(dir, 'boot-1', null, (m) => reports.push(m));
  const first = s.takeJobId();
  await s.close();
  assert.equal(s.takeJobId(), first + 1, 'ids still go on');
  assert.deepEqual(s.jobs(), { installed: [], finished: [] });
  assert.equal(s.request('x'), undefined);
  assert.equal(s.boot().completed, true, 'a boot that cannot be read counts as done: nothing is started again');
  s.setUserStopped(new Set(['a.service']));
  assert.ok(reports.length > 0 && reports.every((r) => /state store/.test(r)), reports.join('\n'));
});
