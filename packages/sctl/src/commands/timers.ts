// Commands about timers: `sctl calendar` (systemd-analyze calendar, computed here from the
// grammar in @sysmaster/unit-file, without the manager) and `sctl list-timers` (systemctl's table,
// from ListUnits and each timer's runtime properties, which the timer worker fills).
import type { UnitInfo__Output } from '@sysmaster/proto';
import { formatCalendar, formatTimestampAgo, nextElapse, parseCalendar, parseTimespan } from '@sysmaster/unit-file';
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { EXIT } from '../exit-codes';
import { formatTimestamp } from '../format/time';
import type { Io } from '../io';

function localIsUtc(): boolean {
  return ['UTC', 'Etc/UTC', 'Etc/Universal', 'Universal', 'Zulu'].includes(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** One expression as systemd-analyze prints it; false when it does not parse. */
function describeCalendar(expression: string, iterations: number, io: Io): boolean {
  let spec;
  try {
    spec = parseCalendar(expression);
  } catch (error) {
    io.err(`Failed to parse calendar specification '${expression}': ${(error as Error).message}\n`);
    return false;
  }
  const lines = [`  Original form: ${expression}`, `Normalized form: ${formatCalendar(spec)}`];
  const now = io.now();
  let after = now;
  for (let i = 1; i <= iterations; i++) {
    const next = nextElapse(spec, after);
    const label = i === 1 ? '    Next elapse' : `       Iter. #${i}`;
    if (next === null) {
      if (i === 1) lines.push(`${label}: never`);
      break;
    }
    lines.push(`${label}: ${formatTimestamp(next)}`);
    if (!localIsUtc()) lines.push(`       (in UTC): ${formatTimestamp(next, 'UTC')}`);
    lines.push(`       From now: ${formatTimestampAgo(next, now)}`);
    after = next;
  }
  io.out(`${lines.join('\n')}\n`);
  return true;
}

/** `sctl calendar EXPR... [--iterations=N]`: exit 1 when any expression does not parse. */
export function calendar(expressions: string[], options: Options, io: Io): number {
  let ok = true;
  let printed = false;
  for (const expression of expressions) {
    const out: string[] = [];
    const parsed = describeCalendar(expression, options.iterations, { ...io, out: (text) => out.push(text) });
    if (parsed && printed) io.out('\n');
    for (const text of out) io.out(text);
    printed ||= parsed;
    ok &&= parsed;
  }
  return ok ? EXIT.SUCCESS : EXIT.FAILURE;
}

/** "Wed 2026-12-02 01:00:00.123456 UTC" (the timer worker's form) → microseconds; 0 for ''. */
export function parseTimerTimestamp(text: string | undefined): number {
  const m = /^\w{3} (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{6}))? UTC$/.exec(text ?? '');
  if (!m) return 0;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
}

interface TimerRow { next: number; last: number; unit: string; activates: string }

/** The earlier of the realtime and the monotonic elapse (converted with the clocks read now), 0 for none. */
function nextOf(info: UnitInfo__Output, nowUsec: number): number {
  const realtime = parseTimerTimestamp(info.properties.NextElapseUSecRealtime);
  const monoText = info.properties.NextElapseUSecMonotonic;
  let monotonic = 0;
  if (monoText && monoText !== 'infinity') {
    const monoNow = Number(process.hrtime.bigint() / 1000n);
    monotonic = nowUsec - monoNow + parseTimespan(monoText, 'us');
  }
  if (realtime && monotonic) return Math.min(realtime, monotonic);
  return realtime || monotonic;
}

/** systemctl's list-timers table: NEXT LEFT LAST PASSED UNIT ACTIVATES, soonest first. */
export function formatTimers(rows: TimerRow[], nowUsec: number, all: boolean): string {
  const sorted = [...rows].sort((a, b) => (a.next || Infinity) - (b.next || Infinity) || a.unit.localeCompare(b.unit));
  const cells = sorted.map((r) => [
    r.next ? formatTimestamp(r.next) : 'n/a', r.next ? formatTimestampAgo(r.next, nowUsec) : 'n/a',
    r.last ? formatTimestamp(r.last) : 'n/a', r.last ? formatTimestampAgo(r.last, nowUsec) : 'n/a', r.unit, r.activates,
  ]);
  const header = ['NEXT', 'LEFT', 'LAST', 'PASSED', 'UNIT', 'ACTIVATES'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join(' ').trimEnd();
  const out = [line(header), ...cells.map(line), '', `${rows.length} timers listed.`];
  if (!all) out.push('Pass --all to see loaded but inactive timers, too.');
  return `${out.join('\n')}\n`;
}

/** GetUnit calls list-timers keeps in flight at once: one round trip for most systems, a bounded load on the core. */
const GET_UNIT_CONCURRENCY = 16;

/** fn over items with at most `limit` calls pending at once; the results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** `sctl list-timers [--all] [PATTERN...]`. */
export async function listTimers(client: ManagerClient, patterns: string[], options: Options, io: Io): Promise<number> {
  const { units } = await client.ListUnits({ all: options.all, states: options.states, types: ['timer'], patterns });
  const now = io.now();
  const infos = await mapBounded(units, GET_UNIT_CONCURRENCY, (summary) => client.GetUnit({ name: summary.name, log_lines: 0 }));
  const rows: TimerRow[] = infos.map((info) => ({
    next: nextOf(info, now), last: parseTimerTimestamp(info.properties.LastTriggerUSec), unit: info.name,
    activates: info.properties.Unit ?? '',
  }));
  io.out(formatTimers(rows, now, options.all));
  return EXIT.SUCCESS;
}
