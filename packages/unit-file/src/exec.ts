// Exec lines (systemd.service(5), "Command lines") and $VAR expansion of their arguments.
//
// A line is split into words with systemd quoting (words.ts). The first word may start with
// prefixes, in any order, each at most once: '-' (a failure exit status is ignored), '@' (the
// second word is argv[0]), ':' (no environment variable expansion), '+' (full privileges), '!' or
// '!!' (ambient capabilities instead of full privileges; '+' and '!' exclude each other). What
// remains of the first word is the program: an absolute path, or a plain name without '/' that is
// looked up in the fixed list /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin when
// the line is parsed (so a missing program is a load error naming the line, not a late exec
// failure). A relative path with '/' is an error. argv[0] is the program as written, unless '@'
// gives it. A lone ';' word separates two command lines on one line (parseExecLines), as if the
// key had been repeated; "\;" is a literal ';'.
//
// expandExecArgv() then applies the environment the way systemd does: a word that is exactly
// "$NAME" becomes the variable's value split at whitespace (zero words when unset or empty);
// "${NAME}" anywhere is replaced by the value as part of that one word; "$$" is a literal '$';
// any other '$' stays as written.

import { accessSync, constants, statSync } from 'node:fs';
import { ValueError } from './errors';
import { splitWords, type Word } from './words';

/**
 * One parsed Exec command line. `path` is absolute (a bare name only with `deferLookup`);
 * `argv[0]` is what the program sees.
 */
export interface ExecCommand {
  path: string;
  argv: string[];
  ignoreFailure: boolean;
  argv0Override: boolean;
  noEnvExpand: boolean;
  fullPrivileges: boolean;
  ambientPrivileges: boolean;
  raw: string;
}

/** The fixed search list for program names without '/'. */
export const EXEC_SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * How Exec lines are parsed: `resolve` replaces the PATH lookup (tests); `deferLookup` keeps a bare
 * program name as written in `path`, for the caller to find at each start (ExecSearchPath=).
 */
export interface ExecParseOptions { resolve?: ExecResolver; deferLookup?: boolean }

/** The seam for looking a bare program name up: returns its absolute path, or null. */
export type ExecResolver = (name: string) => string | null;

/**
 * What the search path said about a name in the last second: a unit with thousands of Exec lines
 * naming the same bare program costs one look-up, not one stat per line and directory (issue 15
 * measured 20,000 such lines at 6 s). A program installed meanwhile is seen a second later.
 */
const LOOKUP_TTL_MS = 1000;
const LOOKUP_MAX = 1024;
const lookups = new Map<string, { found: string | null; at: number }>();

/** The real lookup: the first regular, executable file named `name` in EXEC_SEARCH_PATH. */
const resolveInSearchPath: ExecResolver = (name) => {
  const now = Date.now();
  const known = lookups.get(name);
  if (known !== undefined && now - known.at < LOOKUP_TTL_MS) return known.found;
  const found = lookUp(name);
  if (lookups.size >= LOOKUP_MAX) lookups.clear();
  lookups.set(name, { found, at: now });
  return found;
};

function lookUp(name: string): string | null {
  return findProgram(name, EXEC_SEARCH_PATH);
}

/** The first regular, executable file named `name` in `dirs` (ExecSearchPath=), or null. */
export function findProgram(name: string, dirs: readonly string[]): string | null {
  for (const dir of dirs) {
    const candidate = `${dir}/${name}`;
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here (or not executable): the next directory may have it.
    }
  }
  return null;
}

/**
 * Parse one Exec line that holds a single command (no lone ';'). `options.resolve` replaces the
 * PATH lookup (tests). Throws ValueError.
 */
export function parseExecLine(value: string, options: ExecParseOptions = {}): ExecCommand {
  const commands = parseExecLines(value, options);
  if (commands.length !== 1) throw new ValueError(`"${value}": expected one command, found ${commands.length} separated by ';'`);
  return commands[0]!;
}

