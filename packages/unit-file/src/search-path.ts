// The unit search path and loading a unit's sources (systemd.unit(5), "Unit File Load Path").
//
// The path is a list of directories, highest priority first. Loading a name proceeds so:
// 1. Find the fragment: the first directory holding an entry of that name wins. If none does
//    and the name is an instance ("foo@bar.service"), the template ("foo@.service") is looked up
//    the same way, so an instance file anywhere beats the template anywhere.
// 2. Classify the winning entry. A symlink whose target resolves to /dev/null, or an empty file,
//    masks the unit. A symlink whose target has another valid unit name of the same type is an
//    alias: the unit's real name (its id) is the target's name, looked up again from step 1 (so
//    the id's own precedence applies; a template alias instantiates with the same instance). A
//    directory, a dangling symlink, a FIFO or a device in the unit's place, or a file that cannot
//    be read (even root gets EINVAL from some /sys files, EIO from a bad disk) is an I/O problem
//    (line 0, errno named), never a throw and never a wait: a FIFO is opened without blocking, or
//    one named like a unit would hang every load. (systemd skips entries that are neither files
//    nor symlinks, so there they are not-found; naming the problem tells the admin more.)
// 3. Drop-ins: "<n>.d/*.conf" for n in the id, the asked name, their templates and the type-wide
//    "<type>.d", in every directory. For one file name the highest directory wins (then the more
//    specific n); a drop-in linked to /dev/null or empty removes that name. The survivors apply
//    in lexical order of file name, after the fragment.
// 4. Dependencies from "<n>.wants/" and "<n>.requires/" for the same names in every directory:
//    each entry's name is a unit (a template entry in an instance's list takes the instance).
// 5. Aliases: every other name in the search path whose symlink resolves to this unit.
// Parsing errors of every file read are gathered in `problems`; nothing here throws for I/O.

import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listDirectory } from './dir-listing';
import { instantiate, isUnitName, parseUnitName, templateOf } from './names';
import { parseUnitText, type Assignment, type UnitFileProblem } from './syntax';

/** Everything known about one unit's files, merged in order of effect. */
export interface UnitSource {
  name: string;
  id: string;
  fragmentPath: string | null;
  masked: boolean;
  dropinPaths: string[];
  sections: Map<string, Assignment[]>;
  /** Where each section's header first appears (the fragment, else the first drop-in with it). */
  sectionHeaders: Map<string, { file: string; line: number }>;
  wants: string[];
  requires: string[];
  aliases: string[];
  problems: UnitFileProblem[];
}

const DEFAULT_PATH = ['/etc/sysmaster/system', '/run/sysmaster/system', '/usr/lib/sysmaster/system'];

/** The unit search path: SYSMASTER_UNIT_PATH (':'-separated; a trailing ':' appends the default), else the default. */
export function defaultUnitPath(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.SYSMASTER_UNIT_PATH;
  if (configured === undefined || configured === '') return [...DEFAULT_PATH];
  const dirs = configured.split(':').filter((dir) => dir !== '');
  if (configured.endsWith(':')) dirs.push(...DEFAULT_PATH);
  return [...new Set(dirs)];
}

/** What one directory entry in a unit's place turned out to be. */
type Entry =
  | { kind: 'file'; path: string }
  | { kind: 'masked'; path: string }
  | { kind: 'alias'; path: string; target: string }
  | { kind: 'broken'; path: string; message: string };

