// Scenario: bad input gets a clear error and kills nothing. A malformed unit file loads as
// bad-setting with its file and line while the rest boots; an unknown unit, a wrong sctl
// argument and an unreadable unit file each get a message and the documented exit code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Sandbox, unitsOf, useSandbox } from '../harness.mjs';

const UNITS = unitsOf(import.meta.url);

describe('bad input', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [UNITS] }), (s) => { sb = s; }, undefined, { managersSurvive: true });

  test('a malformed unit file shows as bad-setting with file:line while the rest boots', async () => {
    const r = await sb.sctl('status', 'broken.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Loaded: bad-setting/);
    assert.ok(r.stdout.includes(`${path.join(UNITS, 'broken.service')}:6`), r.stdout);
    assert.match(r.stdout, /RestartSec/);
    assert.equal((await sb.sctl('is-active', 'healthy.service')).stdout.trim(), 'active');
    assert.equal((await sb.sctl('is-active', 'multi-user.target')).stdout.trim(), 'active');
  });

  test('starting a bad-setting unit fails with the reason, and so does a unit that requires it', async () => {
    let r = await sb.sctl('start', 'broken.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /broken\.service/);
    assert.match(r.stderr, /bad-setting|bad setting/i);
    r = await sb.sctl('start', 'needs-broken.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /broken\.service/);
  });

  test('an unknown unit gets exit 4 from status and a clear error from start', async () => {
    let r = await sb.sctl('status', 'no-such-unit.service');
    assert.equal(r.exitCode, 4);
    assert.match(r.stderr, /no-such-unit\.service could not be found/);
    r = await sb.sctl('start', 'no-such-unit.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /no-such-unit\.service not found/i);
  });

  test('a wrong sctl argument gets a usage message and exit 2', async () => {
    let r = await sb.sctl('frobnicate', 'x.service');
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /frobnicate/);
    r = await sb.sctl('start');
    assert.equal(r.exitCode, 2);
    r = await sb.sctl('--bogus-option', 'status');
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /bogus-option/);
    r = await sb.sctl('start', 'bad/name.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /bad\/name\.service/);
  });

  test('an unreadable unit file loads as an error with its path, and daemon-reload carries on', async () => {
    await sb.sh('mkdir -p /etc/sysmaster/system/unreadable.service');
    const reload = await sb.sctl('daemon-reload');
    assert.equal(reload.exitCode, 0, reload.stderr);
    const r = await sb.sctl('status', 'unreadable.service');
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stdout + r.stderr, /unreadable\.service/);
    assert.match(r.stdout, /Loaded: (error|bad-setting|not-found)/);
    assert.equal((await sb.sctl('is-active', 'healthy.service')).stdout.trim(), 'active');
  });
});