/**
 * Parse one Exec line into its commands: a lone ';' word separates two command lines, run in
 * order as if the key had been repeated (systemd.service(5), "Command lines"); "\;" is a literal
 * ';' argument. A lone ';' at the end is allowed; two in a row (an empty command) are refused.
 * Throws ValueError.
 */
export function parseExecLines(value: string, options: ExecParseOptions = {}): ExecCommand[] {
  const groups: Word[][] = [[]];
  for (const word of splitWords(value, { relaxUnknownEscapes: true })) {
    if (!word.bareSemicolon) groups.at(-1)!.push(word);
    else if (groups.at(-1)!.length === 0) throw new ValueError(`"${value}": an empty command before ';': give a program after each ';'`);
    else groups.push([]);
  }
  if (groups.length > 1 && groups.at(-1)!.length === 0) groups.pop();
  return groups.map((words) => parseCommand(words, value, options));
}

function parseCommand(words: Word[], value: string, options: ExecParseOptions): ExecCommand {
  const first = words[0];
  if (first === undefined) throw new ValueError(`empty command line: expected a program path and arguments`);
  const command: ExecCommand = {
    path: '', argv: [], ignoreFailure: false, argv0Override: false, noEnvExpand: false,
    fullPrivileges: false, ambientPrivileges: false, raw: value,
  };
  let program = first.value;
  const seen = new Set<string>();
  prefixes: for (;;) {
    const c = program.charAt(0);
    switch (c) {
      case '-': command.ignoreFailure = true; break;
      case '@': command.argv0Override = true; break;
      case ':': command.noEnvExpand = true; break;
      case '+': command.fullPrivileges = true; break;
      case '!':
        if (program[1] === '!') program = program.slice(1);
        command.ambientPrivileges = true;
        break;
      default: break prefixes;
    }
    if (seen.has(c)) throw new ValueError(`"${value}": prefix '${c}' is given twice`);
    seen.add(c);
    program = program.slice(1);
  }
  if (command.fullPrivileges && command.ambientPrivileges) {
    throw new ValueError(`"${value}": the prefixes '+' and '!' exclude each other`);
  }
  if (program === '') throw new ValueError(`"${value}": no program after the prefixes`);
  if (program.startsWith('/')) {
    command.path = program;
  } else if (program.includes('/')) {
    throw new ValueError(`"${value}": program "${program}" is a relative path: give an absolute path, or a plain name to look up in ${EXEC_SEARCH_PATH.join(':')}`);
  } else if (options.deferLookup === true) {
    command.path = program;
  } else {
    const found = (options.resolve ?? resolveInSearchPath)(program);
    if (found === null) throw new ValueError(`"${value}": program "${program}" not found in ${EXEC_SEARCH_PATH.join(':')}`);
    command.path = found;
  }
  const rest = words.slice(1).map((w) => w.value);
  if (command.argv0Override) {
    if (rest.length === 0) throw new ValueError(`"${value}": the '@' prefix needs a second word to use as argv[0]`);
    command.argv = rest;
  } else {
    command.argv = [program, ...rest];
  }
  return command;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Expand $VAR, ${VAR} and $$ in argv words with `env` (see the essay above). */
export function expandExecArgv(argv: string[], env: Readonly<Record<string, string>>): string[] {
  const result: string[] = [];
  for (const word of argv) {
    if (word.startsWith('$') && NAME.test(word.slice(1))) {
      const value = Object.hasOwn(env, word.slice(1)) ? env[word.slice(1)] ?? '' : '';
      result.push(...value.split(/\s+/).filter((part) => part !== ''));
      continue;
    }
    result.push(expandWord(word, env));
  }
  return result;
}

/** Replace ${NAME} and $$ inside one word; other '$' characters stay. */
function expandWord(word: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = word[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '{') {
      const close = word.indexOf('}', i + 2);
      const name = close < 0 ? '' : word.slice(i + 2, close);
      if (close < 0 || !NAME.test(name)) {
        out += c;
        continue;
      }
      out += Object.hasOwn(env, name) ? env[name] ?? '' : '';
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}
