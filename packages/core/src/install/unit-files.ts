// Finding a unit file in the search path, reading its [Install] section, and computing its
// enablement state (what `sctl is-enabled` prints).
//
// Locating follows systemd's unit file lookup: the first search directory holding an entry of
// the name wins; an instance falls back to its template. The winning entry is classified: a
// link to /dev/null (or an empty file) masks; a symlink to a file of another unit name is an
// alias, followed to the real unit; a symlink to a file of the same name outside the search
// path is a linked unit file (`systemctl link`); anything else is the unit file itself.
//
// The state is decided in systemd's order (unit_file_lookup_state): not-found, bad (unreadable
// or a bad [Install] value), masked/masked-runtime (by where the mask lies), generated and
// transient (by directory), alias, then enablement: a link named after the unit in a
// NAME.wants/ or NAME.requires/ folder, or one of its Alias= links, in the configuration
// directory makes it enabled, in the runtime directory enabled-runtime. For a template the links
// of its DefaultInstance count as its own and those of other instances make it indirect. A
// unit that is not enabled is linked/linked-runtime when its file is a link into /etc or /run,
// static without [Install] settings, indirect with only Also=, and disabled otherwise.
//
// The [Install] settings are merged from the unit file and its drop-ins (NAME.d/*.conf, the
// template's and the type's, found exactly as the unit loader finds them), in the order they
// apply, as systemd's install logic does: list settings (WantedBy=, RequiredBy=, Alias=, Also=)
// accumulate and an empty assignment empties the list so far; DefaultInstance= takes the last.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import {
  expandSpecifiers, parseUnitList, parseUnitName, parseUnitText, readUnitFileText, specifiersFor, templateOf, unitDropinPaths,
  type Assignment,
} from '@sysmaster/unit-file';
import type { InstallContext } from './context';

export interface LocatedUnit {
  /** The name asked for. */
  name: string;
  /** The real name after following aliases (an instance keeps its instance). */
  id: string;
  /** The winning entry of `id` (or of its template) in the search path: the path links point to. */
  path: string;
  /** The search directory holding `path`. */
  dir: string;
  masked: boolean;
  /** `name` was reached through an alias symlink. */
  alias: boolean;
  /** The entry is a symlink to a file of the same name outside the search path. */
  linked: boolean;
  /** The entry could not be read (dangling link, directory): the message says why. */
  broken: string | null;
  /** The unit's drop-in files in the order they apply (none for a masked or broken unit). */
  dropins: string[];
}

export interface InstallInfo {
  wantedBy: string[];
  requiredBy: string[];
  alias: string[];
  also: string[];
  defaultInstance: string | null;
}

export type UnitFileState =
  | 'enabled' | 'enabled-runtime' | 'linked' | 'linked-runtime' | 'alias' | 'masked' | 'masked-runtime'
  | 'static' | 'indirect' | 'disabled' | 'generated' | 'transient' | 'bad' | 'not-found';

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

function realDirs(searchPath: string[]): Set<string> {
  const out = new Set<string>();
  for (const dir of searchPath) {
    try {
      out.add(fs.realpathSync(dir));
    } catch {
      // A missing directory holds nothing.
    }
  }
  return out;
}

/** Whether `target` (a realpath) is /dev/null. */
function isDevNull(target: string): boolean {
  return target === '/dev/null';
}

/** A unit name, validated; throws ERR_BAD_UNIT_NAME naming it. */
export function checkUnitName(name: string): void {
  try {
    parseUnitName(name);
  } catch (error) {
    throw new SysmasterError('ERR_BAD_UNIT_NAME', `Invalid unit name "${name}": ${(error as Error).message}`);
  }
}

/** "foo@.service" + "bar" → "foo@bar.service". */
export function instantiate(template: string, instance: string): string {
  const dot = template.lastIndexOf('.');
  return `${template.slice(0, dot - 1)}@${instance}${template.slice(dot)}`;
}

/** The first entry named `name` in the search path, or null. */
function firstEntry(name: string, ctx: InstallContext): { dir: string; path: string; stat: fs.Stats } | null {
  for (const dir of ctx.searchPath) {
    const file = path.join(dir, name);
    const stat = lstatOrNull(file);
    if (stat !== null) return { dir, path: file, stat };
  }
  return null;
}

