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
//
// Better than both: the service worker keeps a time index beside the log (LOG.idx, "SIZE USEC"
// lines: at USEC the file held SIZE bytes; see worker-service's log-index.ts). When it exists,
// --since starts at the size of the last mark taken before the asked time, whatever the lines
// say, with the index's precision (a mark every 100 ms while the log grows).
import fs from 'node:fs';
import { SysmasterError } from '@sysmaster/proto';

/** The suffix of the worker's time index beside a unit's log. */
export const LOG_INDEX_SUFFIX = '.idx';

/**
 * From a time index's text, the byte offset from which the log holds what was written at or
 * after `sinceUsec`: the size at the last mark before it (0 when none is). null for an index
 * without entries.
 */
export function indexedOffset(indexText: string, sinceUsec: number): number | null {
  let offset = 0;
  let any = false;
  for (const line of indexText.split('\n')) {
    const [size, usec] = line.split(' ').map(Number);
    if (size === undefined || usec === undefined || !Number.isFinite(size) || !Number.isFinite(usec)) continue;
    any = true;
    if (usec >= sinceUsec) break; // marks are in time order
    offset = size;
  }
  return any ? offset : null;
}

/**
 * The lines of `file` from the line holding byte `offset` on, the last `max` of them (at most the
 * last 16 MiB of the file are read).
 */
export async function linesFrom(file: string, offset: number, max: number): Promise<string[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    let start = Math.max(0, Math.min(offset, size), size - 16 * 2 ** 20);
    // Back up to the start of the line that holds `start` (a mark may fall inside a line).
    const back = Math.min(start, 64 * 1024);
    if (back > 0) {
      const before = Buffer.alloc(back);
      await handle.read(before, 0, back, start - back);
      const newline = before.lastIndexOf(0x0a);
      start = newline < 0 ? start - back : start - back + newline + 1;
    }
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(Math.max(0, lines.length - max));
  } finally {
    await handle.close();
  }
}

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
