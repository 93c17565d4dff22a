// parseExecSettings(): the exec and resource-control keys of a [Service] section → ExecSettings.
// The SectionReader applies systemd's assignment rules and turns every thrown ValueError into a
// ConfigError naming file, line and key; checks that involve several keys are reported with
// reader.fail() at the entry that breaks them. '%' specifiers are expanded here, with the values
// the core resolved for the unit, in every key whose value is a path, a name or text.
import type { SectionReader } from '@sysmaster/worker-kit';
import { expandSpecifiers, parseBoolean, parseEnvironmentValue, parseMode, parseSize, ValueError } from '@sysmaster/unit-file';
import { LIMIT_KEYS, parseLimit } from './limits';
import { parseProcessSettings } from './parse-process';
import {
  DIRECTORY_KINDS, defaultExecSettings,
  type DirectoryKind, type ExecSettings, type InputSpec, type MemoryValue, type OptionalPath, type OutputSpec, type Resource,
} from './settings';

const DIRECTORY_KEYS: Readonly<Record<DirectoryKind, string>> = {
  runtime: 'RuntimeDirectory', state: 'StateDirectory', cache: 'CacheDirectory', logs: 'LogsDirectory',
  configuration: 'ConfigurationDirectory',
};
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ACCOUNT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;

function absolute(path: string, what: string): string {
  if (!path.startsWith('/')) throw new ValueError(`expected an absolute ${what}`);
  if (path.split('/').includes('..')) throw new ValueError(`${what} "${path}" must not contain ".."`);
  return path;
}

function integerIn(value: string, low: number, high: number): number {
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new ValueError(`expected an integer ${low}..${high}`);
  const n = Number(text);
  if (n < low || n > high) throw new ValueError(`${n} is out of range ${low}..${high}`);
  return n;
}

function percent(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  return match === null ? null : Number(match[1]);
}

function memoryValue(value: string): MemoryValue {
  const text = value.trim();
  if (text === 'infinity') return { max: true };
  const p = percent(text);
  if (p !== null) {
    if (p > 100) throw new ValueError(`${text} is above 100%`);
    return { percent: p };
  }
  return { bytes: parseSize(text) };
}

function input(value: string): InputSpec {
  if (value === 'null' || value === 'socket' || value === 'data') return { kind: value };
  if (value === 'tty' || value === 'tty-force' || value === 'tty-fail') return { kind: 'tty', variant: value };
  if (value.startsWith('file:')) return { kind: 'file', path: absolute(value.slice(5), 'file path after "file:"') };
  if (value.startsWith('fd:') && value.length > 3) return { kind: 'fd', name: value.slice(3) };
  if (value === 'fd') return { kind: 'fd', name: 'stdin' };
  throw new ValueError('expected null, tty, tty-force, tty-fail, data, file:PATH, socket or fd:NAME');
}

function output(value: string, stream: 'stdout' | 'stderr'): OutputSpec {
  if (value === 'inherit' || value === 'null' || value === 'tty' || value === 'socket') return { kind: value };
  if (['journal', 'kmsg', 'journal+console', 'kmsg+console', 'syslog', 'syslog+console'].includes(value)) return { kind: 'log', as: value };
  for (const mode of ['file', 'append', 'truncate'] as const) {
    const prefix = `${mode}:`;
    if (value.startsWith(prefix)) return { kind: 'file', path: absolute(value.slice(prefix.length), `file path after "${prefix}"`), mode };
  }
  if (value.startsWith('fd:') && value.length > 3) return { kind: 'fd', name: value.slice(3) };
  if (value === 'fd') return { kind: 'fd', name: stream };
  throw new ValueError('expected inherit, null, tty, journal, kmsg, journal+console, kmsg+console, file:PATH, append:PATH, truncate:PATH, socket or fd:NAME');
}

/**
 * RuntimeDirectory= and friends: relative paths, normalised as systemd's path_simplify() does
 * ("./a//b/." is "a/b"); ".." and absolute paths are refused, as systemd refuses them.
 */
function directoryList(value: string): string[] {
  return value.split(/\s+/).filter(Boolean).map((dir) => {
    if (dir.includes(':')) throw new ValueError(`"${dir}": the SOURCE:DESTINATION form is not supported; give plain relative paths`);
    if (dir.startsWith('/')) throw new ValueError(`"${dir}" must be a relative path (it is created below the directory's root)`);
    const parts = dir.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) throw new ValueError(`"${dir}" must not contain ".."`);
    if (parts.length === 0) throw new ValueError(`"${dir}" names no directory below the root`);
    return parts.join('/');
  });
}

