// Time spans (systemd.time(7)) in microseconds, and their printed forms.
//
// A span is a sequence of "<number><unit>" parts, optionally separated by whitespace, that add up:
// "1min 30s", "2h", "500ms", "1.5s", "1h30min". Units: us usec µs μs, ms msec, s sec second(s),
// m min minute(s), h hr hour(s), d day(s), w week(s), M month(s) (30.44 days), y year(s) (365.25
// days). A number without a unit takes the default unit (seconds unless the key says otherwise),
// so "RestartSec=42" is 42 s. "infinity" is Infinity. Results are rounded to whole microseconds.
//
// formatTimespan() prints the exact value as whole units, largest first ("1min 30s",
// "1s 500ms"), which parseTimespan() reads back. formatTimestampAgo() prints at most two parts,
// coarser as the distance grows, the way systemctl status does ("2min 3s ago", "3 days ago").

import { ValueError } from './errors';

const US = 1;
const MS = 1000;
const SEC = 1_000_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 2_629_800 * SEC;
const YEAR = 31_557_600 * SEC;

const UNITS: ReadonlyMap<string, number> = new Map([
  ['us', US], ['usec', US], ['µs', US], ['μs', US],
  ['ms', MS], ['msec', MS],
  ['s', SEC], ['sec', SEC], ['second', SEC], ['seconds', SEC],
  ['m', MIN], ['min', MIN], ['minute', MIN], ['minutes', MIN],
  ['h', HOUR], ['hr', HOUR], ['hour', HOUR], ['hours', HOUR],
  ['d', DAY], ['day', DAY], ['days', DAY],
  ['w', WEEK], ['week', WEEK], ['weeks', WEEK],
  ['M', MONTH], ['month', MONTH], ['months', MONTH],
  ['y', YEAR], ['year', YEAR], ['years', YEAR],
]);

const ACCEPTED = 'a time span such as "90", "1min 30s", "500ms", "2h" or "infinity" (units: us ms s min h d w M y)';

/** Parse a time span into microseconds; a bare number is in `defaultUnit` (seconds). */
export function parseTimespan(value: string, defaultUnit: 's' | 'ms' | 'us' = 's'): number {
  const text = value.trim();
  if (text === 'infinity') return Infinity;
  if (text === '') throw new ValueError(`empty time span: expected ${ACCEPTED}`);
  const part = /\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Zµμ]*)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (match === null) throw new ValueError(`invalid time span "${value}": expected ${ACCEPTED}`);
    const unitName = match[2] ?? '';
    const unit = unitName === '' ? UNITS.get(defaultUnit) : UNITS.get(unitName);
    if (unit === undefined) throw new ValueError(`unknown time unit "${unitName}" in "${value}": expected ${ACCEPTED}`);
    total += Number(match[1]) * unit;
    at = part.lastIndex;
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  }
  if (!Number.isFinite(total)) throw new ValueError(`time span "${value}" is too large`);
  return Math.round(total);
}

const FORMAT_UNITS: ReadonlyArray<[string, number]> = [
  ['y', YEAR], ['month', MONTH], ['w', WEEK], ['d', DAY], ['h', HOUR], ['min', MIN], ['s', SEC], ['ms', MS], ['us', US],
];

/** Print a span of microseconds as whole units, largest first: "1min 30s", "500ms", "0", "infinity". */
export function formatTimespan(usec: number): string {
  if (usec === Infinity) return 'infinity';
  if (!Number.isFinite(usec) || usec < 0) return 'n/a';
  let rest = Math.round(usec);
  if (rest === 0) return '0';
  const parts: string[] = [];
  for (const [name, size] of FORMAT_UNITS) {
    if (rest < size) continue;
    const count = Math.floor(rest / size);
    rest -= count * size;
    parts.push(`${count}${name}`);
  }
  return parts.join(' ');
}

/** How long ago `usecThen` was at `usecNow`: "2min 3s ago"; a future time is "… left". */
export function formatTimestampAgo(usecThen: number, usecNow: number): string {
  const delta = usecNow - usecThen;
  if (!Number.isFinite(delta)) return 'n/a';
  if (delta === 0) return 'now';
  const span = Math.abs(delta);
  const suffix = delta > 0 ? 'ago' : 'left';
  // Two parts: the count of `big` and the rest in `small`, each named by `name(count)`.
  const two = (big: number, bigName: (n: number) => string, small: number, smallName: (n: number) => string): string => {
    const a = Math.floor(span / big);
    const b = Math.floor((span - a * big) / small);
    return b > 0 ? `${bigName(a)} ${smallName(b)}` : bigName(a);
  };
  const word = (singular: string) => (n: number): string => `${n} ${n === 1 ? singular : `${singular}s`}`;
  const short = (unit: string) => (n: number): string => `${n}${unit}`;
  let text: string;
  if (span >= YEAR) text = two(YEAR, word('year'), MONTH, word('month'));
  else if (span >= MONTH) text = two(MONTH, word('month'), DAY, word('day'));
  else if (span >= WEEK) text = two(WEEK, word('week'), DAY, word('day'));
  else if (span >= 2 * DAY) text = `${Math.floor(span / DAY)} days`;
  else if (span >= 25 * HOUR) text = two(DAY, word('day'), HOUR, short('h'));
  else if (span >= 6 * HOUR) text = `${Math.floor(span / HOUR)}h`;
  else if (span >= HOUR) text = two(HOUR, short('h'), MIN, short('min'));
  else if (span >= 5 * MIN) text = `${Math.floor(span / MIN)}min`;
  else if (span >= MIN) text = two(MIN, short('min'), SEC, short('s'));
  else if (span >= SEC) text = `${Math.floor(span / SEC)}s`;
  else if (span >= MS) text = `${Math.floor(span / MS)}ms`;
  else text = `${Math.floor(span)}us`;
  return `${text} ${suffix}`;
}
