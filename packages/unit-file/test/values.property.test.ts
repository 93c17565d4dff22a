// Seeded property tests of the value grammars (issue 15, item 5): every parser either returns or
// throws one of this package's own errors, whatever the input; the printed forms read back to
// the values they print; time spans add up and grow with their numbers; unit names agree with
// systemd's escaping. Each property runs a bounded number of cases from a fixed seed, so a
// failure is reproducible (fast-check prints the seed and the shrunk counterexample) and the file
// runs in about a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SysmasterError } from '@sysmaster/errors';
import {
  parseBoolean, parseSignal, parseSize, parseMode, parseUnitList, parseTimespan, formatTimespan,
  parseCalendar, formatCalendar, parseExecLine, parseEnvironmentValue, parseEnvironmentFile,
  expandSpecifiers, specifiersFor, parseUnitName, normalizeUnitName, templateOf, isUnitName,
  ValueError, UnitNameError,
} from '../src/index';
import { instantiate } from '../src/names';
import { splitWords } from '../src/words';

const SEED = 15_05;
const RUNS = { seed: SEED, numRuns: 400 };

/** Text that stresses the grammars: their own punctuation, escapes, quotes, NUL and astral characters. */
const grammarText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...' \t\n\\"\'%$;=@.,:~*/-+!#0123456789abcxyzMsuµinfty\u0000\u00ff\u{1F600}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

/** Run `parse`; a throw must be one of this package's errors (a SysmasterError of `classes`). */
function returnsOrThrowsOwnError(parse: (text: string) => unknown, classes: ReadonlyArray<new (...args: never[]) => Error>): (text: string) => void {
  return (text) => {
    try {
      parse(text);
    } catch (error) {
      assert.ok(error instanceof SysmasterError && classes.some((c) => error instanceof c),
        `${JSON.stringify(text)} threw ${String(error)} (not a ValueError/UnitNameError)`);
    }
  };
}

const PARSERS: ReadonlyArray<[string, (text: string) => unknown, ReadonlyArray<new (...args: never[]) => Error>]> = [
  ['parseBoolean', parseBoolean, [ValueError]],
  ['parseSignal', parseSignal, [ValueError]],
  ['parseSize', parseSize, [ValueError]],
  ['parseMode', parseMode, [ValueError]],
  ['parseUnitList', parseUnitList, [ValueError, UnitNameError]],
  ['parseTimespan', (t) => parseTimespan(t), [ValueError]],
  ['parseCalendar', parseCalendar, [ValueError]],
  ['parseExecLine', (t) => parseExecLine(t, { resolve: (name) => (name.length % 2 === 0 ? `/usr/bin/${name}` : null) }), [ValueError]],
  ['parseEnvironmentValue', parseEnvironmentValue, [ValueError]],
  ['parseEnvironmentFile', parseEnvironmentFile, [ValueError]],
  ['splitWords', splitWords, [ValueError]],
  ['expandSpecifiers', (t) => expandSpecifiers(t, { n: 'a.service', i: '' }), [ValueError]],
  ['specifiersFor', (t) => specifiersFor(t, null, { hostname: 'h', machineId: 'm', bootId: 'b', kernelRelease: 'k', arch: 'x86-64' }), [ValueError]],
  ['parseUnitName', parseUnitName, [UnitNameError]],
  ['normalizeUnitName', (t) => normalizeUnitName(t), [UnitNameError]],
];

for (const [name, parse, classes] of PARSERS) {
  test(`${name} returns or throws only this package's errors on any text`, () => {
    fc.assert(fc.property(grammarText, returnsOrThrowsOwnError(parse, classes)), RUNS);
  });
}

test('formatTimespan prints every whole number of microseconds so that parseTimespan reads it back exactly', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (usec) => {
    assert.equal(parseTimespan(formatTimespan(usec)), usec);
  }), RUNS);
});

const SPAN_UNIT = fc.constantFrom('us', 'ms', 's', 'min', 'h', 'd', 'w', 'M', 'y', '');

test('a longer time span never parses to less: the number and each added part only grow it', () => {
  fc.assert(fc.property(fc.nat(1_000_000), fc.nat(1_000_000), SPAN_UNIT, SPAN_UNIT, (a, b, unit, other) => {
    const [low, high] = a <= b ? [a, b] : [b, a];
    assert.ok(parseTimespan(`${low}${unit}`) <= parseTimespan(`${high}${unit}`));
    const one = parseTimespan(`${low}${unit}`);
    const both = parseTimespan(`${low}${unit} ${high}${other}`);
    assert.ok(both >= one);
    assert.equal(both, one + parseTimespan(`${high}${other}`));
  }), RUNS);
});

