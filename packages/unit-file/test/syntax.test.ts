import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastValue, listValues, parseUnitText, type Assignment } from '../src/index';
import { unquoteWhole } from '../src/syntax';

/** The (key, value, line) triples of one section. */
function entriesOf(text: string, section: string): Array<[string, string, number]> {
  const parsed = parseUnitText(text, 'test.service');
  const found = parsed.sections.find((s) => s.name === section);
  return (found?.entries ?? []).map((e) => [e.key, e.value, e.line]);
}

test('sections and assignments are read in order with their line numbers', () => {
  const parsed = parseUnitText('[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/true\n', 'a.service');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.sections.map((s) => s.name), ['Unit', 'Service']);
  assert.deepEqual(parsed.sections[1]?.entries[0], { section: 'Service', key: 'ExecStart', value: '/bin/true', file: 'a.service', line: 5 });
});

test('comments starting with # or ; are skipped, but a # inside a value is kept', () => {
  assert.deepEqual(entriesOf('[A]\n# one\n  ; two\nK=v # not a comment\n', 'A'), [['K', 'v # not a comment', 4]]);
});

test('whitespace around keys, values and headers is stripped', () => {
  assert.deepEqual(entriesOf('  [A]  \n\t Key   =   some value \t\n', 'A'), [['Key', 'some value', 2]]);
});

test('a trailing backslash continues the value on the next line and skips comment lines between', () => {
  const text = '[A]\nExecStart=/bin/echo one \\\n   two \\\n# comment inside\n  three\nNext=1\n';
  assert.deepEqual(entriesOf(text, 'A'), [['ExecStart', '/bin/echo one  two  three', 2], ['Next', '1', 6]]);
});

test('an escaped backslash at the end of a line does not continue it', () => {
  assert.deepEqual(entriesOf('[A]\nK=a\\\\\nL=b\n', 'A'), [['K', 'a\\\\', 2], ['L', 'b', 3]]);
});

test('a continuation on the last line of the file ends the value', () => {
  assert.deepEqual(entriesOf('[A]\nK=a \\', 'A'), [['K', 'a', 2]]);
});

test('100,000 continuation lines make one value, at the line where it began, and the next key its own line', () => {
  // Issue 15: the joined text used to be copied again at every continuation (120,000 lines: 17 s).
  const text = `[A]\nK=${'x \\\n'.repeat(100_000)}end\nNext=1\n`;
  const entries = entriesOf(text, 'A');
  assert.equal(entries.length, 2);
  assert.equal(entries[0]?.[2], 2);
  assert.equal(entries[0]?.[1], `${'x  '.repeat(100_000)}end`);
  assert.deepEqual(entries[1], ['Next', '1', 100_003]);
});

test('a line of backslashes continues by their parity only, whatever the line before held', () => {
  assert.deepEqual(entriesOf('[A]\nK=a \\\n\\\\\nL=b\n', 'A'), [['K', 'a  \\\\', 2], ['L', 'b', 4]]);
});

test('repeated keys are all kept, and a repeated section header merges into the first', () => {
  const parsed = parseUnitText('[A]\nK=1\n[B]\nX=0\n[A]\nK=2\n', 'f');
  assert.deepEqual(parsed.sections.map((s) => s.name), ['A', 'B']);
  assert.deepEqual(parsed.sections[0]?.entries.map((e) => e.value), ['1', '2']);
});

test('a UTF-8 byte order mark and CRLF line ends are accepted', () => {
  assert.deepEqual(entriesOf('\uFEFF[A]\r\nK=v\r\nL=w\r\n', 'A'), [['K', 'v', 2], ['L', 'w', 3]]);
});

test('bad lines become problems naming file, line and reason, and parsing carries on', () => {
  const text = 'Early=1\n[Unit]\ngarbage line\n=novalue\n[Broken\nGood=yes\n[]\n';
  const parsed = parseUnitText(text, '/etc/x.service');
  const rows: Array<[number, string, RegExp]> = [
    [1, '', /outside of any section/],
    [3, 'Unit', /"garbage line" is not an assignment/],
    [4, 'Unit', /invalid key ""/],
    [5, 'Unit', /invalid section header "\[Broken"/],
    [7, 'Unit', /invalid section header "\[\]"/],
  ];
  assert.equal(parsed.problems.length, rows.length);
  rows.forEach(([line, section, message], index) => {
    const problem = parsed.problems[index];
    assert.equal(problem?.line, line);
    assert.equal(problem?.section, section);
    assert.equal(problem?.file, '/etc/x.service');
    assert.match(problem?.message ?? '', message);
    assert.match(problem?.message ?? '', new RegExp(`^/etc/x\\.service:${line}: `));
  });
  assert.deepEqual(entriesOf(text, 'Unit'), [['Good', 'yes', 6]]);
});

test('the problem for a key outside any section names the key', () => {
  assert.equal(parseUnitText('Foo=bar\n', 'f').problems[0]?.key, 'Foo');
});

test('sysMaster quoting unwraps a value wholly enclosed in one pair of double quotes', () => {
  const rows: Array<[string, string]> = [
    ['"OpenSSH server daemon"', 'OpenSSH server daemon'],
    ['"42"', '42'],
    ['""', ''],
    ['"/bin/echo" "a b"', '"/bin/echo" "a b"'],
    ['"a" b', '"a" b'],
    ['a "b"', 'a "b"'],
    ['"say \\"hi\\""', 'say \\"hi\\"'],
    ['"ends in backslash\\"', '"ends in backslash\\"'],
    ['"', '"'],
    ["'single'", "'single'"],
  ];
  for (const [input, expected] of rows) assert.equal(unquoteWhole(input), expected, input);
});

test('Environment= keeps its quotes, since systemd already gives one quoted word its meaning', () => {
  assert.deepEqual(entriesOf('[Service]\nEnvironment="B=two words"\nDescription="x y"\n', 'Service'),
    [['Environment', '"B=two words"', 2], ['Description', 'x y', 3]]);
});

function assignments(pairs: Array<[string, string]>): Assignment[] {
  return pairs.map(([key, value], index) => ({ section: 'S', key, value, file: 'f', line: index + 1 }));
}

test('listValues appends repeated keys and an empty assignment resets the list', () => {
  const entries = assignments([['After', 'a'], ['Other', 'x'], ['After', 'b'], ['After', ''], ['After', 'c'], ['After', 'd']]);
  assert.deepEqual(listValues(entries, 'After').map((e) => e.value), ['c', 'd']);
  assert.deepEqual(listValues(undefined, 'After'), []);
});

test('lastValue returns the last assignment, or undefined when unset or reset by an empty one', () => {
  const entries = assignments([['Type', 'simple'], ['Type', 'notify']]);
  assert.equal(lastValue(entries, 'Type')?.value, 'notify');
  assert.equal(lastValue(entries, 'Type')?.line, 2);
  assert.equal(lastValue(assignments([['Type', 'simple'], ['Type', '']]), 'Type'), undefined);
  assert.equal(lastValue(entries, 'Missing'), undefined);
  assert.equal(lastValue(undefined, 'Type'), undefined);
});
