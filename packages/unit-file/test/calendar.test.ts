import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCalendar, nextElapse, parseCalendar, ValueError } from '../src/index';
import { CALENDAR_REFERENCE } from './calendar-reference';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Tue 2025-12-02 10:00:00 UTC", as systemd-analyze prints an instant in UTC. */
function utc(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} `
    + `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** Up to five elapses after `base`, each the next after the one before, as systemd-analyze iterates. */
function elapses(expression: string, baseSeconds: number, localTimeZone: string): string[] {
  const spec = parseCalendar(expression);
  const out: string[] = [];
  let after = baseSeconds * 1_000_000;
  for (let i = 0; i < 5; i++) {
    const next = nextElapse(spec, after, { localTimeZone });
    if (next === null) return out.length === 0 ? ['never'] : out;
    out.push(utc(next));
    after = next;
  }
  return out;
}

test(`the normalized form of ${CALENDAR_REFERENCE.filter((r) => r[3] !== null).length} calendar events is what systemd 252 prints`, () => {
  for (const [, , expression, normalized] of CALENDAR_REFERENCE) {
    if (normalized === null) continue;
    assert.equal(formatCalendar(parseCalendar(expression)), normalized, `"${expression}"`);
  }
});

test('the next five elapses of every calendar event are the ones systemd 252 computes from the same base time and zone', () => {
  for (const row of CALENDAR_REFERENCE) {
    if (row[3] === null) continue;
    const [zone, base, expression, , expected] = row;
    assert.deepEqual(elapses(expression, base, zone), expected, `"${expression}" in ${zone} after @${base}`);
  }
});

test(`the ${CALENDAR_REFERENCE.filter((r) => r[3] === null).length} expressions systemd 252 refuses are refused with a ValueError naming the expression`, () => {
  for (const [, , expression, normalized] of CALENDAR_REFERENCE) {
    if (normalized !== null) continue;
    assert.throws(() => parseCalendar(expression),
      (error: unknown) => error instanceof ValueError && error.message.includes(`"${expression}"`), `"${expression}" should be refused`);
  }
});

test('the normalized form parses back to an event with the same normalized form', () => {
  for (const [, , expression, normalized] of CALENDAR_REFERENCE) {
    if (normalized === null) continue;
    assert.equal(formatCalendar(parseCalendar(normalized)), normalized, `"${expression}" → "${normalized}"`);
  }
});

test('a daily event in the local zone follows the zone given, not the machine clock', () => {
  const spec = parseCalendar('daily');
  const base = Date.UTC(2026, 0, 10, 12) * 1000;
  assert.equal(utc(nextElapse(spec, base, { localTimeZone: 'UTC' })!), 'Sun 2026-01-11 00:00:00 UTC');
  assert.equal(utc(nextElapse(spec, base, { localTimeZone: 'Asia/Tokyo' })!), 'Sat 2026-01-10 15:00:00 UTC');
});

test('an elapse is strictly after the base, even when the base is an instant of the event', () => {
  const spec = parseCalendar('*:*:0/2');
  const base = Date.UTC(2026, 0, 10, 12, 0, 4) * 1000;
  assert.equal(nextElapse(spec, base, { localTimeZone: 'UTC' }), base + 2_000_000);
});
