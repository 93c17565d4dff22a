// The next elapse of a calendar event (calendar.ts holds the grammar).
//
// The search works on the wall clock of the event's zone, field by field from the largest: it
// starts at the wall-clock reading of the instant just after the base, finds the smallest year
// the event allows that is not before it, then in that year the smallest month, then a day that
// the day chain and the weekdays both allow, then hour, minute and second. Whenever a field has
// no value left at or after the current one, the next larger field is advanced by one and every
// smaller field is reset to its minimum, and the search goes on from there; a field that moved
// forward likewise resets the smaller ones. Years stop at 2199 (systemd's limit), so an event
// that can never happen again (`2003-03-05`, `*-02-30`) ends in "never" after a bounded walk.
//
// A complete wall-clock reading is then turned into an instant in the zone (Intl supplies the
// UTC offsets, so IANA zones work without tzdata of our own). A reading that does not exist
// because the clocks jumped forward (02:30 on the night summer time starts) is taken as the
// reading it becomes, an hour later, and the search goes on from there: an event that allows
// that later reading fires then, one that does not (a daily 02:30) skips the day, as systemd
// does. A reading that exists twice (the hour repeated when summer time ends) fires at its first
// occurrence only.
import { USEC_PER_SECOND, type CalendarChain, type CalendarItem, type CalendarSpec } from './calendar';

/** A wall-clock reading; second is in microseconds within the minute. */
interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

