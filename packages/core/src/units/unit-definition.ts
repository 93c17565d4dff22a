// Reading one unit from disk into a UnitDefinition: the search path lookup and the generic
// sections. The core validates [Unit] and [Install] itself (docs/architecture.md "Processes") and
// keeps every other section verbatim for the worker that owns it. Everything here is synchronous and pure apart
// from the file reads of @sysmaster/unit-file, so `sctl status` of a never-seen unit answers
// without a worker round trip; the worker's half of loading happens in unit-table.ts.
import type { ConfigError__Output } from '@sysmaster/proto';
import {
  loadUnitSource, parseUnitName, parseUnitList, parseBoolean, lastValue, listValues, specifiersFor,
  expandSpecifiers, mountUnitForPath, unitDropinPaths, type Assignment,
} from '@sysmaster/unit-file';
import fs from 'node:fs';
import type { LoadState } from '../manager-core';
import { parseConditions, type Condition } from '../conditions';
import { mountPointsOf, parseUnitSettings, DEFAULT_UNIT_SETTINGS, SETTING_KEYS, type UnitSettings } from './unit-settings';

/** The [Unit] keys that name other units, as systemd spells them (systemd.unit(5)). */
const UNIT_DEPENDENCY_KEYS = [
  'Requires', 'Requisite', 'Wants', 'BindsTo', 'PartOf', 'Upholds', 'Conflicts', 'Before', 'After', 'OnFailure', 'OnSuccess',
  'PropagatesReloadTo', 'ReloadPropagatedFrom', 'JoinsNamespaceOf',
] as const;
/** Every [Unit] key the core understands (Condition*=/Assert*= are checked by the conditions module). */
const UNIT_KEYS = new Set<string>(['Description', 'Documentation', 'DefaultDependencies', 'SourcePath', ...UNIT_DEPENDENCY_KEYS, ...SETTING_KEYS]);
const INSTALL_KEYS = ['WantedBy', 'RequiredBy', 'Alias', 'Also', 'DefaultInstance'] as const;
const DOCUMENTATION_PATTERN = /^(https?|file|info|man):\S+$/;

interface InstallInfo { wantedBy: string[]; requiredBy: string[]; alias: string[]; also: string[] }

/** A unit as read from disk, before its worker has seen it. */
export interface UnitDefinition {
  /** The unit's real name (an alias resolves to its target). */
  id: string;
  /** Names that led here (the name asked for when it was an alias, and aliases on disk). */
  aliases: string[];
  type: string;
  loadState: LoadState;
  /** Why the unit is not 'loaded', one sentence naming the unit ('' when loaded). */
  loadMessage: string;
  loadErrors: ConfigError__Output[];
  /** Things worth a log line that do not stop the unit from loading (unknown keys, …). */
  warnings: string[];
  fragmentPath: string | null;
  dropinPaths: string[];
  /** What the fragment and drop-ins were when read ("path mtime size" each), for sourceChanged(). */
  sourceStamps: string[];
  description: string;
  documentation: string[];
  defaultDependencies: boolean;
  /**
   * Dependencies declared by this unit: [Unit] keys and .wants/.requires folders. The type's
   * implied and default dependencies come from its worker (unit-table.ts).
   */
  dependencies: Map<string, Set<string>>;
  /** The typed non-dependency [Unit] settings. */
  settings: UnitSettings;
  conditions: Condition[];
  asserts: Condition[];
  install: InstallInfo;
  /** Type-specific sections (every section but Unit, Install and X-…), verbatim. */
  typeSections: Map<string, Assignment[]>;
  /** Where each type-specific section's header is (LoadRequest's Section.file and line). */
  typeSectionHeaders: Map<string, { file: string; line: number }>;
  /** Last value of each [Unit] key, for LoadRequest.unit_settings. */
  unitSettings: Record<string, string>;
  specifiers: Record<string, string>;
}

function configError(a: Pick<Assignment, 'file' | 'line' | 'section' | 'key'>, message: string): ConfigError__Output {
  return { file: a.file, line: a.line, section: a.section, key: a.key, message };
}

/** "file:line: key: message", the form every load error is printed in. */
export function formatConfigError(e: ConfigError__Output): string {
  const where = e.file ? `${e.file}:${e.line}: ` : '';
  return `${where}${e.key ? `${e.key}: ` : ''}${e.message}`;
}

