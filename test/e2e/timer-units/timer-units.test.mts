// Scenario: the timer worker (sm-timer), installed by units/workers/timer.conf like a third
// party's, drives real services: a monotonic timer starts its oneshot once, an OnUnitActiveSec=
// timer fires again each time two seconds after its unit last began, a calendar timer fires on
// the even seconds of the wall clock, list-timers shows them, bad [Timer] sections are refused
// with file and line, and a Persistent= timer whose event passed while the machine was down
// fires at the next boot (its stamp is on disk: the same /var/lib/sysmaster for both boots).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, sleep, unitsOf, useSandbox } from '../harness.mjs';

/** The nanosecond timestamps a service appended to `file`, in seconds. */
async function runs(sb: Sandbox, file: string): Promise<number[]> {
  const r = await sb.sh(`cat ${file} 2>/dev/null`);
  return r.stdout.trim().split('\n').filter((l) => l !== '').map((l) => Number(l) / 1e9);
}

describe('timer units', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; }, undefined, { managersSurvive: true });

  test('a timer with OnActiveSec=1s starts its oneshot once, a second after the timer started', async () => {
    const r = await sb.sctl('start', 'mono.timer');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await sb.waitFor(async () => (await runs(sb, '/run/e2e-mono')).length > 0, 5000), 'mono.service ran');
    await sleep(1500);
    const times = await runs(sb, '/run/e2e-mono');
    assert.equal(times.length, 1, `ran once: ${times.join(' ')}`);
    // The timer's own clocks: it triggered one second (AccuracySec=10ms) after it became active.
    const activated = Number(await sb.show('mono.timer', 'ActiveEnterTimestampMonotonic'));
    const triggered = Number(await sb.show('mono.timer', 'LastTriggerUSecMonotonic'));
    assert.ok(triggered - activated >= 1_000_000 && triggered - activated < 1_500_000, `triggered ${triggered - activated} us after it started`);
    assert.equal(await sb.show('mono.timer', 'SubState'), 'elapsed');
    assert.equal(await sb.show('mono.timer', 'Triggers'), 'mono.service');
    assert.match(await sb.show('mono.timer', 'LastTriggerUSec'), /^\w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} UTC$/);
  });

  test('OnUnitActiveSec=2s fires again two seconds after each run of the unit began', async () => {
    const r = await sb.sctl('start', 'chain.timer');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await sb.waitFor(async () => (await runs(sb, '/run/e2e-chain')).length >= 3, 10_000), 'three runs');
    const times = await runs(sb, '/run/e2e-chain');
    for (let i = 1; i < 3; i++) {
      const gap = times[i]! - times[i - 1]!;
      assert.ok(gap > 1.8 && gap < 2.8, `run ${i} came ${gap}s after the one before`);
    }
    assert.equal((await sb.sctl('stop', 'chain.timer')).exitCode, 0);
  });

  test('a calendar timer with OnCalendar=*:*:0/2 fires on the even seconds of the wall clock', async () => {
    const r = await sb.sctl('start', 'even.timer');
    assert.equal(r.exitCode, 0, r.stderr);
    assert.ok(await sb.waitFor(async () => (await runs(sb, '/run/e2e-even')).length >= 3, 10_000), 'three runs');
    for (const t of (await runs(sb, '/run/e2e-even')).slice(0, 3)) {
      const second = Math.floor(t);
      assert.equal(second % 2, 0, `ran at ${t}`);
      assert.ok(t - second < 0.8, `ran ${t - second}s after the even second`);
    }
  });

  test('list-timers shows the waiting calendar timer with its next elapse and the unit it activates', async () => {
    const r = await sb.sctl('list-timers');
    assert.equal(r.exitCode, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^NEXT\s+LEFT\s+LAST\s+PASSED\s+UNIT\s+ACTIVATES$/);
    const even = lines.find((l) => l.includes('even.timer'));
    assert.ok(even, r.stdout);
    assert.match(even, /^\w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC +(\d+ms|[12]s) left +\w{3} .* ago +even\.timer +even-seconds\.service$/);
    assert.doesNotMatch(r.stdout, /chain\.timer/, 'a stopped timer is listed only with --all');
    const all = await sb.sctl('list-timers', '--all');
    assert.match(all.stdout, /n\/a +n\/a +\w{3} .* ago +chain\.timer +chain\.service/);
    assert.match(all.stdout, /\d+ timers listed\.$/);
    assert.equal((await sb.sctl('stop', 'even.timer')).exitCode, 0);
  });

  test('a bad OnCalendar is refused at its file and line, and a timer without a trigger at its section', async () => {
    const bad = await sb.sctl('start', 'bad.timer');
    assert.notEqual(bad.exitCode, 0);
    assert.match(bad.stderr, /bad\.timer:6: OnCalendar: invalid value 'Mon \*-\*-\* 25:00'.*hour 25 is out of range/);
    assert.equal(await sb.show('bad.timer', 'LoadState'), 'bad-setting');
    const lonely = await sb.sctl('start', 'lonely.timer');
    assert.notEqual(lonely.exitCode, 0);
    assert.match(lonely.stderr, /lonely\.timer:[1-9]\d*: the timer has no trigger/);
  });

  test('sctl calendar needs no manager and prints the normalized form and the next elapse', async () => {
    const r = await sb.run(['env', 'TZ=UTC', 'sctl', 'calendar', '--iterations=2', 'Mon..Fri *-*-* 10:00']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /^ {2}Original form: Mon\.\.Fri \*-\*-\* 10:00\nNormalized form: Mon\.\.Fri \*-\*-\* 10:00:00\n {4}Next elapse: (Mon|Tue|Wed|Thu|Fri) .* 10:00:00 UTC\n/);
    assert.match(r.stdout, / {7}Iter\. #2: /);
  });
});