/** Parses every key of EXEC_KEYS in `reader`'s section; bad values become ConfigErrors in reader.errors. */
export function parseExecSettings(reader: SectionReader, specifiers: Record<string, string>): ExecSettings {
  const r = reader;
  const spec = (value: string): string => expandSpecifiers(value, specifiers);
  const optionalPath = (what: string, allowHome: boolean) => (value: string): OptionalPath => {
    const optional = value.startsWith('-');
    const path = spec(optional ? value.slice(1) : value);
    if (allowHome && path === '~') return { path, optional };
    return { path: absolute(path, allowHome ? `${what} or "~"` : what), optional };
  };
  const s = defaultExecSettings();

  s.environment = r.many('Environment', (value) => parseEnvironmentValue(spec(value))).flat();
  s.environmentFiles = r.many('EnvironmentFile', optionalPath('path, optionally prefixed with "-"', false));
  s.passEnvironment = r.many('PassEnvironment', (value) => value.split(/\s+/).filter(Boolean).map((name) => {
    if (!NAME.test(name)) throw new ValueError(`"${name}" is not a variable name`);
    return name;
  })).flat();
  s.unsetEnvironment = r.many('UnsetEnvironment', (value) => spec(value).split(/\s+/).filter(Boolean).map((word) => {
    const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    if (!NAME.test(name)) throw new ValueError(`"${word}" is neither a variable name nor NAME=VALUE`);
    return word;
  })).flat();

  const account = (what: string) => (value: string): string => {
    const name = spec(value);
    if (!ACCOUNT.test(name)) throw new ValueError(`"${name}" is not a valid ${what} name or number`);
    return name;
  };
  s.user = r.one('User', account('user'), null as string | null);
  s.group = r.one('Group', account('group'), null as string | null);
  s.supplementaryGroups = r.many('SupplementaryGroups', (value) => spec(value).split(/\s+/).filter(Boolean).map(account('group'))).flat();
  r.one('DynamicUser', (value) => {
    if (parseBoolean(value)) throw new ValueError('DynamicUser=yes is not supported by sysmaster-ts: create a system user and set User= (and StateDirectory= for its data)');
    return false;
  }, false);
  s.umask = r.one('UMask', (value) => {
    const mode = parseMode(value);
    if (mode > 0o777) throw new ValueError('a umask is at most 0777');
    return mode;
  }, s.umask);
  s.workingDirectory = r.one('WorkingDirectory', optionalPath('path', true), null as OptionalPath | null);
  s.rootDirectory = r.one('RootDirectory', (value) => absolute(spec(value), 'path'), null as string | null);
  s.nice = r.one('Nice', (value) => integerIn(value, -20, 19), null as number | null);
  s.oomScoreAdjust = r.one('OOMScoreAdjust', (value) => integerIn(value, -1000, 1000), null as number | null);
  parseProcessSettings(r, spec, s);
  for (const key of Object.keys(LIMIT_KEYS)) {
    const limit = r.one(key, (value) => parseLimit(key, value), null);
    if (limit !== null) s.limits.push(limit);
  }

  for (const kind of DIRECTORY_KINDS) {
    const key = DIRECTORY_KEYS[kind];
    s.directories[kind] = r.many(key, (value) => directoryList(spec(value))).flat();
    s.directoryModes[kind] = r.one(`${key}Mode`, parseMode, s.directoryModes[kind]);
  }
  s.runtimeDirectoryPreserve = r.one('RuntimeDirectoryPreserve', (value) => {
    if (value === 'restart') return value;
    try {
      return parseBoolean(value) ? 'yes' : 'no';
    } catch {
      throw new ValueError('expected yes, no or restart');
    }
  }, s.runtimeDirectoryPreserve);

  s.stdin = r.one('StandardInput', (value) => input(spec(value)), s.stdin);
  // systemd's service_fix_stdio(): a bidirectional stdin (a terminal, a connection socket, a
  // named fd) is also stdout, and so stderr, unless StandardOutput= says otherwise.
  if (r.last('StandardOutput') === undefined && (s.stdin.kind === 'tty' || s.stdin.kind === 'socket' || s.stdin.kind === 'fd')) {
    s.stdout = { kind: 'inherit' };
  }
  s.stdout = r.one('StandardOutput', (value) => output(spec(value), 'stdout'), s.stdout);
  s.stderr = r.one('StandardError', (value) => output(spec(value), 'stderr'), s.stderr);
  s.ttyPath = r.one('TTYPath', (value) => absolute(spec(value), 'terminal path'), s.ttyPath);
  s.syslogIdentifier = r.one('SyslogIdentifier', (value) => spec(value), null as string | null);
  // StandardInputText= and StandardInputData= append to one buffer in the order they appear.
  const data: Buffer[] = [];
  // Within one file, by line; files in the order they first appear (fragment, then drop-ins).
  const dataEntries = [...r.entries('StandardInputText'), ...r.entries('StandardInputData')];
  const fileOrder = [...new Set(dataEntries.map((e) => e.file))];
  dataEntries.sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line);
  for (const entry of dataEntries) {
    try {
      if (entry.key === 'StandardInputText') data.push(Buffer.from(`${spec(entry.value)}\n`));
      else {
        const text = entry.value.replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ValueError('expected base64 data');
        data.push(Buffer.from(text, 'base64'));
      }
    } catch (error) {
      r.fail(entry, `invalid value '${entry.value}': ${(error as Error).message}`);
    }
  }
  if (data.length > 0) s.stdinData = Buffer.concat(data);
  const stdinEntry = r.last('StandardInput');
  if (s.stdinData !== null && stdinEntry === undefined) s.stdin = { kind: 'data' };
  if (s.stdin.kind === 'data' && s.stdinData === null && stdinEntry !== undefined) {
    r.fail(stdinEntry, 'StandardInput=data needs StandardInputText= or StandardInputData=');
  }

  const resource = <T>(key: string, parse: (value: string) => T): Resource<T> | null =>
    r.one(key, (value) => ({ written: `${key}=${value}`, value: parse(value) }), null as Resource<T> | null);
  s.resources = {
    memoryMax: resource('MemoryMax', memoryValue),
    memoryHigh: resource('MemoryHigh', memoryValue),
    memoryLow: resource('MemoryLow', memoryValue),
    memorySwapMax: resource('MemorySwapMax', memoryValue),
    cpuQuota: resource('CPUQuota', (value) => {
      const p = percent(value);
      if (p === null || p <= 0) throw new ValueError('expected a percentage above 0%, such as 20% or 200%');
      return p;
    }),
    cpuWeight: resource('CPUWeight', (value): number | 'idle' => (value.trim() === 'idle' ? 'idle' : integerIn(value, 1, 10000))),
    tasksMax: resource('TasksMax', (value) => {
      const text = value.trim();
      if (text === 'infinity') return { max: true as const };
      const p = percent(text);
      if (p !== null) {
        if (p <= 0 || p > 100) throw new ValueError(`${text} is not a percentage in (0%, 100%]`);
        return { percent: p };
      }
      if (!/^\d+$/.test(text) || Number(text) < 1) throw new ValueError('expected a positive count, a percentage or "infinity"');
      return { count: Number(text) };
    }),
    ioWeight: resource('IOWeight', (value) => integerIn(value, 1, 10000)),
  };
  return s;
}