const MAX_YEAR = 2199;
const USEC_PER_MINUTE = 60 * USEC_PER_SECOND;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Monday 0 … Sunday 6. */
function weekday(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** The smallest value ≥ `from` (and ≤ `max`) an item allows, or null. */
function itemNext(item: CalendarItem, from: number, max: number): number | null {
  let value: number;
  if (item.repeat === 0) value = item.start;
  else if (from <= item.start) value = item.start;
  else value = item.start + Math.ceil((from - item.start) / item.repeat) * item.repeat;
  if (value < from || value > max || (item.stop !== null && value > item.stop)) return null;
  return value;
}

/** The smallest value ≥ `from` and ≤ `max` that the chain allows, or null. */
function chainNext(chain: CalendarChain, from: number, max: number): number | null {
  if (chain === null) return from <= max ? from : null;
  let best: number | null = null;
  for (const item of chain) {
    const value = itemNext(item, from, max);
    if (value !== null && (best === null || value < best)) best = value;
  }
  return best;
}

/** Whether `day` of this month is allowed by the day chain (counted from the end with `~`). */
function dayAllowed(spec: CalendarSpec, year: number, month: number, day: number): boolean {
  if (spec.day === null) return true;
  const last = daysInMonth(year, month);
  if (!spec.endOfMonth) return chainNext(spec.day, day, day) === day;
  return spec.day.some((item) => {
    if (item.stop === null && item.repeat > 0) {
      const first = last - item.start + 1;
      return day >= first && (day - first) % item.repeat === 0;
    }
    const fromEnd = last - day + 1;
    return chainNext([item], fromEnd, fromEnd) === fromEnd;
  });
}

/**
 * The first day ≥ `from` of this month that the day chain and the weekdays allow, or the day of
 * the next month the search goes on from (`carry`). A repetition that runs past the end of the
 * month carries over as systemd's mktime() normalization does: `*-*-1/7` after December 29 goes
 * on from January 5 (29 + 7 − 31), so its next elapse is January 8, not January 1.
 */
function nextDay(spec: CalendarSpec, year: number, month: number, from: number): { day: number; carry: number | null } {
  const last = daysInMonth(year, month);
  let day = from;
  while (day <= last) {
    if (spec.endOfMonth || spec.day === null) {
      if (dayAllowed(spec, year, month, day) && spec.weekdays & (1 << weekday(year, month, day))) return { day, carry: null };
      day++;
      continue;
    }
    const value = chainNext(spec.day, day, Infinity);
    if (value === null) break;
    if (value > last) return { day, carry: value - last };
    if (spec.weekdays & (1 << weekday(year, month, value))) return { day: value, carry: null };
    day = value + 1;
  }
  return { day, carry: 1 };
}

/** The next reading ≥ `w` that every field allows, or null when there is none up to 2199. */
function nextWall(spec: CalendarSpec, start: Wall): Wall | null {
  const w = { ...start };
  const reset = (from: 'month' | 'day' | 'hour' | 'minute' | 'second'): void => {
    const order = ['month', 'day', 'hour', 'minute', 'second'] as const;
    for (const field of order.slice(order.indexOf(from))) w[field] = field === 'month' || field === 'day' ? 1 : 0;
  };
  for (let guard = 0; guard < 100_000; guard++) {
    const year = chainNext(spec.year, w.year, MAX_YEAR);
    if (year === null) return null;
    if (year !== w.year) { w.year = year; reset('month'); }
    const month = chainNext(spec.month, w.month, 12);
    if (month === null) { w.year++; reset('month'); continue; }
    if (month !== w.month) { w.month = month; reset('day'); }
    const day = nextDay(spec, w.year, w.month, w.day);
    if (day.carry !== null) { w.month++; reset('day'); w.day = day.carry; if (w.month > 12) { w.year++; w.month = 1; } continue; }
    if (day.day !== w.day) { w.day = day.day; reset('hour'); }
    const hour = chainNext(spec.hour, w.hour, 23);
    if (hour === null) { w.day++; reset('hour'); continue; }
    if (hour !== w.hour) { w.hour = hour; reset('minute'); }
    const minute = chainNext(spec.minute, w.minute, 59);
    if (minute === null) { w.hour++; reset('minute'); continue; }
    if (minute !== w.minute) { w.minute = minute; reset('second'); }
    const second = chainNext(spec.second, w.second, USEC_PER_MINUTE - 1);
    if (second === null) { w.minute++; reset('second'); continue; }
    w.second = second;
    return w;
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/** The wall-clock reading of an instant (microseconds since the epoch) in a zone (undefined: local). */
function wallOf(usec: number, timeZone: string | undefined): Wall {
  const ms = Math.floor(usec / 1000);
  if (timeZone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
      second: d.getUTCSeconds() * USEC_PER_SECOND + (usec - Math.floor(usec / USEC_PER_SECOND) * USEC_PER_SECOND),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!,
    second: parts.second! * USEC_PER_SECOND + (usec - Math.floor(usec / USEC_PER_SECOND) * USEC_PER_SECOND),
  };
}

/** The reading as if it were UTC, in microseconds. */
function wallAsUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) * 1000 + w.second;
}

function sameWall(a: Wall, b: Wall): boolean {
  return wallAsUtc(a) === wallAsUtc(b);
}

/**
 * The instant of a reading in a zone: the earliest instant that shows it, or, for a reading
 * skipped by a jump forward, the instant it becomes (with `exists` false).
 */
function instantOf(w: Wall, timeZone: string | undefined): { usec: number; exists: boolean } {
  const guess = wallAsUtc(w);
  if (timeZone === 'UTC') return { usec: guess, exists: true };
  const day = 86_400 * USEC_PER_SECOND;
  const offsets = [...new Set([guess - day, guess + day].map((t) => wallAsUtc(wallOf(t, timeZone)) - t))];
  const candidates = offsets.map((offset) => guess - offset).filter((t) => sameWall(wallOf(t, timeZone), w)).sort((a, b) => a - b);
  if (candidates.length > 0) return { usec: candidates[0]!, exists: true };
  return { usec: guess - Math.min(...offsets), exists: false };
}

export interface NextElapseOptions {
  /** The zone of an event without its own (default: the process's local zone, i.e. TZ). */
  localTimeZone?: string;
}

/**
 * The first instant strictly after `afterUsec` (microseconds since the epoch) at which the event
 * elapses, or null when it never will again.
 */
export function nextElapse(spec: CalendarSpec, afterUsec: number, options: NextElapseOptions = {}): number | null {
  const timeZone = spec.timeZone ?? options.localTimeZone;
  let from = wallOf(afterUsec + 1, timeZone);
  for (let guard = 0; guard < 1000; guard++) {
    const w = nextWall(spec, from);
    if (w === null) return null;
    const { usec, exists } = instantOf(w, timeZone);
    if (exists && usec > afterUsec) return usec;
    // Not a real reading (or the first of a repeated hour, already past): go on from what it is.
    from = exists ? { ...w, second: w.second + 1 } : wallOf(usec, timeZone);
  }
  return null;
}
