// Units a lookup alone brought in: `sctl status ghost.service` of a unit that does not exist must
// not leave ghost.service listed as not-found afterwards (systemd collects it at once), while a
// not-found unit that another unit names (Wants=) stays, since it is part of the graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSystem, service } from './manager-fakes';

test('a unit that is not there or inactive and was only looked up is not listed afterwards; one another unit names stays', async (t) => {
  const sys = await fakeSystem({ 'app.service': service('Wants=missing-dep.service\n'), 'idle.service': service() });
  t.after(() => sys.cleanup());
  await sys.run('start', ['app.service']);
  const names = (): string[] => sys.manager.units().map((u) => u.name);
  assert.ok(names().includes('missing-dep.service'), 'named by app.service: listed');
  assert.equal((await sys.manager.refreshUnit('ghost.service')).loadState, 'not-found');
  assert.equal(sys.manager.unit('ghost2.service').loadState, 'not-found');
  assert.ok(!names().includes('ghost.service') && !names().includes('ghost2.service'), `looked up only: not listed (${names().join(' ')})`);
  assert.equal((await sys.manager.refreshUnit('missing-dep.service')).loadState, 'not-found');
  assert.ok(names().includes('missing-dep.service'), 'still named by app.service: still listed');
  assert.equal((await sys.manager.refreshUnit('app.service')).loadState, 'loaded');
  assert.ok(names().includes('app.service'), 'a unit that was started stays');
  assert.equal((await sys.manager.refreshUnit('idle.service')).loadState, 'loaded');
  assert.ok(!names().includes('idle.service'), 'an inactive unit that only a lookup loaded is not listed');
  await sys.run('start', ['idle.service']);
  assert.ok(names().includes('idle.service'), 'once started it is');
});