/** Finds `name` in the search path, following aliases (at most 16); null when there is no file. */
export function locateUnit(name: string, ctx: InstallContext): LocatedUnit | null {
  checkUnitName(name);
  const dirs = realDirs(ctx.searchPath);
  let current = name;
  let viaAlias = false;
  for (let hop = 0; hop < 16; hop++) {
    const template = templateOf(current);
    const found = firstEntry(current, ctx) ?? (template !== null ? firstEntry(template, ctx) : null);
    if (found === null) return null;
    const base: LocatedUnit = { name, id: current, path: found.path, dir: found.dir, masked: false, alias: viaAlias, linked: false, broken: null, dropins: [] };
    const dropins = (): string[] => unitDropinPaths([current, name], ctx.searchPath);
    if (found.stat.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(found.path);
      } catch (error) {
        return { ...base, broken: `${found.path} is a dangling symlink (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
      }
      if (isDevNull(real)) return { ...base, masked: true };
      const targetName = path.basename(real);
      const entryName = path.basename(found.path);
      if (targetName !== entryName) {
        let next = targetName;
        try {
          const parsed = parseUnitName(targetName);
          if (parsed.type !== parseUnitName(entryName).type) {
            return { ...base, broken: `${found.path} is an alias of ${targetName}, a unit of another type.` };
          }
          if (parsed.isTemplate && current !== entryName) next = instantiate(targetName, parseUnitName(current).instance ?? '');
        } catch {
          return { ...base, broken: `${found.path} points to ${real}, which is not a unit file name.` };
        }
        current = next;
        viaAlias = true;
        continue;
      }
      const stat = fs.statSync(found.path);
      if (stat.isDirectory()) return { ...base, broken: `${found.path} is a directory.` };
      if (stat.size === 0) return { ...base, masked: true };
      return { ...base, linked: !dirs.has(path.dirname(real)), dropins: dropins() };
    }
    if (found.stat.isDirectory()) return { ...base, broken: `${found.path} is a directory.` };
    if (found.stat.isCharacterDevice() || (found.stat.isFile() && found.stat.size === 0)) return { ...base, masked: true };
    return { ...base, dropins: dropins() };
  }
  throw new SysmasterError('ERR_BAD_SETTING', `Unit ${name}: more than 16 alias links.`);
}

/** Splits a unit-list value, validating each name; a problem names file, line and key. */
function unitListOf(value: string, where: string): string[] {
  try {
    return parseUnitList(value);
  } catch (error) {
    throw new SysmasterError('ERR_BAD_SETTING', `${where}: ${(error as Error).message}`);
  }
}

/** The [Install] assignments of one file, in order. Throws ERR_BAD_SETTING when it cannot be read. */
function installEntriesOf(file: string): Assignment[] {
  let text: string;
  try {
    text = readUnitFileText(file);
  } catch (error) {
    throw new SysmasterError('ERR_BAD_SETTING', `Cannot read ${file}: ${(error as Error).message}`);
  }
  return parseUnitText(text, file).sections.filter((s) => s.name === 'Install').flatMap((s) => s.entries);
}

/**
 * The [Install] settings of a located unit, merged from its file and then its drop-ins in order,
 * specifiers expanded for `name` (the instance being installed, when there is one). Throws
 * ERR_BAD_SETTING naming file, line and key.
 */
export function readInstallInfo(unit: LocatedUnit, name: string = unit.id): InstallInfo {
  const entries = [unit.path, ...unit.dropins].flatMap(installEntriesOf);
  const info: InstallInfo = { wantedBy: [], requiredBy: [], alias: [], also: [], defaultInstance: null };
  if (entries.length === 0) return info;
  const type = parseUnitName(unit.id).type;
  const isTemplate = parseUnitName(unit.id).isTemplate || parseUnitName(unit.id).isInstance;
  let specifiers: Record<string, string>;
  try {
    specifiers = specifiersFor(name, unit.path);
  } catch (error) {
    throw new SysmasterError('ERR_BAD_SETTING', `${unit.path}: ${(error as Error).message}`);
  }
  for (const entry of entries) {
    const where = `${entry.file}:${entry.line}: ${entry.key}`;
    let value: string;
    try {
      value = expandSpecifiers(entry.value, specifiers);
    } catch (error) {
      throw new SysmasterError('ERR_BAD_SETTING', `${where}: ${(error as Error).message}`);
    }
    const list = ({ WantedBy: info.wantedBy, RequiredBy: info.requiredBy, Alias: info.alias, Also: info.also } as Record<string, string[]>)[entry.key];
    if (list !== undefined) {
      if (value === '') {
        list.length = 0;
        continue;
      }
      for (const n of unitListOf(value, where)) {
        if (entry.key === 'Alias') {
          const alias = parseUnitName(n);
          if (alias.type !== type) throw new SysmasterError('ERR_BAD_SETTING', `${where}: alias "${n}" must have the unit's type ".${type}".`);
          if (alias.isTemplate !== parseUnitName(unit.id).isTemplate && !parseUnitName(unit.id).isInstance) {
            throw new SysmasterError('ERR_BAD_SETTING', `${where}: alias "${n}" must be a template exactly when the unit is one.`);
          }
        }
        if (!list.includes(n)) list.push(n);
      }
    } else if (entry.key === 'DefaultInstance') {
      if (!isTemplate) throw new SysmasterError('ERR_BAD_SETTING', `${where}: DefaultInstance= only applies to template units.`);
      if (value !== '' && !/^[A-Za-z0-9:_.\\@-]+$/.test(value)) throw new SysmasterError('ERR_BAD_SETTING', `${where}: "${value}" is not a valid instance name.`);
      info.defaultInstance = value === '' ? null : value;
    }
    // Other keys of [Install] are unknown to systemd as well; they are ignored like there.
  }
  return info;
}

