import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvironmentFile, parseEnvironmentValue, ValueError } from '../src/index';

test('Environment= values are quoted words of NAME=VALUE', () => {
  const rows: Array<[string, Array<[string, string]>]> = [
    ['"A=1" "B=two words" C=3', [['A', '1'], ['B', 'two words'], ['C', '3']]],
    ['A=1', [['A', '1']]],
    ['EMPTY=', [['EMPTY', '']]],
    ['X=a=b', [['X', 'a=b']]],
    ['"B=two words"', [['B', 'two words']]],
    ['PATH=/bin:/usr/bin _U=x', [['PATH', '/bin:/usr/bin'], ['_U', 'x']]],
    ['MSG=tab\\there', [['MSG', 'tab\there']]],
    ['', []],
  ];
  for (const [input, expected] of rows) assert.deepEqual(parseEnvironmentValue(input), expected, input);
});

test('Environment= refuses words that are not assignments, naming them', () => {
  const rows: Array<[string, RegExp]> = [
    ['B=two words', /invalid environment assignment "words"/],
    ['=x', /invalid environment assignment "=x"/],
    ['1A=x', /invalid environment assignment "1A=x"/],
    ['"A=unclosed', /unclosed double quote/],
  ];
  for (const [input, message] of rows) {
    assert.throws(() => parseEnvironmentValue(input), (error: unknown) => error instanceof ValueError && message.test(error.message), input);
  }
});

test('an EnvironmentFile is read with shell-like quoting, comments and export', () => {
  const text = [
    '# sshd options',
    '; another comment',
    '',
    'OPTIONS="-u0"',
    '  SPACED = value with spaces   ',
    'export EXPORTED=yes',
    "SINGLE='keep $HOME \\n as is'",
    'DOUBLE="say \\"hi\\" \\$HOME \\n"',
    'MIXED="a"b\'c\'',
    'ESCAPED=a\\ b\\\\c',
    'CONTINUED=one \\',
    'two',
    'MULTI="line1',
    'line2"',
    'EMPTY=',
    'HASH=a # b',
    'CRLF=x\r',
    'LAST=end',
  ].join('\n');
  assert.deepEqual(parseEnvironmentFile(text), [
    ['OPTIONS', '-u0'],
    ['SPACED', 'value with spaces'],
    ['EXPORTED', 'yes'],
    ['SINGLE', 'keep $HOME \\n as is'],
    ['DOUBLE', 'say "hi" $HOME \\n'],
    ['MIXED', 'abc'],
    ['ESCAPED', 'a b\\c'],
    ['CONTINUED', 'one two'],
    ['MULTI', 'line1\nline2'],
    ['EMPTY', ''],
    ['HASH', 'a # b'],
    ['CRLF', 'x'],
    ['LAST', 'end'],
  ]);
});

test('an EnvironmentFile line without "=" is skipped, as systemd skips it', () => {
  assert.deepEqual(parseEnvironmentFile("A=1\nline without an equal\n ; # comment\nB='x y'\n"), [['A', '1'], ['B', 'x y']]);
});

test('a bad EnvironmentFile line is an error naming its line number', () => {
  const rows: Array<[string, RegExp]> = [
    ['A=1\n\n1BAD=x\n', /line 3: invalid variable name "1BAD"/],
    ["A='open\n", /line 1: unclosed single quote in the value of A/],
    ['A=1\nB="x\nC=1\n', /line 2: unclosed double quote in the value of B/],
    ['X="a\nb"\n2x=1\n', /line 3: invalid variable name "2x"/],
  ];
  for (const [input, message] of rows) {
    assert.throws(() => parseEnvironmentFile(input), (error: unknown) => error instanceof ValueError && message.test(error.message), JSON.stringify(input));
  }
});
