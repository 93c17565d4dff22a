import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store';

test('the lmdb store keeps boot state, job ids and user stops across reopening, and forgets them for another boot', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-store-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const a = openStore(dir, 'boot-1');
  assert.equal(a.takeJobId(), 1);
  assert.equal(a.takeJobId(), 2);
  a.setBoot({ bootId: 'boot-1', enqueued: true, completed: true });
  a.setUserStopped(new Set(['x.service']));
  a.close();
  const b = openStore(dir, 'boot-1');
  assert.equal(b.takeJobId(), 3);
  assert.ok(b.boot().completed);
  assert.deepEqual([...b.userStopped()], ['x.service']);
  b.close();
  const c = openStore(dir, 'boot-2');
  assert.equal(c.boot().completed, false);
  assert.deepEqual([...c.userStopped()], []);
  assert.equal(c.takeJobId(), 4);
  c.close();
});