describe('a timer worker killed with SIGKILL', () => {
  let sb: Sandbox;
  useSandbox(() => Sandbox.boot({ units: [unitsOf(import.meta.url)] }), (s) => { sb = s; });

  test('comes back, restarted by the core, with its timer still waiting and firing', async () => {
    assert.equal((await sb.sctl('start', 'even.timer')).exitCode, 0);
    assert.ok(await sb.waitFor(async () => (await runs(sb, '/run/e2e-even')).length >= 1, 10_000), 'a first run');
    const old = await sb.pidOf('sm-timer');
    assert.ok(old > 0);
    await sb.sh(`kill -KILL ${old}`);
    assert.ok(await sb.waitFor(async () => { const p = await sb.pidOf('sm-timer'); return p > 0 && p !== old; }, 15_000), 'a new sm-timer');
    const before = (await runs(sb, '/run/e2e-even')).length;
    assert.ok(await sb.waitFor(async () => (await runs(sb, '/run/e2e-even')).length >= before + 2, 15_000), 'it fires again');
    assert.equal(await sb.show('even.timer', 'ActiveState'), 'active');
    assert.equal((await sb.sctl('stop', 'even.timer')).exitCode, 0);
  });
});

describe('a Persistent timer across a reboot', () => {
  const persistent = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-var-lib-'));
  const units = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-timer-units-'));
  after(() => { fs.rmSync(persistent, { recursive: true, force: true }); fs.rmSync(units, { recursive: true, force: true }); });

  test('an event that passed while the machine was down fires at the next boot; without Persistent it does not', async () => {
    const first = await Sandbox.boot({ units: [units], persistent });
    // An instant ahead on the wall clock (room for a slow daemon-reload): it passes while the sandbox is down.
    const at = new Date(Date.now() + 10_000);
    const p = (n: number): string => String(n).padStart(2, '0');
    const when = `${at.getUTCFullYear()}-${p(at.getUTCMonth() + 1)}-${p(at.getUTCDate())} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} UTC`;
    fs.mkdirSync(path.join(units, 'timers.target.wants'), { recursive: true });
    for (const [name, persist] of [['missed', 'yes'], ['forgotten', 'no']] as const) {
      fs.writeFileSync(path.join(units, `${name}.timer`), `[Timer]\nOnCalendar=${when}\nPersistent=${persist}\nAccuracySec=10ms\n`);
      fs.writeFileSync(path.join(units, `${name}.service`), `[Service]\nType=oneshot\nExecStart=/bin/sh -c 'echo ran > /run/e2e-${name}'\n`);
      fs.symlinkSync(`../${name}.timer`, path.join(units, 'timers.target.wants', `${name}.timer`));
    }
    try {
      assert.equal((await first.sctl('daemon-reload')).exitCode, 0);
      const started = await first.sctl('start', 'missed.timer', 'forgotten.timer');
      assert.equal(started.exitCode, 0, started.stderr);
      assert.equal(await first.show('missed.timer', 'SubState'), 'waiting');
      assert.ok(fs.existsSync(path.join(persistent, 'timers', 'stamp-missed.timer')), 'the first start stamps the timer on disk');
      // Stopped before the event, so it is missed whether or not this boot is still shutting down then.
      assert.equal((await first.sctl('stop', 'missed.timer', 'forgotten.timer')).exitCode, 0);
    } finally {
      assert.equal((await first.shutdown()).exitCode, 0);
    }
    assert.ok(!fs.existsSync('/run/e2e-missed'), 'the host is untouched');
    while (Date.now() < at.getTime() + 500) await sleep(200);

    const second = await Sandbox.boot({ units: [units], persistent });
    try {
      assert.ok(await second.waitFor(async () => (await second.sh('cat /run/e2e-missed')).stdout.trim() === 'ran', 5000),
        'the missed event fired at boot');
      assert.equal((await second.sh('cat /run/e2e-forgotten 2>&1')).exitCode, 1, 'a timer without Persistent= forgot it');
      assert.notEqual(await second.show('missed.timer', 'LastTriggerUSec'), '');
    } finally {
      assert.equal((await second.shutdown()).exitCode, 0);
    }
  });
});
