import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../src/args';
import type { ManagerClient } from '../src/client';
import { calendar, formatTimers, listTimers, parseTimerTimestamp } from '../src/commands/timers';
import type { Io } from '../src/io';

process.env.TZ = 'UTC';
const SEC = 1_000_000;
// Tue 2025-12-02 00:00:00 UTC
const NOW = Date.UTC(2025, 11, 2) * 1000;

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), color: false, now: () => NOW, interrupted: new Promise(() => undefined) }, out, err };
}

test('sctl calendar prints what systemd-analyze calendar prints for the same event and time', () => {
  const { io, out } = capture();
  const invocation = parseCommandLine(['calendar', '--iterations=2', 'Mon..Fri *-*-* 10:00']);
  if (invocation.kind !== 'command') throw new Error('not a command');
  const status = calendar(invocation.args, invocation.options, io);
  assert.equal(status, 0);
  // systemd-analyze calendar --base-time=@1764633600 --iterations=2 'Mon..Fri *-*-* 10:00', TZ=UTC ("From now" relative to the base).
  assert.equal(out.join(''), [
    '  Original form: Mon..Fri *-*-* 10:00',
    'Normalized form: Mon..Fri *-*-* 10:00:00',
    '    Next elapse: Tue 2025-12-02 10:00:00 UTC',
    '       From now: 10h left',
    '       Iter. #2: Wed 2025-12-03 10:00:00 UTC',
    '       From now: 1 day 10h left',
    '',
  ].join('\n'));
});

test('sctl calendar reports an expression it cannot parse, goes on with the others and exits 1', () => {
  const { io, out, err } = capture();
  const invocation = parseCommandLine(['calendar', 'bogus', '2003-03-05']);
  assert.equal(invocation.kind, 'command');
  if (invocation.kind !== 'command') return;
  assert.equal(calendar(invocation.args, invocation.options, io), 1);
  assert.match(err.join(''), /^Failed to parse calendar specification 'bogus': /);
  assert.equal(out.join(''), '  Original form: 2003-03-05\nNormalized form: 2003-03-05 00:00:00\n    Next elapse: never\n');
});

test('--iterations takes a positive number and only applies to calendar', () => {
  assert.throws(() => parseCommandLine(['calendar', '--iterations=0', 'daily']), UsageError);
  assert.throws(() => parseCommandLine(['status', '--iterations=2']), /only applies to 'calendar'/);
});

test('the timer worker timestamps read back to the microsecond', () => {
  assert.equal(parseTimerTimestamp('Tue 2025-12-02 00:00:10.000250 UTC'), NOW + 10 * SEC + 250);
  assert.equal(parseTimerTimestamp(''), 0);
});

test('list-timers prints systemctl columns, soonest first, timers with no next elapse last', () => {
  const text = formatTimers([
    { next: 0, last: NOW - 3 * 60 * SEC, unit: 'once.timer', activates: 'once.service' },
    { next: NOW + 90 * SEC, last: 0, unit: 'tick.timer', activates: 'tick.service' },
  ], NOW, false);
  assert.equal(text, [
    'NEXT                        LEFT          LAST                        PASSED   UNIT       ACTIVATES',
    'Tue 2025-12-02 00:01:30 UTC 1min 30s left n/a                         n/a      tick.timer tick.service',
    'n/a                         n/a           Mon 2025-12-01 23:57:00 UTC 3min ago once.timer once.service',
    '',
    '2 timers listed.',
    'Pass --all to see loaded but inactive timers, too.',
    '',
  ].join('\n'));
});

test('list-timers asks for the timers\' units side by side, at most 16 at a time, and lists every one', async () => {
  const names = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}.timer`);
  let inFlight = 0;
  let most = 0;
  const client = {
    ListUnits: async () => ({ units: names.map((name) => ({ name })) }),
    GetUnit: async ({ name }: { name: string }) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const minutes = 59 - names.indexOf(name); // later names elapse sooner
      return { name, properties: { Unit: name.replace('.timer', '.service'), NextElapseUSecRealtime: `Tue 2025-12-02 00:${minutes}:00 UTC` } };
    },
  } as unknown as ManagerClient;
  const invocation = parseCommandLine(['list-timers', '--all']);
  if (invocation.kind !== 'command') throw new Error('not a command');
  const { io, out } = capture();
  assert.equal(await listTimers(client, [], invocation.options, io), 0);
  assert.ok(most > 1 && most <= 16, `${most} GetUnit calls were in flight at once`);
  const listed = out.join('').split('\n').filter((line) => line.includes('.timer')).map((line) => /(t\d\d\.timer) (t\d\d\.service)/.exec(line)?.slice(1));
  assert.deepEqual(listed, [...names].reverse().map((n) => [n, n.replace('.timer', '.service')]), 'each row with its own unit, soonest first');
  assert.match(out.join(''), /^40 timers listed\.$/m);
});