function emptyDefinition(name: string, type: string): UnitDefinition {
  return {
    id: name, aliases: [], type, loadState: 'loaded', loadMessage: '', loadErrors: [], warnings: [], fragmentPath: null,
    dropinPaths: [], sourceStamps: [], description: '', documentation: [], defaultDependencies: true, dependencies: new Map(),
    settings: { ...DEFAULT_UNIT_SETTINGS, requiresMountsFor: [] }, conditions: [], asserts: [],
    install: { wantedBy: [], requiredBy: [], alias: [], also: [] }, typeSections: new Map(), typeSectionHeaders: new Map(), unitSettings: {}, specifiers: {},
  };
}

function addDependency(deps: Map<string, Set<string>>, kind: string, unit: string): void {
  let set = deps.get(kind);
  if (!set) deps.set(kind, (set = new Set()));
  set.add(unit);
}

/** Parses a unit-list value (after specifier expansion), validating every name. */
function unitList(a: Assignment, specifiers: Record<string, string>, errors: ConfigError__Output[]): string[] {
  let expanded: string;
  try {
    expanded = expandSpecifiers(a.value, specifiers);
  } catch (error) {
    errors.push(configError(a, (error as Error).message));
    return [];
  }
  let names: string[];
  try {
    names = parseUnitList(expanded);
  } catch (error) {
    errors.push(configError(a, (error as Error).message));
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    try {
      const parsed = parseUnitName(n);
      if (parsed.isTemplate) errors.push(configError(a, `"${n}" is a template; name an instance`));
      else out.push(parsed.full);
    } catch (error) {
      errors.push(configError(a, `"${n}" is not a valid unit name: ${(error as Error).message}`));
    }
  }
  return out;
}

/**
 * Reads unit `name` from `searchPath`. Never throws for bad input: the problems end up in
 * loadState, loadMessage and loadErrors. Throws only UnitNameError for a malformed name.
 */
