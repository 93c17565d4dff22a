// Scenario: bad input gets a clear error and kills nothing. A malformed unit file loads as
// bad-setting with its file and line while the rest boots; an unknown unit, a wrong sctl
// argument and a unit file that even root cannot read each get a message and the documented
// exit code.
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

  // Root reads past mode bits, so "unreadable" here means what stops root too: read(2) failing
  // (EINVAL from a /sys attribute the unit name links to, as EIO would from a bad disk), a
  // directory, and a FIFO, which a plain open would wait on forever and hang the manager.
  // systemd loads the first as LoadState=error with the errno; it skips the other two as not
  // unit files (not-found), where we name the problem instead (unit-file's search-path.ts).
  test('a unit file even root cannot read (a read error, a directory, a FIFO) loads as error with its path and reason, and daemon-reload carries on', async () => {
    const cases = [
      { unit: 'einval.service', make: 'ln -s /sys/class/net/lo/speed', reason: /cannot read: EINVAL/ },
      { unit: 'isdir.service', make: 'mkdir', reason: /cannot read: EISDIR/ },
      { unit: 'fifo.service', make: 'mkfifo', reason: /cannot read: not a regular file \(a FIFO\)/ },
    ];
    for (const c of cases) {
      const made = await sb.sh(`${c.make} /etc/sysmaster/system/${c.unit}`);
      assert.equal(made.exitCode, 0, made.stderr);
    }
    const reload = await sb.run(['sctl', 'daemon-reload'], { timeoutMs: 15_000 });
    assert.equal(reload.exitCode, 0, `daemon-reload: ${reload.stderr}`);
    for (const c of cases) {
      const file = `/etc/sysmaster/system/${c.unit}`;
      assert.equal(await sb.show(c.unit, 'LoadState'), 'error', c.unit);
      const r = await sb.sctl('status', c.unit);
      assert.equal(r.exitCode, 3, `${c.unit}: ${r.stderr}`);
      assert.match(r.stdout, /Loaded: error/, r.stdout);
      assert.ok(r.stdout.includes(file), `${c.unit}: the status names ${file}:\n${r.stdout}`);
      assert.match(r.stdout, c.reason, r.stdout);
      const start = await sb.sctl('start', c.unit);
      assert.notEqual(start.exitCode, 0, `${c.unit} cannot be started`);
    }
    assert.equal((await sb.sctl('is-active', 'healthy.service')).stdout.trim(), 'active');
    assert.equal((await sb.sctl('is-active', 'multi-user.target')).stdout.trim(), 'active');
  });
});
