// Pattern and version matching for the checks: fnmatch(3) globs, glob(3)'s brace expansion,
// systemd's version ordering, and the comparison operators of ConditionKernelVersion=.
//
// Globs. fnmatch(3) knows '*', '?', '[...]' with '[!...]' negation and backslash escapes; picomatch
// implements those (it spells negation '[^...]', so '[!' is translated) plus extglobs and a
// leading '!' that fnmatch does not have, so both are switched off. Without FNM_PATHNAME '*'
// also crosses '/' (`bash: true`; picomatch's '?' still never matches '/', a difference that
// cannot show in a host name or a kernel release), and without FNM_PERIOD a leading '.' needs no
// explicit match: `dot: true`.
// Path globs (ConditionPathExistsGlob=, glob(3) with GLOB_BRACE) are matched one path segment
// at a time, with `dot: false` (glob(3) hides dot files from wildcards); braces are expanded
// first, because an alternative may contain '/'.
//
// Versions. systemd compares versions with strverscmp_improved() (after rpm's rpmvercmp): both
// strings are cut into segments; characters other than letters, digits and "~-^." are ignored;
// '~' sorts before anything (1.0~rc1 < 1.0), then the end of the string, '-' sorts before more
// version (1.0-2 < 1.0.1), '^' likewise, '.' sorts after a letter (1.0a < 1.0.1); a digit run
// beats a letter run, digit runs compare as numbers (leading zeros ignored), letter runs compare
// as strings with the longer winning on a common prefix. This file restates those rules; the
// table in the tests pins them.

import picomatch from 'picomatch';
import { SysmasterError } from '@sysmaster/proto';

/** The longest pattern compiled (picomatch's own limit is 65,536 characters). */
export const MAX_GLOB_LENGTH = 4_096;

const FNMATCH_OPTIONS = { dot: true, bash: true, noextglob: true, nonegate: true, nobrace: true, maxLength: MAX_GLOB_LENGTH } as const;

/** fnmatch(3) with no flags, or FNM_CASEFOLD when `caseFold`. */
export function fnmatch(pattern: string, text: string, caseFold = false): boolean {
  return picomatch.isMatch(text, toPicomatch(pattern), { ...FNMATCH_OPTIONS, nocase: caseFold });
}

/** How many compiled patterns globToRegExp keeps; past it the oldest is dropped, since requests bring patterns too. */
export const MAX_COMPILED_GLOBS = 512;

/** The compiled patterns by their text, oldest first. */
const compiledGlobs = new Map<string, RegExp>();

/**
 * fnmatch(3) with no flags as an anchored regular expression, for systemctl's unit patterns and
 * preset files (the one glob engine of the core). A pattern longer than MAX_GLOB_LENGTH is refused
 * with ERR_INVALID_ARGUMENT, so no request can compile a huge expression.
 *
 * Each pattern is compiled once and the expression shared (preset-all matches every rule against
 * every unit file); it has no g or y flag, so test() keeps no state between callers.
 */
