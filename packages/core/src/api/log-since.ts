// `sctl logs --since`: filtering a unit's log by time, over what the file itself carries.
//
// A service writes its log file directly (so that no manager crash can break its output), so
// the lines carry only what the program printed. Many programs start each line with a
// timestamp; those are used: ISO 8601 ("2026-01-02T10:11:12.5Z", "2026-01-02 10:11:12",
// optionally in brackets) and syslog's ("Jan  2 10:11:12", the year taken as the latest one that
// does not put the line in the future). A line without a timestamp (a continuation, a stack
// trace) takes the time of the line before it; lines before the first timestamped one are older
// than it and are left out. A log in which no line carries a timestamp cannot be filtered, and
// the caller is told so rather than shown a guess.
import { SysmasterError } from '@sysmaster/proto';

const ISO = /^\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?/;
const SYSLOG = /^\[?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The time a line starts with (usec, realtime), or null; zone-less times are local. */
export function lineTimestamp(line: string, nowUsec: number): number | null {
  const iso = ISO.exec(line);
  if (iso) {
    let zone = iso[3] ?? '';
    if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
    const ms = Date.parse(`${iso[1]}T${iso[2]!.replace(',', '.')}${zone}`);
    return Number.isNaN(ms) ? null : ms * 1000;
  }
  const sys = SYSLOG.exec(line);
  if (sys) {
    const now = new Date(nowUsec / 1000);
    const month = MONTHS.indexOf(sys[1]!);
    const at = (year: number): number => new Date(year, month, Number(sys[2]), Number(sys[3]), Number(sys[4]), Number(sys[5])).getTime() * 1000;
    const thisYear = at(now.getFullYear());
    return thisYear <= nowUsec + 60_000_000 ? thisYear : at(now.getFullYear() - 1);
  }
  return null;
}

/** The lines written at or after `sinceUsec`; throws when no line of the log carries a time. */
export function linesSince(lines: string[], sinceUsec: number, nowUsec: number, unit: string, file: string): string[] {
  let current: number | null = null;
  let any = false;
  const out: string[] = [];
  for (const line of lines) {
    const at = lineTimestamp(line, nowUsec);
    if (at !== null) {
      current = at;
      any = true;
    }
    if (current !== null && current >= sinceUsec) out.push(line);
  }
  if (!any && lines.length > 0) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `The lines of the log of ${unit} (${file}) carry no timestamps: --since cannot filter them.`, {
      hint: 'The service writes its log itself; have it print an ISO 8601 or syslog timestamp at the start of each line, or use -n.',
    });
  }
  return out;
}
