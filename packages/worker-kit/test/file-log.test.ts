// The log reader every worker can serve Logs from: tail, follow, since (by the time index, else by
// the lines' own timestamps), and serveLogFile() putting them together for one request.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SysmasterError, type LogLine, type LogsRequest__Output } from '@sysmaster/proto';
import { LOG_INDEX_SUFFIX, followFile, indexedOffset, lineTimestamp, serveLogFile, tailLines } from '../src/file-log';
import type { LogSink } from '../src/worker-types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-file-log-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A LogSink that collects lines; close() plays the client going away. */
function collector(): LogSink & { lines: string[]; ended: boolean; failure: unknown; close(): void } {
  const listeners: Array<() => void> = [];
  const sink = {
    lines: [] as string[], ended: false, failure: undefined as unknown,
    write: (line: LogLine) => { sink.lines.push(line.text ?? ''); },
    end: () => { sink.ended = true; },
    fail: (error: unknown) => { sink.failure = error; },
    onClose: (listener: () => void) => { listeners.push(listener); },
    close: () => { for (const l of listeners) l(); },
  };
  return sink;
}

const request = (fields: Partial<LogsRequest__Output>): LogsRequest__Output => ({ name: 'web.service', lines: 0, follow: false, since_usec: 0, ...fields });

async function serve(file: string, fields: Partial<LogsRequest__Output>): Promise<string[]> {
  const sink = collector();
  await serveLogFile(file, 'web.service', request(fields), sink);
  assert.equal(sink.ended, true, 'a request without follow ends the stream');
  return sink.lines;
}

test('tailLines reads the last lines of a file much larger than one read block', async () => {
  const file = path.join(dir, 'big.log');
  const lines = Array.from({ length: 50_000 }, (_, i) => `entry number ${i} ${'x'.repeat(i % 40)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const { lines: last, size } = await tailLines(file, 3);
  assert.deepEqual(last, lines.slice(-3));
  assert.equal(size, fs.statSync(file).size);
  assert.deepEqual((await tailLines(file, 5000)).lines, lines.slice(-5000));
});

test('tailLines counts a last line without its newline and returns everything from a short file', async () => {
  const file = path.join(dir, 'short.log');
  fs.writeFileSync(file, 'one\ntwo\nthree');
  assert.deepEqual((await tailLines(file, 2)).lines, ['two', 'three']);
  assert.deepEqual((await tailLines(file, 10)).lines, ['one', 'two', 'three']);
  assert.deepEqual((await tailLines(file, 0)).lines, []);
});

test('tailLines of a missing file is empty, not an error', async () => {
  assert.deepEqual(await tailLines(path.join(dir, 'missing.log'), 5), { lines: [], size: 0 });
});

test('followFile delivers multi-byte characters split across writes intact, and a file created later', async () => {
  const file = path.join(dir, 'later.log');
  const seen: string[] = [];
  const stop = followFile(file, 0, (batch) => seen.push(...batch), (error) => assert.fail(String(error)));
  try {
    await sleep(20);
    const text = Buffer.from('grüße\n');
    fs.writeFileSync(file, text.subarray(0, 4));
    await sleep(50);
    fs.appendFileSync(file, text.subarray(4));
    for (let i = 0; i < 100 && seen.length === 0; i++) await sleep(10);
    assert.deepEqual(seen, ['grüße']);
  } finally {
    stop();
  }
});

test('a request sends the last `lines` lines, 10 when it says 0', async () => {
  const file = path.join(dir, 'count.log');
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  assert.deepEqual(await serve(file, { lines: 3 }), lines.slice(-3));
  assert.deepEqual(await serve(file, {}), lines.slice(-10));
  assert.deepEqual(await serve(path.join(dir, 'none.log'), {}), []);
});

test('--since filters by the timestamps the lines start with; untimed lines follow the line before', async () => {
  const at = (iso: string): number => Date.parse(iso) * 1000;
  const file = path.join(dir, 'stamped.log');
  fs.writeFileSync(file, [
    'preamble without time',
    '2026-01-02T10:00:00Z old',
    '2026-01-02T11:00:00Z new one',
    '  continuation of new one',
    '[2026-01-02 12:00:00+00:00] newer',
  ].join('\n') + '\n');
  assert.deepEqual(await serve(file, { since_usec: at('2026-01-02T10:30:00Z') }),
    ['2026-01-02T11:00:00Z new one', '  continuation of new one', '[2026-01-02 12:00:00+00:00] newer']);
  assert.deepEqual(await serve(file, { since_usec: at('2026-01-02T10:30:00Z'), lines: 1 }), ['[2026-01-02 12:00:00+00:00] newer']);
});

test('--since on a log whose lines carry no timestamps is refused with a sentence saying so', async () => {
  const file = path.join(dir, 'plain.log');
  fs.writeFileSync(file, 'hello\nworld\n');
  await assert.rejects(serveLogFile(file, 'plain.service', request({ since_usec: 1 }), collector()),
    (e: unknown) => e instanceof SysmasterError && e.code === 'ERR_INVALID_ARGUMENT' && /carry no timestamps: --since cannot filter them/.test(e.message));
});

test('with the time index beside the log, --since starts at the last mark before the time, whatever the lines say', async () => {
  const file = path.join(dir, 'indexed.log');
  fs.writeFileSync(file, 'first run a\nfirst run b\nsecond run partial');
  fs.appendFileSync(file, ' line\nsecond run c\n');
  // Marks: 0 bytes at t=100, 24 (after "first run b\n") at t=200, 30 (inside the next line) at
  // t=250, the end at t=300.
  fs.writeFileSync(`${file}${LOG_INDEX_SUFFIX}`, `0 100\n24 200\n30 250\n${fs.statSync(file).size} 300\n`);
  const second = ['second run partial line', 'second run c'];
  assert.deepEqual(await serve(file, { since_usec: 220 }), second);
  assert.deepEqual(await serve(file, { since_usec: 260 }), second, 'a mark inside a line starts at that line');
  assert.equal((await serve(file, { since_usec: 150 })).length, 4);
  assert.deepEqual(await serve(file, { since_usec: 220, lines: 1 }), ['second run c']);
  assert.equal(indexedOffset('garbage\n', 10), null);
});

test('syslog timestamps are read in local time, in the latest year not in the future', () => {
  const now = new Date(2026, 2, 1, 12, 0, 0).getTime() * 1000;
  assert.equal(lineTimestamp('Feb 28 23:59:59 host web[1]: x', now), new Date(2026, 1, 28, 23, 59, 59).getTime() * 1000);
  assert.equal(lineTimestamp('Dec 31 10:00:00 host web[1]: x', now), new Date(2025, 11, 31, 10, 0, 0).getTime() * 1000);
  assert.equal(lineTimestamp('no time here', now), null);
});

test('follow sends the backlog, then each line appended, until the client goes away', async () => {
  const file = path.join(dir, 'follow.log');
  fs.writeFileSync(file, 'old\n');
  const sink = collector();
  await serveLogFile(file, 'web.service', request({ follow: true, lines: 5 }), sink);
  assert.deepEqual(sink.lines, ['old']);
  assert.equal(sink.ended, false, 'a follow keeps the stream open');
  await sleep(20);
  fs.appendFileSync(file, 'new\n');
  for (let i = 0; i < 100 && sink.lines.length < 2; i++) await sleep(10);
  assert.deepEqual(sink.lines, ['old', 'new']);
  sink.close();
  fs.appendFileSync(file, 'after\n');
  await sleep(100);
  assert.deepEqual(sink.lines, ['old', 'new'], 'nothing is sent once the client is gone');
});