function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code !== undefined) return `${e.code} (${e.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** The search directories with symlinks resolved, to tell an alias (target inside) from a linked file. */
function realDirs(searchPath: string[]): Set<string> {
  const dirs = new Set<string>();
  for (const dir of searchPath) {
    try {
      dirs.add(realpathSync(dir));
    } catch {
      // A missing directory holds no alias targets.
    }
  }
  return dirs;
}

/** Device number of /dev/null, for a unit file that is a device node rather than a link. */
function devNullRdev(): number {
  try {
    return statSync('/dev/null').rdev;
  } catch {
    return -1;
  }
}

/**
 * Classify the entry `name` in `dir`, or null when there is none. A symlink is an alias only when
 * its target lies in a search directory (`dirs`) under another unit name; a link to a file
 * elsewhere is a linked unit file and serves under the link's own name.
 */
function lookupEntry(dir: string, name: string, dirs: ReadonlySet<string>): Entry | null {
  const path = join(dir, name);
  let link;
  try {
    link = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { kind: 'broken', path, message: `${path}: cannot read: ${errnoText(error)}` };
  }
  let real = path;
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(path);
      if (real === '/dev/null') return { kind: 'masked', path };
      stat = statSync(path);
    } catch (error) {
      return { kind: 'broken', path, message: `${path}: cannot read (dangling symlink?): ${errnoText(error)}` };
    }
  }
  if (stat.isDirectory()) return { kind: 'broken', path, message: `${path}: cannot read: EISDIR (a directory is in the unit file's place)` };
  if (stat.isCharacterDevice() && stat.rdev === devNullRdev()) return { kind: 'masked', path };
  if (!stat.isFile()) return { kind: 'broken', path, message: `${path}: cannot read: ${NOT_REGULAR} (${fileKind(stat)})` };
  if (stat.isFile() && stat.size === 0) return { kind: 'masked', path };
  const target = basename(real);
  if (link.isSymbolicLink() && target !== name && isUnitName(target) && dirs.has(dirname(real))) return { kind: 'alias', path, target };
  return { kind: 'file', path };
}

function findFirst(name: string, searchPath: string[], dirs: ReadonlySet<string>): Entry | null {
  for (const dir of searchPath) {
    const entry = lookupEntry(dir, name, dirs);
    if (entry !== null) return entry;
  }
  return null;
}

interface Resolved { id: string; entry: Entry | null; problems: UnitFileProblem[] }

/** Steps 1 and 2 of the essay: follow aliases (at most 16) to the id and its winning entry. */
function resolveFragment(name: string, searchPath: string[], dirs: ReadonlySet<string>): Resolved {
  const problems: UnitFileProblem[] = [];
  const seen: string[] = [];
  let current = name;
  for (let hop = 0; hop < 16; hop++) {
    seen.push(current);
    let entry = findFirst(current, searchPath, dirs);
    const template = templateOf(current);
    const instance = template === null ? null : parseUnitName(current).instance;
    let next: string | null = null;
    if (entry === null && template !== null && instance !== null) {
      entry = findFirst(template, searchPath, dirs);
      if (entry?.kind === 'alias') {
        const target = parseUnitName(entry.target);
        next = target.isTemplate ? instantiate(entry.target, instance) : entry.target;
      }
    } else if (entry?.kind === 'alias') {
      next = entry.target;
    }
    if (next === null) return { id: current, entry, problems };
    if (parseUnitName(next).type !== parseUnitName(current).type) {
      problems.push({ file: entry?.path ?? current, line: 0, section: '', key: '',
        message: `${entry?.path ?? current}: alias of a different unit type (${next}): an alias must keep the type` });
      return { id: current, entry: null, problems };
    }
    if (seen.includes(next)) {
      problems.push({ file: entry?.path ?? current, line: 0, section: '', key: '',
        message: `${entry?.path ?? current}: alias loop through ${[...seen, next].join(' -> ')}` });
      return { id: current, entry: null, problems };
    }
    current = next;
  }
  problems.push({ file: name, line: 0, section: '', key: '', message: `${name}: more than 16 alias links` });
  return { id: current, entry: null, problems };
}

/** Entry names of a directory, or [] when it does not exist; other errors become problems. */
function readDirNames(path: string, problems: UnitFileProblem[]): string[] {
  try {
    return listDirectory(path)?.names ?? [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      problems.push({ file: path, line: 0, section: '', key: '', message: `${path}: cannot list: ${errnoText(error)}` });
    }
    return [];
  }
}

