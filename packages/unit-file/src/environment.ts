// Environment= values and EnvironmentFile= files (systemd.exec(5)).
//
// Environment= is a list of NAME=VALUE words with systemd quoting (words.ts), so
// `Environment="A=1" "B=two words" C=3` sets three variables. NAME is a shell variable name.
//
// An EnvironmentFile is read like a simple shell script of assignments, one per line:
// - blank lines and lines starting with '#' or ';' are ignored; an optional leading "export "
//   is allowed (files shared with shell scripts carry it);
// - NAME=VALUE, with whitespace around NAME and before VALUE ignored;
// - an unquoted VALUE ends at the end of the line, trailing whitespace removed; a backslash
//   takes the next character literally, and a backslash at the end of a line continues it;
// - 'single quotes' keep everything literally, newlines included, up to the next single quote;
// - "double quotes" keep everything up to the next unescaped double quote; inside them a
//   backslash escapes only " \ ` $ and a newline (which then disappears); before anything else
//   the backslash is kept;
// - quoted and unquoted pieces concatenate: A="x"y'z' is "xyz".
// A line that is not an assignment, or names an invalid variable, is an error with its line
// number (systemd would skip it with a warning; we refuse to guess).

import { ValueError } from './errors';
import { splitWords } from './words';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse an Environment= value into [name, value] pairs in order. Throws ValueError. */
export function parseEnvironmentValue(value: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const word of splitWords(value)) {
    const equals = word.value.indexOf('=');
    const name = equals < 0 ? '' : word.value.slice(0, equals);
    if (!NAME.test(name)) {
      throw new ValueError(`invalid environment assignment "${word.value}" in "${value}": expected NAME=VALUE with NAME a shell variable name (quote values that hold spaces)`);
    }
    pairs.push([name, word.value.slice(equals + 1)]);
  }
  return pairs;
}

const SHELL_ESCAPABLE = new Set(['"', '\\', '`', '$']);

/** Parse the text of an EnvironmentFile into [name, value] pairs in order. Throws ValueError naming the line. */
export function parseEnvironmentFile(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let i = 0;
  let line = 1;
  const peek = (): string => source[i] ?? '';
  const skipBlanks = (): void => {
    while (i < source.length && (peek() === ' ' || peek() === '\t' || peek() === '\r')) i++;
  };
  const skipLine = (): void => {
    while (i < source.length && peek() !== '\n') i++;
  };
  while (i < source.length) {
    skipBlanks();
    const c = peek();
    if (c === '\n') { i++; line++; continue; }
    if (c === '#' || c === ';') { skipLine(); continue; }
    const startLine = line;
    let lineEnd = source.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = source.length;
    if (/^export[ \t]/.test(source.slice(i, lineEnd))) {
      i += 'export'.length;
      skipBlanks();
    }
    const equals = source.indexOf('=', i);
    // A line without '=' is skipped, as systemd's parse_env_file() skips it.
    if (equals < 0 || equals > lineEnd) { skipLine(); continue; }
    const name = source.slice(i, equals).trim();
    if (!NAME.test(name)) throw new ValueError(`line ${startLine}: invalid variable name "${name}": expected letters, digits and '_', not starting with a digit`);
    i = equals + 1;
    skipBlanks();
    let value = '';
    let trailingBlanks = 0; // unquoted trailing whitespace, dropped at the end of the value
    for (;;) {
      if (i >= source.length) break;
      const ch = peek();
      if (ch === '\n') break;
      if (ch === "'") {
        const close = source.indexOf("'", i + 1);
        if (close < 0) throw new ValueError(`line ${startLine}: unclosed single quote in the value of ${name}`);
        const quoted = source.slice(i + 1, close);
        line += quoted.split('\n').length - 1;
        value += quoted;
        trailingBlanks = 0;
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        for (;;) {
          if (i >= source.length) throw new ValueError(`line ${startLine}: unclosed double quote in the value of ${name}`);
          const q = peek();
          if (q === '"') { i++; break; }
          if (q === '\\') {
            const next = source[i + 1] ?? '';
            if (next === '\n') { line++; i += 2; continue; }
            if (SHELL_ESCAPABLE.has(next)) { value += next; i += 2; continue; }
            value += '\\';
            i++;
            continue;
          }
          if (q === '\n') line++;
          value += q;
          i++;
        }
        trailingBlanks = 0;
        continue;
      }
      if (ch === '\\') {
        const next = source[i + 1];
        i += 2;
        if (next === undefined) break;
        if (next === '\n') { line++; continue; }
        value += next;
        trailingBlanks = 0;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r') trailingBlanks++;
      else trailingBlanks = 0;
      value += ch;
      i++;
    }
    pairs.push([name, trailingBlanks > 0 ? value.slice(0, value.length - trailingBlanks) : value]);
  }
  return pairs;
}