export function globToRegExp(pattern: string): RegExp {
  const known = compiledGlobs.get(pattern);
  if (known !== undefined) return known;
  if (pattern.length > MAX_GLOB_LENGTH) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `A pattern of ${pattern.length} characters is too long (at most ${MAX_GLOB_LENGTH}).`);
  }
  let compiled: RegExp;
  try {
    compiled = picomatch.makeRe(toPicomatch(pattern), FNMATCH_OPTIONS);
  } catch (error) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid pattern "${pattern.slice(0, 80)}": ${(error as Error).message}`, { cause: error });
  }
  if (compiledGlobs.size >= MAX_COMPILED_GLOBS) compiledGlobs.delete(compiledGlobs.keys().next().value as string);
  compiledGlobs.set(pattern, compiled);
  return compiled;
}

/** Does one path segment match one segment of a glob(3) pattern (no braces left)? */
export function segmentMatches(pattern: string, name: string): boolean {
  return picomatch.isMatch(name, toPicomatch(pattern), {
    dot: false, noextglob: true, nonegate: true, nobrace: true,
  });
}

/** True when the text holds a glob(3) wildcard ('*', '?', '['), unescaped. */
export function hasWildcard(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Remove backslash escapes from a literal path segment. */
export function unescapeGlob(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** fnmatch's '[!...]' is picomatch's '[^...]'. */
function toPicomatch(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && pattern[i + 1] === '!') {
      out += '[^';
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * glob(3)'s GLOB_BRACE: "a{b,c}d" → ["abd", "acd"], nested braces too. A brace group without a
 * top-level comma, or unbalanced, stays literal (as in glob(3)).
 */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  const commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') {
      if (depth === 0) { open = i; commas.length = 0; }
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        if (commas.length === 0) { open = -1; continue; }
        const head = pattern.slice(0, open);
        const tail = pattern.slice(i + 1);
        const bounds = [open, ...commas, i];
        const out: string[] = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const alternative = pattern.slice((bounds[k] ?? 0) + 1, bounds[k + 1]);
          for (const expanded of expandBraces(head + alternative + tail)) out.push(expanded);
        }
        return out;
      }
    } else if (c === ',' && depth === 1) {
      commas.push(i);
    }
  }
  return [pattern];
}

const VERSION_PUNCTUATION = '~-^.';

function isVersionChar(c: string): boolean {
  return /[A-Za-z0-9]/.test(c) || VERSION_PUNCTUATION.includes(c);
}
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => /[A-Za-z]/.test(c);
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const compareBool = (x: boolean, y: boolean): number => Number(x) - Number(y);

/** systemd's version order (see the essay above): negative, zero or positive. */
export function compareVersions(left: string, right: string): number {
  if (left === '' || right === '') return sign(left.length - right.length);
  let a = 0;
  let b = 0;
  const at = (s: string, i: number): string => s[i] ?? '';
  for (;;) {
    while (a < left.length && !isVersionChar(at(left, a))) a++;
    while (b < right.length && !isVersionChar(at(right, b))) b++;
    // '~' (a pre-release) is older than anything, even the end of the string.
    if (at(left, a) === '~' || at(right, b) === '~') {
      const r = compareBool(at(left, a) !== '~', at(right, b) !== '~');
      if (r !== 0) return r;
      a++; b++;
    }
    if (a >= left.length || b >= right.length) {
      return sign(compareBool(a < left.length, b < right.length));
    }
    // '-' (version-release) and then '^' (a patch) are older than a further version segment.
    for (const mark of ['-', '^']) {
      if (at(left, a) === mark || at(right, b) === mark) {
        const r = compareBool(at(left, a) !== mark, at(right, b) !== mark);
        if (r !== 0) return r;
        a++; b++;
      }
    }
    // '.' is newer than a segment glued on without it (1.0.1 > 1.0a).
    if (at(left, a) === '.' || at(right, b) === '.') {
      const r = compareBool(at(left, a) === '.', at(right, b) === '.');
      if (r !== 0) return r;
      a++; b++;
    }
    let endA = a;
    let endB = b;
    if (isDigit(at(left, a)) || isDigit(at(right, b))) {
      const r = compareBool(isDigit(at(left, a)), isDigit(at(right, b)));
      if (r !== 0) return r;
      while (at(left, a) === '0') a++;
      while (at(right, b) === '0') b++;
      endA = a; endB = b;
      while (isDigit(at(left, endA))) endA++;
      while (isDigit(at(right, endB))) endB++;
      const empty = compareBool(endA > a, endB > b);
      if (empty !== 0) return empty;
      const length = sign((endA - a) - (endB - b));
      if (length !== 0) return length;
      const digits = compareStrings(left.slice(a, endA), right.slice(b, endB));
      if (digits !== 0) return digits;
    } else {
      while (isAlpha(at(left, endA))) endA++;
      while (isAlpha(at(right, endB))) endB++;
      const common = Math.min(endA - a, endB - b);
      const letters = compareStrings(left.slice(a, a + common), right.slice(b, b + common));
      if (letters !== 0) return letters;
      const length = sign((endA - a) - (endB - b));
      if (length !== 0) return length;
    }
    a = endA;
    b = endB;
  }
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The operators of ConditionKernelVersion=; '=$' and '!=$' compare by fnmatch. */
export type Order = '<=' | '>=' | '<' | '>' | '=' | '!=' | '=$' | '!=$';
// Longest first, so "<=" is not read as "<" followed by "=".
const ORDERS: readonly Order[] = ['=$', '!=$', '<=', '>=', '!=', '<', '>', '='];

/** Split a leading operator off `text`; null when there is none. */
export function parseOrder(text: string): { order: Order; rest: string } | null {
  for (const order of ORDERS) {
    if (text.startsWith(order)) return { order, rest: text.slice(order.length).trimStart() };
  }
  return null;
}

/** Apply an order to a version: does `actual <order> wanted` hold? */
export function testOrder(actual: string, order: Order, wanted: string): boolean {
  switch (order) {
    case '=$': return fnmatch(wanted, actual);
    case '!=$': return !fnmatch(wanted, actual);
    case '<': return compareVersions(actual, wanted) < 0;
    case '<=': return compareVersions(actual, wanted) <= 0;
    case '=': return compareVersions(actual, wanted) === 0;
    case '!=': return compareVersions(actual, wanted) !== 0;
    case '>=': return compareVersions(actual, wanted) >= 0;
    case '>': return compareVersions(actual, wanted) > 0;
  }
}

/**
 * Split a kernel command line or a condition list into words, as systemd's extract_first_word
 * with EXTRACT_UNQUOTE|EXTRACT_RELAX: whitespace separates, '…' and "…" group (and are removed),
 * a backslash escapes the next character, and an unclosed quote runs to the end (relaxed).
 */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    let word = '';
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i] ?? '';
      if (quote === '' && /\s/.test(c)) break;
      if (c === '\\' && i + 1 < text.length) { word += text[i + 1]; i++; continue; }
      if (quote === '' && (c === '"' || c === "'")) { quote = c; continue; }
      if (c === quote) { quote = ''; continue; }
      word += c;
    }
    words.push(word);
  }
  return words;
}
