// Start limits outlive the core: a service that crash-loops must not get a fresh
// StartLimitBurst= from every new core (job/start-limit.ts, the store's startLimit/ records).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartLimiter } from '../src/job/start-limit';
import { openStore } from '../src/store';

test('the starts counted by one core are counted by the next one (through the store), and reset-failed clears them there too', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-limit-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const limit = { intervalUsec: 10_000_000, burst: 3 };
  let now = 1_000_000_000;
  const clock = (): number => now;
  const first = openStore(dir, 'boot-1');
  const a = new StartLimiter(clock, first);
  assert.equal(a.tryStart('web.service', limit), true);
  assert.equal(a.tryStart('web.service', limit), true);
  await first.flush();
  await first.close();
  // The core is replaced: the third start is the last the burst allows, the fourth is refused.
  const second = openStore(dir, 'boot-1');
  const b = new StartLimiter(clock, second);
  now += 1_000;
  assert.equal(b.tryStart('web.service', limit), true);
  assert.equal(b.tryStart('web.service', limit), false);
  assert.equal(b.isHit('web.service'), true);
  await second.flush();
  await second.close();
  const third = openStore(dir, 'boot-1');
  const c = new StartLimiter(clock, third);
  assert.equal(c.isHit('web.service'), true, 'the hit survives too');
  c.reset('web.service');
  await third.flush();
  await third.close();
  const fourth = openStore(dir, 'boot-1');
  assert.equal(new StartLimiter(clock, fourth).tryStart('web.service', limit), true, 'reset-failed was kept');
  await fourth.flush();
  assert.equal(fourth.startLimits().get('web.service')?.starts.length, 1);
  await fourth.close();
});
