// Calendar events (systemd.time(7), "Calendar Events"): the grammar of OnCalendar= and of
// `sctl calendar`, parsed into a CalendarSpec and printed back in systemd's normalized form.
//
// An event is `[WEEKDAYS] [DATE] [TIME] [TIMEZONE]`, or a shorthand (minutely … semiannually,
// optionally followed by a timezone), or `@EPOCH` (one instant). WEEKDAYS is a comma list of
// day names and ranges (`Mon..Fri`, the old `Mon-Fri` too). DATE is `[YEAR-]MONTH-DAY`, with `~`
// instead of the last `-` counting days from the end of the month (`*-02~03` is the third last
// day of February). TIME is `HOUR:MINUTE[:SECOND]`, the second possibly fractional. Each of the
// six numeric fields is a *chain*: `*`, or a comma list of items, each a value, a range `a..b`,
// a repetition `a/r`, or a repeated range `a..b/r`. A field left out means `*` for the date
// parts and 0 for the time parts; a two-digit year means 1970–2069. TIMEZONE is `UTC` (any case)
// or an IANA zone name; without one, the event is in the local zone.
//
// One item is stored as {start, stop, repeat}: a value has no stop and repeat 0, `a/r` no stop,
// and a range `a..b` is `a..b/1` (one unit: 1 for every field but the second, whose unit is one
// second in microseconds). Normalizing, as systemd prints it, moves a repeated range's stop to
// the last value it reaches (`3..20/5` is `03..18/5`), makes an item that reaches one value a
// plain value, sorts the items and drops duplicates; a second of `*` is the item `0/1s`, printed
// `*` again. Weekdays are a 7-bit set printed Monday first, runs of three or more as ranges.
// The search for the next elapse lives in calendar-next.ts.
import { ValueError } from './errors';

/** One item of a field's chain; times in the field's unit (microseconds for seconds). */
export interface CalendarItem {
  start: number;
  /** The last value of a range (after normalization, the last value reached), null for none. */
  stop: number | null;
  /** The step of a repetition or range, 0 for a single value. */
  repeat: number;
}

/** null: the whole field (`*`). */
export type CalendarChain = CalendarItem[] | null;

export interface CalendarSpec {
  /** Bit 0 Monday … bit 6 Sunday; 0x7f: every day. */
  weekdays: number;
  year: CalendarChain;
  month: CalendarChain;
  /** Days of the month, or with endOfMonth days counted back from the last (1 = the last day). */
  day: CalendarChain;
  endOfMonth: boolean;
  hour: CalendarChain;
  minute: CalendarChain;
  /** Microseconds within the minute. */
  second: CalendarChain;
  /** 'UTC', an IANA zone name, or null for the local zone. */
  timeZone: string | null;
}

export const USEC_PER_SECOND = 1_000_000;
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ALL_DAYS = 0x7f;

/** The shorthands of systemd.time(7), as the normalized events they stand for. */
const SHORTHANDS: Readonly<Record<string, string>> = {
  minutely: '*-*-* *:*:00',
  hourly: '*-*-* *:00:00',
  daily: '*-*-* 00:00:00',
  monthly: '*-*-01 00:00:00',
  weekly: 'Mon *-*-* 00:00:00',
  yearly: '*-01-01 00:00:00',
  annually: '*-01-01 00:00:00',
  quarterly: '*-01,04,07,10-01 00:00:00',
  semiannually: '*-01,07-01 00:00:00',
};

interface FieldRule { name: string; min: number; max: number; unit: number; fraction: boolean }
const YEAR: FieldRule = { name: 'year', min: 1970, max: 2199, unit: 1, fraction: false };
const MONTH: FieldRule = { name: 'month', min: 1, max: 12, unit: 1, fraction: false };
const DAY: FieldRule = { name: 'day', min: 1, max: 31, unit: 1, fraction: false };
const DAY_FROM_END: FieldRule = { name: 'day from the end of the month', min: 1, max: 28, unit: 1, fraction: false };
const HOUR: FieldRule = { name: 'hour', min: 0, max: 23, unit: 1, fraction: false };
const MINUTE: FieldRule = { name: 'minute', min: 0, max: 59, unit: 1, fraction: false };
const SECOND: FieldRule = { name: 'second', min: 0, max: 60 * USEC_PER_SECOND - 1, unit: USEC_PER_SECOND, fraction: true };

