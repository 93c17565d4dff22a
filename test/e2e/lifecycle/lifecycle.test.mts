// Scenario: the whole stack boots to default.target in a sandbox, and sctl drives services
// through start, stop and restart; a crashing Restart=on-failure service comes back; Requires/
// After ordering shows in the order services actually started.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, unitsOf, useSandbox } from '../harness.mjs';

describe('lifecycle', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; });

  test('the system boots to default.target with every wanted service running', async () => {
    const units = await sb.sctl('list-units');
    assert.equal(units.exitCode, 0, units.stderr);
    assert.match(units.stdout, /multi-user\.target\s+loaded\s+active\s+active/);
    for (const name of ['web', 'app', 'db']) assert.match(units.stdout, new RegExp(`${name}\\.service\\s+loaded\\s+active`));
    const active = await sb.sctl('is-active', 'default.target');
    assert.equal(active.stdout.trim(), 'active');
  });

  test('every process shows its own name', async () => {
    const ps = await sb.sh('ps -eo pid=,comm=');
    const byPid = new Map(ps.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/) as [string, string]));
    assert.equal(byPid.get('1'), 'init');
    const comms = new Set(byPid.values());
    for (const c of ['sysmaster', 'sm-service', 'sm-target']) assert.ok(comms.has(c), `${c} in ${[...comms].join(' ')}`);
  });

  test('Requires and After start db before app before web', async () => {
    const order = await sb.sh('cat /run/e2e-order');
    assert.deepEqual(order.stdout.trim().split('\n'), ['db', 'app']);
    const db = Number(await sb.show('db.service', 'ActiveEnterTimestampMonotonic'));
    const app = Number(await sb.show('app.service', 'ActiveEnterTimestampMonotonic'));
    const web = Number(await sb.show('web.service', 'ActiveEnterTimestampMonotonic'));
    assert.ok(db > 0 && db <= app && app <= web, `db ${db} app ${app} web ${web}`);
  });

  test('start, stop and restart change the service state and its main pid', async () => {
    let r = await sb.sctl('start', 'idle.service');
    assert.equal(r.exitCode, 0, r.stderr);
    const pid1 = Number(await sb.show('idle.service', 'MainPID'));
    assert.ok(pid1 > 1);
    r = await sb.sctl('status', 'idle.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /Active: active \(running\)/);
    assert.match(r.stdout, new RegExp(`Main PID: ${pid1}`));
    assert.ok(await sb.waitFor(async () => (await sb.sctl('status', 'idle.service')).stdout.includes('hello world from idle')),
      'the log line shows in status');

    r = await sb.sctl('restart', 'idle');
    assert.equal(r.exitCode, 0, r.stderr);
    const pid2 = Number(await sb.show('idle.service', 'MainPID'));
    assert.ok(pid2 > 1 && pid2 !== pid1, `restart gave ${pid2} after ${pid1}`);
    assert.equal((await sb.sh(`kill -0 ${pid1} 2>/dev/null; echo $?`)).stdout.trim(), '1');

    r = await sb.sctl('stop', 'idle.service');
    assert.equal(r.exitCode, 0, r.stderr);
    r = await sb.sctl('status', 'idle.service');
    assert.equal(r.exitCode, 3);
    assert.match(r.stdout, /Active: inactive \(dead\)/);
    assert.equal((await sb.sh(`kill -0 ${pid2} 2>/dev/null; echo $?`)).stdout.trim(), '1');
  });

  test('stopping a required unit stops the units that require it', async () => {
    let r = await sb.sctl('stop', 'app.service');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((await sb.sctl('is-active', 'web.service')).stdout.trim(), 'inactive');
    r = await sb.sctl('start', 'web.service');
    assert.equal(r.exitCode, 0, r.stderr);
    for (const u of ['web.service', 'app.service', 'db.service']) assert.equal((await sb.sctl('is-active', u)).stdout.trim(), 'active', u);
  });

  test('a crashing Restart=on-failure service comes back with a new main pid', async () => {
    assert.ok(await sb.waitFor(async () => (await sb.sctl('is-active', 'crasher.service')).stdout.trim() === 'active'));
    const restarts = Number(await sb.show('crasher.service', 'NRestarts'));
    assert.ok(restarts >= 1, `NRestarts=${restarts}`);
    const status = await sb.sctl('status', 'crasher.service');
    assert.match(status.stdout, /crashing/);
  });
});