/** Whether an [Install] section carries anything `enable` can act on (systemd's carries_install_info). */
export function hasInstallInfo(info: InstallInfo): boolean {
  return info.wantedBy.length + info.requiredBy.length + info.alias.length + info.also.length > 0;
}

function symlinksIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isSymbolicLink()).map((e) => e.name);
  } catch {
    return [];
  }
}

function subdirs(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && (e.name.endsWith('.wants') || e.name.endsWith('.requires'))).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Every symlink in NAME.wants/ and NAME.requires/ folders of `dir`, as [link path, link name]. */
export function dependencyLinks(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const sub of subdirs(dir)) for (const name of symlinksIn(path.join(dir, sub))) out.push([path.join(dir, sub, name), name]);
  return out;
}

/** 'own' when a link enables this very unit, 'other' when it enables another instance of it. */
function linkMatch(linkName: string, unit: LocatedUnit, info: InstallInfo): 'own' | 'other' | null {
  const asked = parseUnitName(unit.id);
  if (linkName === unit.id) return 'own';
  if (asked.isTemplate) {
    if (templateOf(linkName) !== unit.id) return null;
    if (info.defaultInstance !== null && linkName === instantiate(unit.id, info.defaultInstance)) return 'own';
    return 'other';
  }
  return null;
}

/** Where the unit is enabled: 'config', 'runtime', 'indirect' (another instance) or null. */
function enablement(unit: LocatedUnit, info: InstallInfo, ctx: InstallContext): 'config' | 'runtime' | 'indirect' | null {
  let indirect = false;
  for (const [where, dir] of [['config', ctx.configDir], ['runtime', ctx.runtimeDir]] as const) {
    for (const [, name] of dependencyLinks(dir)) {
      const match = linkMatch(name, unit, info);
      if (match === 'own') return where;
      if (match === 'other') indirect = true;
    }
    for (const alias of info.alias) {
      const link = path.join(dir, alias);
      const stat = lstatOrNull(link);
      if (stat?.isSymbolicLink() && path.basename(fs.readlinkSync(link)) === path.basename(unit.path)) return where;
    }
  }
  return indirect ? 'indirect' : null;
}

function within(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The enablement state of `name` in `ctx` (systemctl is-enabled); never throws. */
export function unitFileStateIn(name: string, ctx: InstallContext): UnitFileState {
  let unit: LocatedUnit | null;
  try {
    unit = locateUnit(name, ctx);
  } catch {
    return 'bad';
  }
  if (unit === null) return 'not-found';
  if (unit.broken !== null) return 'bad';
  if (unit.masked) return within(unit.path, ctx.runtimeDir) ? 'masked-runtime' : 'masked';
  if (ctx.generatorDirs.some((d) => within(unit.path, d))) return 'generated';
  if (within(unit.path, ctx.transientDir)) return 'transient';
  if (unit.alias) return 'alias';
  let info: InstallInfo;
  try {
    info = readInstallInfo(unit);
  } catch {
    return 'bad';
  }
  const where = enablement(unit, info, ctx);
  if (where === 'config') return 'enabled';
  if (where === 'runtime') return 'enabled-runtime';
  if (unit.linked) return within(unit.path, ctx.runtimeDir) ? 'linked-runtime' : 'linked';
  if (where === 'indirect') return 'indirect';
  if (info.wantedBy.length + info.requiredBy.length + info.alias.length === 0) {
    if (info.also.length > 0) return 'indirect';
    return 'static';
  }
  return 'disabled';
}