function bad(text: string, why: string): never {
  throw new ValueError(`invalid calendar event "${text}": ${why}`);
}

/** A number of the field: an integer, or for seconds a decimal rounded to microseconds. */
function parseNumber(word: string, rule: FieldRule, text: string, allowFraction: boolean): number {
  const pattern = allowFraction && rule.fraction ? /^\d+(\.\d+)?$/ : /^\d+$/;
  if (!pattern.test(word)) bad(text, `"${word}" is not a valid ${rule.name}`);
  return rule.fraction ? Math.round(Number(word) * USEC_PER_SECOND) : Number(word);
}

/** Two-digit years mean 1970–2069, as systemd reads them. */
function widenYear(value: number, rule: FieldRule): number {
  if (rule !== YEAR) return value;
  if (value < 70) return value + 2000;
  if (value < 100) return value + 1900;
  return value;
}

function inRange(value: number, rule: FieldRule, text: string): number {
  if (value < rule.min || value > rule.max) bad(text, `${rule.name} ${rule.fraction ? value / USEC_PER_SECOND : value} is out of range`);
  return value;
}

/** Moves a range's stop to the last value reached; one value left makes a plain value. */
function normalizeItem(item: CalendarItem): CalendarItem {
  if (item.stop === null || item.repeat === 0) return item;
  const stop = item.start + Math.floor((item.stop - item.start) / item.repeat) * item.repeat;
  return stop === item.start ? { start: item.start, stop: null, repeat: 0 } : { ...item, stop };
}

function parseItem(word: string, rule: FieldRule, text: string): CalendarItem {
  if (word === '') bad(text, `an empty item in the ${rule.name}`);
  const [range, repeatWord, extra] = word.split('/');
  if (extra !== undefined) bad(text, `"${word}" has more than one "/"`);
  const bounds = range!.split('..');
  if (bounds.length > 2) bad(text, `"${word}" has more than one ".."`);
  const start = inRange(widenYear(parseNumber(bounds[0]!, rule, text, bounds.length === 1), rule), rule, text);
  let stop: number | null = null;
  let repeat = 0;
  if (bounds.length === 2) {
    stop = inRange(widenYear(parseNumber(bounds[1]!, rule, text, true), rule), rule, text);
    if (stop < start) bad(text, `the range "${range}" ends before it starts`);
    repeat = rule.unit;
  }
  if (repeatWord !== undefined) {
    repeat = parseNumber(repeatWord, rule, text, true);
    if (repeat <= 0) bad(text, `the repetition "/${repeatWord}" must be positive`);
    // systemd refuses an open repetition that never reaches a second value.
    if (stop === null && start + repeat > rule.max) bad(text, `"${word}" never repeats within the ${rule.name}`);
  }
  return normalizeItem({ start, stop, repeat });
}

function compareItems(a: CalendarItem, b: CalendarItem): number {
  return a.start - b.start || (a.stop ?? -1) - (b.stop ?? -1) || a.repeat - b.repeat;
}

/** A field's chain: `*` or a comma list of items, sorted and without duplicates. */
function parseChain(word: string, rule: FieldRule, text: string): CalendarChain {
  if (word === '*') return rule === SECOND ? [{ start: 0, stop: null, repeat: USEC_PER_SECOND }] : null;
  const items = word.split(',').map((w) => parseItem(w, rule, text)).sort(compareItems);
  return items.filter((item, i) => i === 0 || compareItems(item, items[i - 1]!) !== 0);
}

function weekdayIndex(word: string): number {
  const lower = word.toLowerCase();
  return WEEKDAY_LONG.findIndex((long) => lower === long || lower === long.slice(0, 3));
}