export function readUnitDefinition(name: string, searchPath: string[]): UnitDefinition {
  const unitName = parseUnitName(name);
  const def = emptyDefinition(unitName.full, unitName.type);
  if (unitName.isTemplate) {
    def.loadState = 'error';
    def.loadMessage = `Unit ${name} is a template; only its instances (${unitName.prefix}@NAME.${unitName.type}) can be loaded.`;
    return def;
  }
  const source = loadUnitSource(unitName.full, searchPath);
  def.id = source.id || unitName.full;
  def.aliases = [...new Set([...(source.name !== def.id ? [source.name] : []), ...source.aliases])].filter((a) => a !== def.id);
  try {
    def.type = parseUnitName(def.id).type;
  } catch {
    def.type = unitName.type;
  }
  def.fragmentPath = source.fragmentPath;
  def.dropinPaths = [...source.dropinPaths];
  def.sourceStamps = stampsOf([source.fragmentPath, ...source.dropinPaths]);
  if (source.masked) {
    def.loadState = 'masked';
    def.loadMessage = `Unit ${def.id} is masked.`;
    return def;
  }
  if (source.fragmentPath === null) {
    const io = source.problems.find((p) => p.line === 0);
    def.loadState = io ? 'error' : 'not-found';
    def.loadMessage = io ? `Unit ${def.id} failed to load: ${io.file}: ${io.message}` : `Unit ${def.id} not found.`;
    if (io) def.loadErrors.push({ file: io.file, line: 0, section: io.section, key: io.key, message: io.message });
    return def;
  }
  const errors: ConfigError__Output[] = [];
  let ioError = false;
  for (const p of source.problems) {
    if (p.line === 0) ioError = true;
    errors.push({ file: p.file, line: p.line, section: p.section, key: p.key, message: p.message });
  }
  def.specifiers = specifiersFor(def.id, source.fragmentPath);
  for (const w of source.wants) addDependency(def.dependencies, 'Wants', w);
  for (const r of source.requires) addDependency(def.dependencies, 'Requires', r);

  const unitSection = source.sections.get('Unit') ?? [];
  for (const a of unitSection) {
    const conditionKey = a.key.startsWith('Condition') || a.key.startsWith('Assert');
    if (!UNIT_KEYS.has(a.key) && !conditionKey) def.warnings.push(`${a.file}:${a.line}: unknown key ${a.key} in [Unit]; ignored`);
    def.unitSettings[a.key] = lastValue(unitSection, a.key)?.value ?? '';
  }
  def.settings = parseUnitSettings(unitSection, def.specifiers, errors);
  const checks = parseConditions(unitSection);
  def.conditions = checks.conditions;
  def.asserts = checks.asserts;
  errors.push(...checks.errors);
  const description = lastValue(unitSection, 'Description');
  if (description) {
    try {
      def.description = expandSpecifiers(description.value, def.specifiers); // "Getty on %I"
    } catch (error) {
      errors.push(configError(description, (error as Error).message));
    }
  }
  for (const a of listValues(unitSection, 'Documentation')) {
    for (const uri of a.value.split(/\s+/).filter((u) => u !== '')) {
      if (DOCUMENTATION_PATTERN.test(uri)) def.documentation.push(uri);
      else def.warnings.push(`${a.file}:${a.line}: Documentation: "${uri}" is not a http, https, file, info or man URI; ignored`);
    }
  }
  const dd = lastValue(unitSection, 'DefaultDependencies');
  if (dd) {
    try {
      def.defaultDependencies = parseBoolean(dd.value);
    } catch (error) {
      errors.push(configError(dd, (error as Error).message));
    }
  }
  for (const kind of UNIT_DEPENDENCY_KEYS) {
    for (const a of listValues(unitSection, kind)) {
      for (const other of unitList(a, def.specifiers, errors)) {
        if (other === def.id) def.warnings.push(`${a.file}:${a.line}: ${kind}: ${other} names the unit itself; ignored`);
        else addDependency(def.dependencies, kind, other);
      }
    }
  }
  // JoinsNamespaceOf= goes to the worker as the whole list (unit_settings keeps last values).
  const joins = def.dependencies.get('JoinsNamespaceOf');
  if (joins) def.unitSettings.JoinsNamespaceOf = [...joins].join(' ');
  // RequiresMountsFor=: Requires= and After= on the mount units of the path and its parents
  // that exist (a missing mount unit is not an error: there is nothing to order on).
  for (const p of def.settings.requiresMountsFor) {
    for (const point of mountPointsOf(p)) {
      const mount = mountUnitForPath(point);
      if (mount === def.id) continue;
      addDependency(def.dependencies, 'RequiresMountsFor', mount);
      addDependency(def.dependencies, 'After', mount);
    }
  }
  const installSection = source.sections.get('Install') ?? [];
  const knownInstall = new Set<string>(INSTALL_KEYS);
  for (const a of installSection) {
    if (!knownInstall.has(a.key)) def.warnings.push(`${a.file}:${a.line}: unknown key ${a.key} in [Install]; ignored`);
  }
  const installList = (key: string): string[] => listValues(installSection, key).flatMap((a) => unitList(a, def.specifiers, errors));
  def.install = { wantedBy: installList('WantedBy'), requiredBy: installList('RequiredBy'), alias: installList('Alias'), also: installList('Also') };

  for (const [section, entries] of source.sections) {
    if (section === 'Unit' || section === 'Install' || section.startsWith('X-')) continue;
    def.typeSections.set(section, entries);
    const header = source.sectionHeaders.get(section);
    if (header) def.typeSectionHeaders.set(section, header);
  }
  def.loadErrors = errors;
  if (errors.length > 0) {
    def.loadState = ioError ? 'error' : 'bad-setting';
    def.loadMessage = `Unit ${def.id} has a bad setting: ${formatConfigError(errors[0]!)}`;
  }
  return def;
}

/** "path mtime size" of each file ("path gone" when it cannot be read). */
function stampsOf(paths: Array<string | null>): string[] {
  return paths.filter((p): p is string => p !== null).map((p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    return st ? `${p} ${st.mtimeMs} ${st.size}` : `${p} gone`;
  });
}

/**
 * Whether the unit's fragment or a drop-in changed, went or came on disk since `def` was read
 * (NeedDaemonReload=, systemctl's "changed on disk" warning). A few stat(2) calls and a look at
 * the drop-in folders: asked for one unit's view, never for listings.
 */
export function sourceChanged(def: UnitDefinition, searchPath: string[]): boolean {
  if (def.fragmentPath === null) return false;
  const dropins = unitDropinPaths([def.id, ...def.aliases], searchPath);
  if (dropins.join('\n') !== def.dropinPaths.join('\n')) return true;
  return stampsOf([def.fragmentPath, ...def.dropinPaths]).join('\n') !== def.sourceStamps.join('\n');
}
