// Word splitting with systemd quoting (systemd.syntax(7), "Quoting"), shared by Exec lines,
// Environment= and unit lists.
//
// Words are separated by unquoted whitespace. Double and single quotes may open anywhere in a word
// and group text, including whitespace, until the matching quote; `a"b c"d` is the one word
// "ab cd". A backslash starts a C-style escape everywhere (inside quotes too): \a \b \f \n \r \t
// \v \\ \" \' \s (space), \xNN, \NNN (octal), \uXXXX, \UXXXXXXXX, and "\;" for a literal ';'
// (a literal '$' is "$$", which expandExecArgv handles). An unknown escape, a trailing
// backslash, or an unclosed quote is an error naming the text. Each word also records whether it
// was written as a bare unquoted ';' (the Exec command separator) to tell it from "\;".
// With `relaxUnknownEscapes` (Exec lines), an unknown escape such as "\-" is kept as written,
// backslash and all: systemd's extract_first_word_and_warn() retries a line whose escapes
// cunescape() refuses with EXTRACT_CUNESCAPE_RELAX, so `sed -e "s/a\-b//"` reaches sed intact.

import { ValueError } from './errors';

export interface Word {
  value: string;
  /** True when the word was exactly an unquoted ';' with no escapes. */
  bareSemicolon: boolean;
  /** True when no quote or escape was involved (the word is exactly as written). */
  plain: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', '"': '"', "'": "'", s: ' ', ';': ';',
};

/** Split `text` into words; throws ValueError on bad quoting or escapes. */
export function splitWords(text: string, options: { relaxUnknownEscapes?: boolean } = {}): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    let value = '';
    let plain = true;
    let quote: '"' | "'" | null = null;
    const start = i;
    for (; i < text.length; i++) {
      const c = text[i] ?? '';
      if (quote === null && /\s/.test(c)) break;
      if (c === '\\') {
        const [decoded, length] = decodeEscape(text, i, options.relaxUnknownEscapes === true);
        value += decoded;
        i += length - 1;
        plain = false;
        continue;
      }
      if (quote === null && (c === '"' || c === "'")) {
        quote = c;
        plain = false;
        continue;
      }
      if (quote !== null && c === quote) {
        quote = null;
        continue;
      }
      value += c;
    }
    if (quote !== null) throw new ValueError(`unclosed ${quote === '"' ? 'double' : 'single'} quote in "${text}" (opened at or after column ${start + 1})`);
    words.push({ value, plain, bareSemicolon: plain && value === ';' });
  }
  return words;
}

/** Decode the escape at text[at] (a backslash): returns the text and how many characters it used. */
function decodeEscape(text: string, at: number, relax: boolean): [string, number] {
  const next = text[at + 1];
  if (next === undefined) throw new ValueError(`trailing backslash in "${text}": escape it as "\\\\"`);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return [simple, 2];
  const hexLike = (digits: number, radix: number, pattern: RegExp): [string, number] => {
    const body = text.slice(at + 2, at + 2 + digits);
    if (body.length !== digits || !pattern.test(body)) {
      throw new ValueError(`invalid escape "\\${next}${body}" in "${text}": expected ${digits} ${radix === 16 ? 'hex' : 'octal'} digits`);
    }
    const code = parseInt(body, radix);
    if (code === 0 || code > 0x10ffff) throw new ValueError(`escape "\\${next}${body}" in "${text}" does not name a usable character`);
    return [String.fromCodePoint(code), 2 + digits];
  };
  if (next === 'x') return hexLike(2, 16, /^[0-9a-fA-F]+$/);
  if (next === 'u') return hexLike(4, 16, /^[0-9a-fA-F]+$/);
  if (next === 'U') return hexLike(8, 16, /^[0-9a-fA-F]+$/);
  if (/[0-7]/.test(next)) {
    const body = text.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(body)) throw new ValueError(`invalid escape "\\${body}" in "${text}": expected 3 octal digits`);
    const code = parseInt(body, 8);
    if (code === 0) throw new ValueError(`escape "\\${body}" in "${text}" does not name a usable character`);
    return [String.fromCharCode(code), 4];
  }
  if (relax) return [`\\${next}`, 2];
  throw new ValueError(`unknown escape "\\${next}" in "${text}": known are \\a \\b \\f \\n \\r \\t \\v \\\\ \\" \\' \\s \\; \\xNN \\NNN \\uXXXX \\UXXXXXXXX`);
}
