// Timestamps and durations the way systemctl prints them: "Sun 2026-11-22 15:59:01 UTC" and
// "2min 3s ago". Pure functions; the time zone and "now" are parameters so tests are exact.

const USEC_PER_SEC = 1_000_000;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 2_629_800; // 30.44 days, systemd's USEC_PER_MONTH
const YEAR = 31_557_600; // 365.25 days

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/** "Sun 2026-11-22 15:59:01 UTC" for a realtime timestamp in microseconds ('' for 0). */
export function formatTimestamp(usec: number, timeZone?: string): string {
  if (!usec) return '';
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(Math.floor(usec / 1000)))) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How long ago `thenUsec` was, in systemd's format_timestamp_relative() style ("5s ago"). */
export function formatAgo(thenUsec: number, nowUsec: number): string {
  if (thenUsec > nowUsec) return 'in the future';
  const deltaUsec = nowUsec - thenUsec;
  const d = Math.floor(deltaUsec / USEC_PER_SEC);
  if (d >= YEAR) {
    const years = Math.floor(d / YEAR);
    const months = Math.floor((d % YEAR) / MONTH);
    return `${plural(years, 'year', 'years')} ${plural(months, 'month', 'months')} ago`;
  }
  if (d >= MONTH) {
    const months = Math.floor(d / MONTH);
    const days = Math.floor((d % MONTH) / DAY);
    return `${plural(months, 'month', 'months')} ${plural(days, 'day', 'days')} ago`;
  }
  if (d >= WEEK) {
    const weeks = Math.floor(d / WEEK);
    const days = Math.floor((d % WEEK) / DAY);
    return `${plural(weeks, 'week', 'weeks')} ${plural(days, 'day', 'days')} ago`;
  }
  if (d >= 2 * DAY) return `${Math.floor(d / DAY)} days ago`;
  if (d >= 25 * HOUR) return `1 day ${Math.floor((d - DAY) / HOUR)}h ago`;
  if (d >= 6 * HOUR) return `${Math.floor(d / HOUR)}h ago`;
  if (d >= HOUR) return `${Math.floor(d / HOUR)}h ${Math.floor((d % HOUR) / MINUTE)}min ago`;
  if (d >= 5 * MINUTE) return `${Math.floor(d / MINUTE)}min ago`;
  if (d >= MINUTE) return `${Math.floor(d / MINUTE)}min ${d % MINUTE}s ago`;
  if (d >= 1) return `${d}s ago`;
  const ms = Math.floor(deltaUsec / 1000);
  return ms >= 1 ? `${ms}ms ago` : 'now';
}
