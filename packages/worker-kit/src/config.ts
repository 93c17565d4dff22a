// From the verbatim sections the core hands over in Load to a typed configuration.
//
// The core parses the unit-file syntax; a worker receives its own sections as ordered entries,
// each with the file and line it came from. SectionReader applies systemd's assignment rules
// (for a single-valued key the last assignment wins and an empty value restores the default; for a
// list, every assignment appends and an empty value clears what came before) and runs the type's
// value parsers (e.g. @sysmaster/unit-file's parseBoolean / parseTimespan). A value a parser
// rejects becomes a ConfigError naming file, line, section and key, and reading carries on, so
// one Load reports every bad value at once. A key the type does not know is ignored, as systemd
// does, but not silently: it becomes a located warning (`warnings`, for LoadResponse.warnings, so
// the core shows it in `sctl status`) once per key, at its last assignment (the one that would be
// in effect), and is logged at every assignment, as systemd logs it. A type may word that warning itself: the service worker says a
// systemd key it does not implement "is not applied".
import type { ConfigError as ConfigErrorMessage, Entry__Output, LoadRequest__Output } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/errors';
import type { Logger } from './logger';

/** A bad setting, located exactly (ERR_BAD_SETTING); becomes LoadResponse.errors. */
export class ConfigError extends SysmasterError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly section: string,
    readonly key: string,
    message: string,
  ) {
    super('ERR_BAD_SETTING', message);
    this.name = 'ConfigError';
  }

  /** `file:line: [Section] Key=: message`, for logs. */
  describe(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}[${this.section}] ${this.key}=: ${this.message}`;
  }

  /** The wire form (common.proto ConfigError). */
  toMessage(): ConfigErrorMessage {
    return { file: this.file, line: this.line, section: this.section, key: this.key, message: this.message };
  }
}

/** Parses one value; throws (any Error) to reject it. The entry is given for context. */
export type ValueParser<T> = (value: string, entry: Entry__Output) => T;

/** The warning text for a key the type does not know, given its last assignment. */
export type UnknownKeyMessage = (entry: Entry__Output, section: string) => string;

const unknownKey: UnknownKeyMessage = (entry, section) => `unknown key '${entry.key}' in section [${section}], ignored`;

/** Reads one section of a LoadRequest with systemd's assignment rules, collecting ConfigErrors. */
export class SectionReader {
  /** Every bad value found so far, in file order: LoadResponse.errors. */
  readonly errors: ConfigError[] = [];
  /**
   * Every key the type does not know, once, at its last assignment, in the order of those
   * assignments: LoadResponse.warnings (the unit still loads).
   */
  readonly warnings: ConfigError[] = [];
  private readonly byKey = new Map<string, Entry__Output[]>();
  /** Where the section starts (its header, else the fragment), for errors about a missing key. */
  private readonly header: { file: string; line: number };

  /**
   * `knownKeys` lists every key the type understands; any other key in the section is ignored,
   * recorded in `warnings` (worded by `describeUnknown`) and logged at each assignment through
   * `log` (when given).
   */
  constructor(request: LoadRequest__Output, readonly section: string, knownKeys: readonly string[], log?: Logger,
    describeUnknown: UnknownKeyMessage = unknownKey) {
    const known = new Set(knownKeys);
    const own = request.sections.find((s) => s.name === section);
    this.header = { file: own?.file || request.fragment_path, line: own?.file ? own.line : 0 };
    const unknown = new Map<string, Entry__Output>();
    for (const s of request.sections) {
      if (s.name !== section) continue;
      for (const entry of s.entries) {
        if (!known.has(entry.key)) {
          // The log names every assignment, as systemd's does; the warning only the last one.
          log?.warn(`${entry.file}:${entry.line}: unknown key '${entry.key}' in section [${section}] of ${request.name}, ignoring`,
            { unit: request.name, key: entry.key });
          unknown.delete(entry.key); // keeps the keys in the order of their last assignments
          unknown.set(entry.key, entry);
          continue;
        }
        const list = this.byKey.get(entry.key) ?? [];
        list.push(entry);
        this.byKey.set(entry.key, list);
      }
    }
    for (const entry of unknown.values()) {
      this.warnings.push(new ConfigError(entry.file, entry.line, section, entry.key, describeUnknown(entry, section)));
    }
  }

  /** The assignments of a list key that are in effect: everything after the last empty value. */
  entries(key: string): Entry__Output[] {
    const all = this.byKey.get(key) ?? [];
    let start = 0;
    all.forEach((entry, index) => { if (entry.value === '') start = index + 1; });
    return all.slice(start);
  }

  /** The last assignment of a single-valued key; undefined when absent or reset by an empty value. */
  last(key: string): Entry__Output | undefined {
    const all = this.byKey.get(key);
    const entry = all?.[all.length - 1];
    return entry && entry.value !== '' ? entry : undefined;
  }

  /** Parses the last value of `key`; `fallback` when absent or when the value is bad (error recorded). */
  one<T>(key: string, parse: ValueParser<T>, fallback: T): T {
    const entry = this.last(key);
    if (!entry) return fallback;
    const parsed = this.tryParse(entry, parse);
    return parsed.ok ? parsed.value : fallback;
  }

  /**
   * Parses the last value of a key the unit must set; when it is absent, records a ConfigError at
   * the section's header ("[Flag] needs Path="), or the fragment when the section is missing.
   * Undefined when absent or bad.
   */
  required<T>(key: string, parse: ValueParser<T>): T | undefined {
    if (!this.last(key)) {
      this.errors.push(new ConfigError(this.header.file, this.header.line, this.section, key, `[${this.section}] needs ${key}=`));
      return undefined;
    }
    return this.one<T | undefined>(key, parse, undefined);
  }

  /** Parses every value of list key `key` in effect; bad values are recorded and skipped. */
  many<T>(key: string, parse: ValueParser<T>): T[] {
    const out: T[] = [];
    for (const entry of this.entries(key)) {
      const parsed = this.tryParse(entry, parse);
      if (parsed.ok) out.push(parsed.value);
    }
    return out;
  }

  /** Records a ConfigError at `entry` (for checks that involve several keys). */
  fail(entry: Entry__Output, message: string): void {
    this.errors.push(new ConfigError(entry.file, entry.line, this.section, entry.key, message));
  }

  private tryParse<T>(entry: Entry__Output, parse: ValueParser<T>): { ok: true; value: T } | { ok: false } {
    try {
      return { ok: true, value: parse(entry.value, entry) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.fail(entry, `invalid value '${entry.value}': ${reason}`);
      return { ok: false };
    }
  }
}

/** systemd's DefaultTimeoutStartSec= and DefaultTimeoutStopSec= when system.conf says nothing: 90 s. */
const DEFAULT_TIMEOUT_USEC = 90_000_000;

/**
 * A time default of the manager (system.conf's DefaultTimeoutStartSec=/DefaultTimeoutStopSec=),
 * which the core sends in LoadRequest.unit_settings as microseconds; 90 s when it is absent.
 */
export function managerTimeoutUsec(request: LoadRequest__Output, key: 'DefaultTimeoutStartUSec' | 'DefaultTimeoutStopUSec'): number {
  const value = Number(request.unit_settings[key]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_USEC;
}
