// Parsing `sctl logs --since TIME` as systemd.time(7) reads a timestamp: "now", "today",
// "yesterday", "tomorrow", "@EPOCH", a relative "-5min" / "5min ago", an absolute
// "YYYY-MM-DD [HH:MM[:SS]]" or a time of day "HH:MM[:SS]" (today), in local time unless a
// trailing "UTC" says otherwise.
import { parseTimespan } from '@sysmaster/unit-file';
import { CliError, EXIT } from './exit-codes';

function midnight(nowMs: number, days: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** The time `text` names, in microseconds since the epoch; a CliError (exit 2) when it names none. */
export function parseSince(text: string, nowUsec: number): number {
  const value = text.trim();
  const nowMs = Math.floor(nowUsec / 1000);
  const fail = (): never => {
    throw new CliError(EXIT.USAGE, `Failed to parse timestamp "${text}".`, 'Use e.g. "2026-01-02 10:00:00", "today", "yesterday", "-5min" or "@1767348000".');
  };
  if (value === 'now') return nowUsec;
  if (value === 'today') return midnight(nowMs, 0) * 1000;
  if (value === 'yesterday') return midnight(nowMs, -1) * 1000;
  if (value === 'tomorrow') return midnight(nowMs, 1) * 1000;
  if (value.startsWith('@')) {
    const seconds = Number(value.slice(1));
    return Number.isFinite(seconds) ? Math.round(seconds * 1_000_000) : fail();
  }
  const relative = /^-(.+)$/.exec(value) ?? /^(.+)\s+ago$/.exec(value);
  if (relative) {
    try {
      return nowUsec - parseTimespan(relative[1]!);
    } catch {
      return fail();
    }
  }
  if (value.startsWith('+')) {
    try {
      return nowUsec + parseTimespan(value.slice(1));
    } catch {
      return fail();
    }
  }
  const utc = /\s+UTC$/.test(value);
  const body = value.replace(/\s+UTC$/, '');
  const absolute = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(body);
  const timeOnly = /^(\d{2}:\d{2}(?::\d{2})?)$/.exec(body);
  let iso: string | null = null;
  if (absolute) iso = `${absolute[1]}T${absolute[2] ?? '00:00:00'}`;
  else if (timeOnly) {
    const today = new Date(nowMs);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const date = utc ? new Date(nowMs).toISOString().slice(0, 10) : `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
    iso = `${date}T${timeOnly[1]}`;
  }
  if (iso === null) return fail();
  const ms = Date.parse(`${iso}${utc ? 'Z' : ''}`);
  return Number.isNaN(ms) ? fail() : ms * 1000;
}