const NOT_REGULAR = 'not a regular file';

function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a directory';
}

/**
 * The largest unit file or drop-in read, in bytes. systemd bounds each line (LONG_LINE_MAX, 1 MiB,
 * syntax.ts) but not a file; here a file is parsed on the core's event loop, so a file is bounded
 * too, far above any real unit file (the largest in Debian's packages are a few KiB), so that no
 * file can hold the loop for long.
 */
export const MAX_UNIT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The text of a unit file, which must be a regular file of at most MAX_UNIT_FILE_BYTES: opened
 * with O_NONBLOCK so that a FIFO fails at once instead of waiting for a writer (libuv adds
 * O_CLOEXEC). Everything that reads a unit file reads it through this.
 */
export function readUnitFileText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${NOT_REGULAR} (${fileKind(stat)})`);
    if (stat.size > MAX_UNIT_FILE_BYTES) throw new Error(`file too large (${stat.size} bytes, at most ${MAX_UNIT_FILE_BYTES})`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function readInto(path: string, source: Pick<UnitSource, 'sections' | 'sectionHeaders' | 'problems'>): void {
  const { sections, sectionHeaders, problems } = source;
  let text: string;
  try {
    text = readUnitFileText(path);
  } catch (error) {
    problems.push({ file: path, line: 0, section: '', key: '', message: `${path}: cannot read: ${errnoText(error)}` });
    return;
  }
  const parsed = parseUnitText(text, path);
  problems.push(...parsed.problems);
  for (const section of parsed.sections) {
    const list = sections.get(section.name);
    if (list === undefined) sections.set(section.name, [...section.entries]);
    else list.push(...section.entries);
    if (!sectionHeaders.has(section.name)) sectionHeaders.set(section.name, { file: path, line: section.line });
  }
}

/**
 * Step 3: the drop-ins of `names` (their templates included) and of the type ("service.d"), in
 * the order they apply: by file name across all directories, the first directory holding a name
 * shadowing the others, a masked one (/dev/null, empty) removing it.
 */
function collectDropins(specific: readonly string[], type: string, searchPath: string[], dirs: ReadonlySet<string>, problems: UnitFileProblem[]): string[] {
  const dropins = new Map<string, string | null>();
  for (const dir of searchPath) {
    for (const n of [...specific, type]) {
      const dropinDir = join(dir, `${n}.d`);
      for (const file of readDirNames(dropinDir, problems)) {
        if (!file.endsWith('.conf') || dropins.has(file)) continue;
        const entryHere = lookupEntry(dropinDir, file, dirs);
        if (entryHere === null) continue;
        if (entryHere.kind === 'broken') problems.push({ file: entryHere.path, line: 0, section: '', key: '', message: entryHere.message });
        dropins.set(file, entryHere.kind === 'masked' || entryHere.kind === 'broken' ? null : entryHere.path);
      }
    }
  }
  return [...dropins.keys()].sort().map((file) => dropins.get(file)).filter((p): p is string => p !== null && p !== undefined);
}

/**
 * The drop-in files of a unit known by `names` (its id, the name asked for), in the order they
 * apply, exactly as loadUnitSource finds them: for readers of one section (the [Install]
 * operations) that need no full load. Problems (unreadable folders, dangling links) are left out.
 */
export function unitDropinPaths(names: readonly string[], searchPath: string[]): string[] {
  const valid = names.filter(isUnitName);
  const first = valid[0];
  if (first === undefined) return [];
  const templates = valid.map(templateOf).filter((t): t is string => t !== null);
  return collectDropins([...new Set([...valid, ...templates])], parseUnitName(first).type, searchPath, realDirs(searchPath), []);
}

/** Load the fragment, drop-ins, dependency directories and aliases of `name`. Never throws for I/O. */
export function loadUnitSource(name: string, searchPath: string[]): UnitSource {
  const source: UnitSource = {
    name, id: name, fragmentPath: null, masked: false, dropinPaths: [], sections: new Map(), sectionHeaders: new Map(),
    wants: [], requires: [], aliases: [], problems: [],
  };
  let unit;
  try {
    unit = parseUnitName(name);
  } catch (error) {
    source.problems.push({ file: name, line: 0, section: '', key: '', message: (error as Error).message });
    return source;
  }
  const dirs = realDirs(searchPath);
  const resolved = resolveFragment(name, searchPath, dirs);
  source.id = resolved.id;
  source.problems.push(...resolved.problems);
  const entry = resolved.entry;
  if (entry !== null) {
    source.fragmentPath = entry.path;
    if (entry.kind === 'masked') source.masked = true;
    if (entry.kind === 'broken') source.problems.push({ file: entry.path, line: 0, section: '', key: '', message: entry.message });
  }
  if (source.masked) return source;

  const names = [...new Set([source.id, name])];
  const templates = names.map(templateOf).filter((t): t is string => t !== null);
  const instance = parseUnitName(source.id).instance;
  const specific = [...new Set([...names, ...templates])];

  source.dropinPaths = collectDropins(specific, unit.type, searchPath, dirs, source.problems);

  if (entry !== null && entry.kind !== 'broken') readInto(entry.path, source);
  for (const path of source.dropinPaths) readInto(path, source);

  // Step 4: .wants/ and .requires/.
  for (const [suffix, list] of [['wants', source.wants], ['requires', source.requires]] as const) {
    for (const dir of searchPath) {
      for (const n of specific) {
        const depDir = join(dir, `${n}.${suffix}`);
        for (const file of readDirNames(depDir, source.problems)) {
          let dep: string = file;
          try {
            const parsed = parseUnitName(file);
            if (parsed.isTemplate && instance !== null) dep = instantiate(file, instance);
            else if (parsed.isTemplate) throw new Error('a template cannot be a dependency of a unit without an instance');
          } catch (error) {
            source.problems.push({ file: join(depDir, file), line: 0, section: '', key: '',
              message: `${join(depDir, file)}: ignored: ${(error as Error).message}` });
            continue;
          }
          if (!list.includes(dep)) list.push(dep);
        }
      }
    }
  }

  source.aliases = findAliases(source.id, name, searchPath, dirs);
  return source;
}

/** Step 5: names in the search path whose symlinks resolve to `id` (instances via their template). */
function findAliases(id: string, asked: string, searchPath: string[], dirs: ReadonlySet<string>): string[] {
  const aliases: string[] = [];
  const template = templateOf(id);
  const instance = template === null ? null : parseUnitName(id).instance;
  for (const dir of searchPath) {
    let symlinks: string[];
    try {
      symlinks = listDirectory(dir)?.symlinks ?? [];
    } catch {
      continue; // listing problems were reported while loading; a missing directory holds no aliases
    }
    // Only symlinks can be aliases, so regular files cost no further system call.
    for (const name of symlinks) {
      if (name === id || !isUnitName(name)) continue;
      const entry = lookupEntry(dir, name, dirs);
      if (entry?.kind !== 'alias') continue;
      let alias: string | null = null;
      if (entry.target === id) alias = name;
      else if (template !== null && instance !== null && entry.target === template && parseUnitName(name).isTemplate) alias = instantiate(name, instance);
      if (alias !== null && !aliases.includes(alias)) aliases.push(alias);
    }
  }
  if (asked !== id && !aliases.includes(asked)) aliases.unshift(asked);
  return aliases;
}

/** Every unit file name in the search path (templates and links included) → its winning path. */
export function listUnitFiles(searchPath: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of searchPath) {
    let listing;
    try {
      listing = listDirectory(dir);
    } catch {
      continue; // a missing or unreadable directory holds no units; loadUnitSource reports I/O per unit
    }
    for (const name of listing?.names ?? []) {
      if (found.has(name) || listing?.directories.has(name) || !isUnitName(name)) continue;
      found.set(name, join(dir, name));
    }
  }
  return found;
}
