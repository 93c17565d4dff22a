import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreEnvironment, coreSpawnContext, decodeState, encodeState } from '../src/core-launch';

test('the core gets a clean environment: PATH, LANG, the SYSMASTER_ overrides and its generation', () => {
  const env = coreEnvironment({
    PATH: '/bin', HOME: '/root', NODE_EXTRA_CA_CERTS: '/etc/ca.pem', SYSMASTER_RUNTIME_DIR: '/tmp/rt',
    SYSMASTER_INIT_STATE: '{}', SYSMASTER_CORE_GENERATION: '9',
  }, 3);
  assert.deepEqual(env, ['PATH=/bin', 'LANG=C.UTF-8', 'SYSMASTER_RUNTIME_DIR=/tmp/rt', 'SYSMASTER_CORE_GENERATION=3']);
});

test('without PATH the core still gets the standard one', () => {
  assert.match(coreEnvironment({}, 1)[0] ?? '', /^PATH=\/usr\/local\/sbin:.*:\/bin$/);
});

test('the core gets the sctl sockets as fds 3 and 4 and appends its output to sysmaster.log', () => {
  const ctx = coreSpawnContext(['/usr/bin/node', '/core/main.js'], 2, [7, 8], '/var/log/sysmaster', {});
  assert.equal(ctx.path, '/usr/bin/node');
  assert.deepEqual(ctx.argv, ['/usr/bin/node', '/core/main.js']);
  assert.deepEqual(ctx.fds, [7, 8]);
  assert.deepEqual(ctx.stdout, { kind: 'file', path: '/var/log/sysmaster/sysmaster.log', mode: 'append' });
  assert.deepEqual(ctx.stderr, { kind: 'stdout' });
  assert.equal(ctx.setsid, false);
});

test('the state handed across re-exec survives encoding', () => {
  const state = { corePid: 12, privateFd: 5, publicFd: 6, coreStarts: 3, orphans: 1000, bootUsec: 1_700_000_000_000_000, reexecs: 2, lastCoreReplacement: 'killed by SIGKILL' };
  assert.deepEqual(decodeState(encodeState(state)).state, state);
  // A state from an image before the re-exec counters: they start at nothing.
  const { reexecs: _r, lastCoreReplacement: _l, ...older } = state;
  assert.deepEqual(decodeState(encodeState(older)).state, { ...older, reexecs: 0, lastCoreReplacement: '' });
});

test('a malformed re-exec state is refused with a reason', () => {
  assert.equal(decodeState(undefined).state, null);
  assert.match(decodeState('{not json').error ?? '', /not JSON/);
  assert.match(decodeState('{"corePid":"x"}').error ?? '', /corePid is not an integer/);
});