/** `Mon..Fri,Sun` (or the old `Mon-Fri`) → a bit set; a trailing comma is accepted as systemd does. */
function parseWeekdays(word: string, text: string): number {
  let bits = 0;
  const items = word.endsWith(',') ? word.slice(0, -1).split(',') : word.split(',');
  for (const item of items) {
    const bounds = item.includes('..') ? item.split('..') : item.split('-');
    if (bounds.length > 2) bad(text, `"${item}" is not a weekday or a range of weekdays`);
    const from = weekdayIndex(bounds[0]!);
    const to = bounds.length === 2 ? weekdayIndex(bounds[1]!) : from;
    if (from < 0 || to < 0) bad(text, `"${item}" is not a weekday (Mon … Sun)`);
    if (to < from) bad(text, `the weekday range "${item}" ends before it starts`);
    for (let d = from; d <= to; d++) bits |= 1 << d;
  }
  return bits;
}

/** An IANA zone name the runtime knows; case matters (as a path under /usr/share/zoneinfo does). */
export function isTimeZoneName(word: string): boolean {
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(word)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: word });
    return true;
  } catch {
    return false;
  }
}

function parseDate(word: string, spec: CalendarSpec, text: string): void {
  const parts = word.split(/[-~]/);
  const tilde = word.indexOf('~');
  if (tilde >= 0 && (word.indexOf('~', tilde + 1) >= 0 || word.indexOf('-', tilde) >= 0)) bad(text, '"~" must separate the month and the day');
  if (parts.length < 2 || parts.length > 3) bad(text, `"${word}" is not a date ([YEAR-]MONTH-DAY)`);
  if (parts.length === 3) spec.year = parseChain(parts[0]!, YEAR, text);
  spec.month = parseChain(parts[parts.length - 2]!, MONTH, text);
  spec.endOfMonth = tilde >= 0;
  spec.day = parseChain(parts[parts.length - 1]!, tilde >= 0 ? DAY_FROM_END : DAY, text);
}

function parseTime(word: string, spec: CalendarSpec, text: string): void {
  const parts = word.split(':');
  if (parts.length < 2 || parts.length > 3) bad(text, `"${word}" is not a time (HOUR:MINUTE[:SECOND])`);
  spec.hour = parseChain(parts[0]!, HOUR, text);
  spec.minute = parseChain(parts[1]!, MINUTE, text);
  spec.second = parts.length === 3 ? parseChain(parts[2]!, SECOND, text) : [{ start: 0, stop: null, repeat: 0 }];
}

function fromEpoch(word: string, text: string): CalendarSpec {
  if (!/^@\d+$/.test(word)) bad(text, `"${word}" is not @SECONDS`);
  const date = new Date(Number(word.slice(1)) * 1000);
  if (!(date.getUTCFullYear() >= YEAR.min && date.getUTCFullYear() <= YEAR.max)) bad(text, 'the instant is out of range');
  const one = (n: number): CalendarItem[] => [{ start: n, stop: null, repeat: 0 }];
  return {
    weekdays: ALL_DAYS, year: one(date.getUTCFullYear()), month: one(date.getUTCMonth() + 1), day: one(date.getUTCDate()),
    endOfMonth: false, hour: one(date.getUTCHours()), minute: one(date.getUTCMinutes()),
    second: one(date.getUTCSeconds() * USEC_PER_SECOND), timeZone: 'UTC',
  };
}

