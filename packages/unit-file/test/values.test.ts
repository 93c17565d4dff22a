import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatTimespan, formatTimestampAgo, parseBoolean, parseMode, parseSignal, parseSize, parseTimespan, parseUnitList, ValueError,
} from '../src/index';

/** Each row: input → expected value, or a RegExp the ValueError message must match. */
function table<T>(parse: (input: string) => T, rows: Array<[string, T | RegExp]>): void {
  for (const [input, expected] of rows) {
    if (expected instanceof RegExp) {
      assert.throws(() => parse(input), (error: unknown) => error instanceof ValueError && expected.test(error.message), `"${input}" should fail`);
    } else {
      assert.equal(parse(input), expected, `"${input}"`);
    }
  }
}

test('parseBoolean accepts systemd spellings case-insensitively and names them on error', () => {
  table(parseBoolean, [
    ['1', true], ['yes', true], ['YES', true], ['true', true], ['On', true], ['y', true],
    ['0', false], ['no', false], ['False', false], ['off', false], ['n', false],
    ['maybe', /invalid boolean "maybe": expected 1\/yes\/true\/on or 0\/no\/false\/off/],
    ['', /invalid boolean/],
  ]);
});

const S = 1_000_000;

test('parseTimespan reads unit sequences into microseconds, a bare number in the default unit', () => {
  table(parseTimespan, [
    ['42', 42 * S], ['0', 0], ['1min 30s', 90 * S], ['1min30s', 90 * S], ['2h', 7200 * S], ['500ms', 500_000],
    ['1.5s', 1_500_000], ['.5s', 500_000], ['10us', 10], ['3 µs', 3], ['1d', 86_400 * S], ['1w', 604_800 * S],
    ['5 minutes', 300 * S], ['1 hour 2 min', 3720 * S], ['1M', 2_629_800 * S], ['1y', 31_557_600 * S],
    ['infinity', Infinity], ['  20s  ', 20 * S],
    ['', /empty time span/], ['-5s', /invalid time span "-5s"/], ['5 parsecs', /unknown time unit "parsecs"/],
    ['s', /invalid time span/], ['1s x', /invalid time span|unknown time unit/],
  ]);
});

test('parseTimespan honours the default unit for bare numbers', () => {
  assert.equal(parseTimespan('250', 'ms'), 250_000);
  assert.equal(parseTimespan('250', 'us'), 250);
  assert.equal(parseTimespan('1s 250', 'ms'), 1_250_000);
});

test('formatTimespan prints whole units largest first, and reads back to the same value', () => {
  const rows: Array<[number, string]> = [
    [90 * S, '1min 30s'], [500_000, '500ms'], [0, '0'], [Infinity, 'infinity'], [7200 * S, '2h'],
    [1_500_000, '1s 500ms'], [86_400 * S + 1, '1d 1us'], [42 * S, '42s'],
  ];
  for (const [usec, text] of rows) {
    assert.equal(formatTimespan(usec), text);
    if (usec !== 0) assert.equal(parseTimespan(text), usec);
  }
});

test('formatTimestampAgo shows at most two parts, coarser as the distance grows', () => {
  const now = 1_000_000_000 * S;
  const rows: Array<[number, string]> = [
    [0, 'now'], [500, '500us ago'], [5_000, '5ms ago'], [5 * S, '5s ago'], [123 * S, '2min 3s ago'], [120 * S, '2min ago'],
    [10 * 60 * S, '10min ago'], [90 * 60 * S, '1h 30min ago'], [7 * 3600 * S, '7h ago'], [26 * 3600 * S, '1 day 2h ago'],
    [3 * 86_400 * S, '3 days ago'], [8 * 86_400 * S, '1 week 1 day ago'], [-30 * S, '30s left'],
  ];
  for (const [delta, text] of rows) assert.equal(formatTimestampAgo(now - delta, now), text, text);
});

test('parseSignal accepts names with and without SIG, numbers and realtime signals', () => {
  table(parseSignal, [
    ['SIGTERM', 15], ['TERM', 15], ['term', 15], ['15', 15], ['SIGKILL', 9], ['HUP', 1], ['SIGRTMIN', 34], ['SIGRTMIN+3', 37], ['RTMAX-1', 63],
    ['SIGFOO', /unknown signal "SIGFOO": expected a signal name/], ['0', /out of range/], ['65', /out of range/], ['SIGRTMAX+1', /unknown signal/],
  ]);
});

test('parseSize reads bytes with 1024-based suffixes and infinity', () => {
  table(parseSize, [
    ['512', 512], ['64K', 65_536], ['1M', 1_048_576], ['1.5G', 1_610_612_736], ['2T', 2 * 1024 ** 4], ['10KiB', 10_240], ['7B', 7], ['1k', 1024],
    ['infinity', Infinity],
    ['', /invalid size ""/], ['-1', /invalid size "-1"/], ['12X', /expected bytes with an optional K, M, G, T, P or E suffix/],
  ]);
});

test('parseMode reads octal file modes up to 07777', () => {
  table(parseMode, [
    ['0644', 0o644], ['755', 0o755], ['2775', 0o2775], ['0', 0], ['07777', 0o7777],
    ['0888', /invalid file mode "0888": expected octal digits/], ['rwx', /invalid file mode/], ['17777', /above 07777/],
  ]);
});

test('parseUnitList splits unit names, drops duplicates and names the bad one', () => {
  assert.deepEqual(parseUnitList('network.target sshd-keygen.target'), ['network.target', 'sshd-keygen.target']);
  assert.deepEqual(parseUnitList('  a.service\tb.socket a.service '), ['a.service', 'b.socket']);
  assert.deepEqual(parseUnitList('"a.service" \'b.service\''), ['a.service', 'b.service']);
  assert.deepEqual(parseUnitList(''), []);
  assert.throws(() => parseUnitList('a.service network'), /invalid unit name "network" in list "a.service network"/);
});
