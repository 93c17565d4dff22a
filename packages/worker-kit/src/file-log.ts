// The log file of a unit, read back: what a worker serves UnitWorker.Logs from (any worker whose
// units write a log file; the service worker's do, to /var/log/sysmaster/UNIT.log).
//
// Tail: a log may be large, so the file is read backwards in fixed-size blocks until enough
// newlines have been seen (or the start of the file is reached); only those blocks are decoded.
// A last line without its newline (a line being written) counts as a line.
//
// Follow: the log's directory is watched with fs.watch (inotify), which reports appends to the
// file, its creation and its replacement by name. On each report the file is read from the last
// offset to its current end; complete lines are delivered and a trailing partial line waits for
// its newline. A file that shrank below the offset was truncated (or replaced): reading restarts
// at 0. Reads are serialized so that lines arrive in order and exactly once.
//
// Since (`sctl logs --since`): a service writes its log file directly (so that no manager crash
// can break its output), so the lines carry only what the program printed. Better than the lines:
// the time index beside the log (LOG.idx, "SIZE USEC" lines: at USEC the file held SIZE bytes;
// worker-service's log-index.ts writes it). When it exists, --since starts at the size of the last
// mark taken before the asked time, whatever the lines say, with the index's precision (a mark
// every 100 ms while the log grows). Without an index, the timestamps many programs start each
// line with are used: ISO 8601 ("2026-01-02T10:11:12.5Z", "2026-01-02 10:11:12", optionally in
// brackets) and syslog's ("Jan  2 10:11:12", the year taken as the latest one that does not put
// the line in the future). A line without a timestamp (a continuation, a stack trace) takes the
// time of the line before it; lines before the first timestamped one are older than it and are
// left out. A log in which no line carries a timestamp cannot be filtered, and the caller is told
// so rather than shown a guess.
//
// serveLogFile() puts the three together the way UnitWorker.Logs (and sctl logs) means them.
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SysmasterError, type LogsRequest__Output } from '@sysmaster/proto';
import type { LogSink } from './worker-types';

const BLOCK = 64 * 1024;

/** The end of the file and its last `count` lines (oldest first); [] for a missing file. */
export async function tailLines(file: string, count: number): Promise<{ lines: string[]; size: number }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], size: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (count <= 0 || size === 0) return { lines: [], size };
    const blocks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    // One newline more than lines wanted marks the start of the first wanted line; a final
    // newline at the very end of the file terminates the last line and is not counted.
    while (position > 0 && newlines <= count) {
      const length = Math.min(BLOCK, position);
      position -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, position);
      blocks.unshift(block);
      for (let i = 0; i < length; i++) if (block[i] === 0x0a) newlines++;
      if (position + length === size && block[length - 1] === 0x0a) newlines--;
    }
    let text = Buffer.concat(blocks).toString('utf8');
    if (text.endsWith('\n')) text = text.slice(0, -1);
    const lines = text.split('\n');
    return { lines: lines.slice(Math.max(0, lines.length - count)), size };
  } finally {
    await handle.close();
  }
}

/** Follows `file` from byte `offset`, calling onLines with each batch of new complete lines. */
export function followFile(file: string, offset: number, onLines: (lines: string[]) => void, onError: (error: unknown) => void): () => void {
  let position = offset;
  let partial = '';
  // A multi-byte character may straddle two reads; the decoder keeps its first bytes.
  let decoder = new StringDecoder('utf8');
  let reading = false;
  let again = false;
  let stopped = false;

  const readNew = async (): Promise<void> => {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < position) {
        position = 0;
        partial = '';
        decoder = new StringDecoder('utf8');
      }
      while (position < size && !stopped) {
        const length = Math.min(BLOCK, size - position);
        const block = Buffer.alloc(length);
        const { bytesRead } = await handle.read(block, 0, length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const text = partial + decoder.write(block.subarray(0, bytesRead));
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        if (parts.length > 0) onLines(parts);
      }
    } finally {
      await handle.close();
    }
  };

  const pump = (): void => {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    readNew().catch(onError).finally(() => {
      reading = false;
      if (again) {
        again = false;
        pump();
      }
    });
  };

  const base = path.basename(file);
  const watcher = fs.watch(path.dirname(file), (_event, name) => {
    if (name === null || name === base) pump();
  });
  watcher.on('error', (error) => onError(error));
  // Catch what was appended between the tail and the watch.
  pump();
  return () => {
    stopped = true;
    watcher.close();
  };
}

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
 * last 16 MiB of the file are read), and the size they were read up to.
 */
async function linesFrom(file: string, offset: number, max: number): Promise<{ lines: string[]; size: number }> {
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
    return { lines: lines.slice(Math.max(0, lines.length - max)), size };
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
function linesSince(lines: string[], sinceUsec: number, nowUsec: number, unit: string, file: string): string[] {
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

/** How many lines Logs sends when the request says 0. */
const DEFAULT_LOG_LINES = 10;
/** The most lines one Logs backlog carries. */
const MAX_LOG_LINES = 100_000;

/**
 * Serves one Logs request from `file` (the log of `unit`): the last `lines` lines (or those since
 * `since_usec`, of which the last `lines` when both are given), then with `follow` every new line
 * until the client goes away. A missing file is an empty log.
 */
export async function serveLogFile(file: string, unit: string, request: LogsRequest__Output, sink: LogSink): Promise<void> {
  // The backlog is read once: from the time index's offset when --since has one, else the tail;
  // following starts at the size that read reached, so no line is sent twice.
  let backlog: { lines: string[]; size: number };
  if (request.since_usec) {
    const index = await fs.promises.readFile(file + LOG_INDEX_SUFFIX, 'utf8').catch(() => null);
    const offset = index === null ? null : indexedOffset(index, request.since_usec);
    if (offset !== null) {
      backlog = await linesFrom(file, offset, MAX_LOG_LINES).catch(() => ({ lines: [], size: 0 }));
    } else {
      const tail = await tailLines(file, MAX_LOG_LINES);
      backlog = { lines: linesSince(tail.lines, request.since_usec, Date.now() * 1000, unit, file), size: tail.size };
    }
    if (request.lines) backlog.lines = backlog.lines.slice(Math.max(0, backlog.lines.length - request.lines));
  } else {
    backlog = await tailLines(file, Math.min(request.lines || DEFAULT_LOG_LINES, MAX_LOG_LINES));
  }
  const { lines } = backlog;
  for (const text of lines) sink.write({ text });
  if (!request.follow) {
    sink.end();
    return;
  }
  let closed = false;
  let stop = (): void => undefined;
  sink.onClose(() => {
    closed = true;
    stop();
  });
  if (closed) return;
  stop = followFile(file, backlog.size, (batch) => {
    for (const text of batch) sink.write({ text });
  }, (error) => {
    stop();
    const why = error instanceof Error ? error.message : String(error);
    sink.fail(new SysmasterError('ERR_SYSTEM', `Following ${file} failed: ${why}`, { cause: error }));
  });
}