/** Parses a calendar event; throws ValueError naming what is wrong. */
export function parseCalendar(text: string): CalendarSpec {
  if (text.trim() !== text || text === '') bad(text, 'expected WEEKDAYS DATE TIME TIMEZONE, e.g. "Mon..Fri *-*-* 10:00"');
  const words = text.split(/ +/);
  if (words[0]!.startsWith('@')) {
    if (words.length > 1) bad(text, '@SECONDS stands alone');
    return fromEpoch(words[0]!, text);
  }
  let timeZone: string | null = null;
  if (words.length > 1) {
    const last = words[words.length - 1]!;
    if (last.toUpperCase() === 'UTC') timeZone = 'UTC';
    else if (isTimeZoneName(last) && !SHORTHANDS[last.toLowerCase()] && weekdayIndex(last.replace(/,$/, '')) < 0) timeZone = last;
    if (timeZone !== null) words.pop();
  }
  const shorthand = SHORTHANDS[words[0]!.toLowerCase()];
  if (shorthand !== undefined) {
    if (words.length > 1) bad(text, `the shorthand "${words[0]}" takes only a timezone after it`);
    return { ...parseCalendar(shorthand), timeZone };
  }
  const spec: CalendarSpec = {
    weekdays: ALL_DAYS, year: null, month: null, day: null, endOfMonth: false,
    hour: [{ start: 0, stop: null, repeat: 0 }], minute: [{ start: 0, stop: null, repeat: 0 }],
    second: [{ start: 0, stop: null, repeat: 0 }], timeZone,
  };
  let at = 0;
  if (/^[A-Za-z]/.test(words[at] ?? '')) spec.weekdays = parseWeekdays(words[at++]!, text);
  if (words[at] !== undefined && !words[at]!.includes(':') && /[-~]/.test(words[at]!)) parseDate(words[at++]!, spec, text);
  if (words[at] !== undefined && words[at]!.includes(':')) parseTime(words[at++]!, spec, text);
  if (at === 0) bad(text, `"${words[0]}" is neither weekdays, a date nor a time`);
  if (at < words.length) bad(text, `unexpected "${words[at]}" (the order is WEEKDAYS DATE TIME TIMEZONE)`);
  return spec;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A value as systemd prints it: two digits (four for years), seconds with six decimals when fractional. */
function formatValue(value: number, rule: FieldRule): string {
  if (!rule.fraction) return pad(value, rule === YEAR ? 4 : 2);
  const whole = Math.floor(value / USEC_PER_SECOND);
  const micro = value % USEC_PER_SECOND;
  return micro === 0 ? pad(whole, 2) : `${pad(whole, 2)}.${pad(micro, 6)}`;
}

function formatRepeat(repeat: number, rule: FieldRule): string {
  if (!rule.fraction) return String(repeat);
  return repeat % USEC_PER_SECOND === 0 ? String(repeat / USEC_PER_SECOND) : (repeat / USEC_PER_SECOND).toFixed(6);
}

function formatChain(chain: CalendarChain, rule: FieldRule): string {
  if (chain === null) return '*';
  if (rule === SECOND && chain.length === 1 && chain[0]!.start === 0 && chain[0]!.stop === null && chain[0]!.repeat === USEC_PER_SECOND) return '*';
  return chain.map((item) => {
    let out = formatValue(item.start, rule);
    if (item.stop !== null) out += `..${formatValue(item.stop, rule)}`;
    if (item.repeat > 0 && !(item.stop !== null && item.repeat === rule.unit)) out += `/${formatRepeat(item.repeat, rule)}`;
    return out;
  }).join(',');
}

function formatWeekdays(bits: number): string {
  const out: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (!(bits & (1 << d))) continue;
    let end = d;
    while (end + 1 < 7 && bits & (1 << (end + 1))) end++;
    if (end - d >= 2) { out.push(`${WEEKDAY_NAMES[d]}..${WEEKDAY_NAMES[end]}`); d = end; }
    else out.push(WEEKDAY_NAMES[d]!);
  }
  return out.join(',');
}

/** The normalized form, as `systemd-analyze calendar` prints it. */
export function formatCalendar(spec: CalendarSpec): string {
  const weekdays = spec.weekdays === ALL_DAYS ? '' : `${formatWeekdays(spec.weekdays)} `;
  const date = `${formatChain(spec.year, YEAR)}-${formatChain(spec.month, MONTH)}${spec.endOfMonth ? '~' : '-'}${formatChain(spec.day, DAY)}`;
  const time = `${formatChain(spec.hour, HOUR)}:${formatChain(spec.minute, MINUTE)}:${formatChain(spec.second, SECOND)}`;
  return `${weekdays}${date} ${time}${spec.timeZone ? ` ${spec.timeZone}` : ''}`;
}
