// The unit-file syntax: systemd.syntax(7) plus sysMaster's quoted values.
//
// A file is read line by line. Leading and trailing whitespace is stripped; empty lines and lines
// whose first character is '#' or ';' are comments (only whole lines: "Key=a # b" keeps "a # b").
// A line ending in an odd number of backslashes continues on the next line: the final backslash
// becomes a space and the next line (stripped) is appended; comment lines met while continuing are
// skipped, as systemd does. "[Name]" opens a section; "Key=Value" adds an assignment to the
// current section, split at the first '='. The parser keeps every assignment in file order;
// list semantics (repeats append, an empty value resets) and "last one wins" are applied by
// listValues()/lastValue() below, because only the caller knows which kind a key is.
//
// sysMaster's guide writes values wholly enclosed in one pair of double quotes
// (Description="OpenSSH server daemon", ExecStart="/usr/sbin/sshd -D $OPTIONS"); such a value is
// unquoted here, before any value grammar sees it. "One pair" means the inner text holds no
// unescaped double quote, so `Environment="A=1" "B=2"` or `ExecStart="/bin/echo" "a b"` keep
// their systemd meaning. One key is exempt: Environment=, where systemd already gives a single
// quoted word a meaning (`Environment="B=two words"` sets B to "two words"), and unquoting it
// would change that meaning.
//
// A line, or a value joined from continuation lines, longer than systemd's LONG_LINE_MAX (1 MiB)
// is refused with a problem naming its first line ("line too long"), as systemd's config parser
// refuses it; the rest of the file is still read.
//
// Nothing here throws: every bad line becomes a UnitFileProblem with its file and line number.

/** One Key=Value line, after continuation joining and sysMaster unquoting. */
export interface Assignment { section: string; key: string; value: string; file: string; line: number }

/** A line the parser could not accept, or an I/O problem (line 0). */
export interface UnitFileProblem { file: string; line: number; section: string; key: string; message: string }

/** A parsed file: sections in order of first appearance (a repeated header merges). */
export interface ParsedFile {
  file: string;
  /** Each section with the 1-based line of its first "[Name]" header in this file. */
  sections: Array<{ name: string; line: number; entries: Assignment[] }>;
  problems: UnitFileProblem[];
}

/** The longest line, or value joined from continuation lines, in characters (systemd's LONG_LINE_MAX). */
export const MAX_LINE_LENGTH = 1024 * 1024;

/** Keys whose values are never sysMaster-unquoted, because systemd's own quoting applies. */
const KEEP_QUOTES = new Set(['Environment']);

/** Parse the text of one unit file or drop-in. Never throws; bad lines become problems. */
export function parseUnitText(text: string, file: string): ParsedFile {
  const result: ParsedFile = { file, sections: [], problems: [] };
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);
  let current: { name: string; line: number; entries: Assignment[] } | null = null;
  // A value continued over lines is collected as parts and joined once: re-copying the joined
  // text at every continuation made 100,000 of them take minutes.
  let pending: { parts: string[]; line: number; length: number } | null = null;
  /** The first line of a continued value that outgrew MAX_LINE_LENGTH: skipped to its end. */
  let overlong: number | null = null;
  const tooLong = (line: number, length: number): void => {
    result.problems.push({ file, line, section: current?.name ?? '', key: '',
      message: `${file}:${line}: line too long (${length} characters, at most ${MAX_LINE_LENGTH}): the assignment is ignored` });
  };

  for (let index = 0; index < lines.length; index++) {
    const stripped = (lines[index] ?? '').trim();
    const lineNumber = index + 1;
    if (pending === null && stripped === '') continue;
    if (stripped.startsWith('#') || stripped.startsWith(';')) continue;

    const startLine: number = pending?.line ?? overlong ?? lineNumber;
    const continues = endsWithContinuation(stripped) && index < lines.length - 1;
    if (overlong !== null) {
      // The rest of a value already refused as too long.
      if (!continues) overlong = null;
      continue;
    }
    const length = (pending?.length ?? 0) + stripped.length;
    if (length > MAX_LINE_LENGTH) {
      tooLong(startLine, length);
      pending = null;
      if (continues) overlong = startLine;
      continue;
    }
    // A part before ends in ' ', so the trailing backslashes of the whole are those of this line.
    if (continues) {
      pending ??= { parts: [], line: lineNumber, length: 0 };
      pending.parts.push(stripped.slice(0, -1) + ' ');
      pending.length = length;
      continue;
    }
    let logical = pending === null ? stripped : pending.parts.join('') + stripped;
    pending = null;
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1).trimEnd();
    if (logical === '') continue;

    if (logical.startsWith('[')) {
      if (!logical.endsWith(']') || logical.length < 3) {
        result.problems.push({ file, line: startLine, section: current?.name ?? '', key: '',
          message: `${file}:${startLine}: invalid section header "${logical}": expected "[Name]"` });
        continue;
      }
      const name = logical.slice(1, -1).trim();
      const existing = result.sections.find((s) => s.name === name);
      current = existing ?? { name, line: startLine, entries: [] };
      if (existing === undefined) result.sections.push(current);
      continue;
    }

    const equals = logical.indexOf('=');
    if (equals < 0) {
      result.problems.push({ file, line: startLine, section: current?.name ?? '', key: '',
        message: `${file}:${startLine}: "${logical}" is not an assignment: expected Key=Value, [Section], or a comment` });
      continue;
    }
    const key = logical.slice(0, equals).trim();
    if (key === '' || /\s/.test(key)) {
      result.problems.push({ file, line: startLine, section: current?.name ?? '', key,
        message: `${file}:${startLine}: invalid key "${key}" in "${logical}": a key is one word before '='` });
      continue;
    }
    if (current === null) {
      result.problems.push({ file, line: startLine, section: '', key,
        message: `${file}:${startLine}: assignment ${key}= outside of any section: put it under a [Section] header` });
      continue;
    }
    const raw = logical.slice(equals + 1).trim();
    const value = KEEP_QUOTES.has(key) ? raw : unquoteWhole(raw);
    current.entries.push({ section: current.name, key, value, file, line: startLine });
  }
  return result;
}

/** True when the line ends in an odd number of backslashes (an even number is escaped). */
function endsWithContinuation(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/**
 * sysMaster quoting: a value wholly enclosed in one pair of double quotes loses them. The inner
 * text is kept verbatim (escapes included) for the value grammar that reads it next.
 */
export function unquoteWhole(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  const inner = value.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') return value;
  }
  // A final backslash would have escaped the closing quote: then this is not one closed pair.
  if (endsWithContinuation(inner)) return value;
  return inner;
}

/**
 * The effective value of a single-valued key: the last assignment, or undefined when the key is
 * unset or its last assignment is empty (an empty assignment resets to the default).
 */
export function lastValue(entries: Assignment[] | undefined, key: string): Assignment | undefined {
  if (entries === undefined) return undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry !== undefined && entry.key === key) return entry.value === '' ? undefined : entry;
  }
  return undefined;
}

/** The effective values of a list key: repeats append, an empty assignment clears what came before. */
export function listValues(entries: Assignment[] | undefined, key: string): Assignment[] {
  const values: Assignment[] = [];
  for (const entry of entries ?? []) {
    if (entry.key !== key) continue;
    if (entry.value === '') values.length = 0;
    else values.push(entry);
  }
  return values;
}