/** One chain item of a calendar field, in the field's own range. */
const chainItem = (min: number, max: number): fc.Arbitrary<string> => fc.oneof(
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}..${Math.max(a, b)}`),
  // A repetition must repeat within the field (systemd refuses "5/8" for a month): start + step ≤ max.
  fc.integer({ min: 1, max: Math.min(12, max - min) }).chain((r) => fc.integer({ min, max: max - r }).map((a) => `${a}/${r}`)),
);
const chain = (min: number, max: number): fc.Arbitrary<string> => fc.oneof(
  fc.constant('*'),
  fc.array(chainItem(min, max), { minLength: 1, maxLength: 3 }).map((items) => items.join(',')),
);
const calendarEvent = fc.record({
  weekdays: fc.option(fc.constantFrom('Mon', 'Tue..Thu', 'Sat,Sun', 'Mon..Fri', 'Fri,Mon')),
  year: chain(1970, 2199),
  month: chain(1, 12),
  day: chain(1, 28),
  endOfMonth: fc.boolean(),
  hour: chain(0, 23),
  minute: chain(0, 59),
  second: chain(0, 59),
  zone: fc.constantFrom('', ' UTC', ' Europe/Berlin'),
}).map((e) => `${e.weekdays === null ? '' : `${e.weekdays} `}${e.year}-${e.month}${e.endOfMonth ? '~' : '-'}${e.day} ${e.hour}:${e.minute}:${e.second}${e.zone}`);

test('a calendar event\'s normalized form parses back to itself (formatCalendar is a fixed point)', () => {
  fc.assert(fc.property(calendarEvent, (event) => {
    const normalized = formatCalendar(parseCalendar(event));
    assert.equal(formatCalendar(parseCalendar(normalized)), normalized, `${event} → ${normalized}`);
  }), RUNS);
});

/** Quote a word for splitWords: double quotes, with '\' and '"' escaped. */
const quote = (word: string): string => `"${word.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

test('any words, double-quoted with escapes, split back into the same words', () => {
  fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 6 }), (words) => {
    assert.deepEqual(splitWords(words.map(quote).join(' ')).map((w) => w.value), words);
  }), RUNS);
});

test('Environment= pairs written as quoted NAME=VALUE words parse back to the same pairs', () => {
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
  fc.assert(fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 12 })), { maxLength: 5 }), (pairs) => {
    assert.deepEqual(parseEnvironmentValue(pairs.map(([n, v]) => quote(`${n}=${v}`)).join(' ')), pairs);
  }), RUNS);
});

test('an Exec line of a quoted absolute path and quoted arguments gives back that argv', () => {
  const word = fc.string({ maxLength: 10 });
  fc.assert(fc.property(fc.stringMatching(/^\/[a-z0-9/._-]{1,20}$/), fc.array(word, { maxLength: 5 }), (path, args) => {
    const command = parseExecLine([path, ...args].map(quote).join(' '));
    assert.equal(command.path, path);
    assert.deepEqual(command.argv, [path, ...args]);
  }), RUNS);
});

test('doubling every percent sign makes expandSpecifiers return the text unchanged', () => {
  fc.assert(fc.property(grammarText, (text) => {
    assert.equal(expandSpecifiers(text.replace(/%/g, '%%'), {}), text);
  }), RUNS);
});

/** systemd-escape: '/' becomes '-', [A-Za-z0-9:_] stay, '.' stays unless first, the rest is \xNN. */
function escapeUnitText(text: string): string {
  let out = '';
  for (const [index, c] of [...text].entries()) {
    if (c === '/') out += '-';
    else if (/[A-Za-z0-9:_]/.test(c) || (c === '.' && index > 0)) out += c;
    else out += `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return out;
}

test('any Latin-1 text escaped the systemd way is a valid instance, and %I unescapes it back', () => {
  const latin1 = fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 30 });
  fc.assert(fc.property(latin1, (text) => {
    const unit = instantiate('fuzz@.service', escapeUnitText(text));
    assert.ok(isUnitName(unit), unit);
    assert.equal(templateOf(unit), 'fuzz@.service');
    assert.equal(specifiersFor(unit, null, { hostname: 'h' }).I, text);
  }), RUNS);
});

test('isUnitName agrees with parseUnitName, and normalizeUnitName is idempotent on what it accepts', () => {
  const nameText = fc.oneof(grammarText, fc.stringMatching(/^[a-z][a-z0-9@.\\_-]{0,20}(\.[a-z]{1,8})?$/));
  fc.assert(fc.property(nameText, (text) => {
    let parsed = true;
    try {
      parseUnitName(text);
    } catch {
      parsed = false;
    }
    assert.equal(isUnitName(text), parsed);
    let normalized: string | null = null;
    try {
      normalized = normalizeUnitName(text);
    } catch {
      return;
    }
    assert.equal(normalizeUnitName(normalized), normalized);
    assert.ok(isUnitName(normalized));
  }), RUNS);
});