function inputName(spec: InputSpec): string {
  switch (spec.kind) {
    case 'tty': return spec.variant;
    case 'file': return `file:${spec.path}`;
    case 'fd': return `fd:${spec.name}`;
    default: return spec.kind;
  }
}

function outputName(spec: OutputSpec): string {
  switch (spec.kind) {
    case 'log': return spec.as;
    case 'file': return `${spec.mode}:${spec.path}`;
    case 'fd': return `fd:${spec.name}`;
    default: return spec.kind;
  }
}

function limitValue(n: number): string {
  return Number.isFinite(n) ? String(n) : 'infinity';
}

/** systemd property names and printable values of the exec settings, for `sctl show`. */
export function execProperties(s: ExecSettings): Record<string, string> {
  const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
  const props: Record<string, string> = {
    Environment: s.environment.map(([k, v]) => `${k}=${v}`).join(' '),
    EnvironmentFiles: s.environmentFiles.map((f) => `${f.path} (ignore_errors=${f.optional ? 'yes' : 'no'})`).join(' '),
    PassEnvironment: s.passEnvironment.join(' '),
    UnsetEnvironment: s.unsetEnvironment.join(' '),
    User: s.user ?? '',
    Group: s.group ?? '',
    SupplementaryGroups: s.supplementaryGroups.join(' '),
    UMask: octal(s.umask),
    WorkingDirectory: s.workingDirectory ? `${s.workingDirectory.optional ? '-' : ''}${s.workingDirectory.path}` : '',
    RootDirectory: s.rootDirectory ?? '',
    Nice: String(s.nice ?? 0),
    OOMScoreAdjust: String(s.oomScoreAdjust ?? 0),
    RuntimeDirectoryPreserve: s.runtimeDirectoryPreserve,
    StandardInput: inputName(s.stdin),
    StandardOutput: outputName(s.stdout),
    StandardError: outputName(s.stderr),
    TTYPath: s.ttyPath,
    SyslogIdentifier: s.syslogIdentifier ?? '',
  };
  for (const [key, [resource]] of Object.entries(LIMIT_KEYS)) {
    const limit = s.limits.find((l) => l.resource === resource);
    if (limit) {
      props[key] = limitValue(limit.hard);
      props[`${key}Soft`] = limitValue(limit.soft);
    }
  }
  for (const kind of DIRECTORY_KINDS) {
    const key = DIRECTORY_KEYS[kind];
    props[key] = s.directories[kind].join(' ');
    props[`${key}Mode`] = octal(s.directoryModes[kind]);
  }
  for (const res of Object.values(s.resources) as (Resource<unknown> | null)[]) {
    if (res === null) continue;
    const eq = res.written.indexOf('=');
    props[res.written.slice(0, eq)] = res.written.slice(eq + 1);
  }
  return props;
}
