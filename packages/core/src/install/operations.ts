// The [Install] operations of systemctl over the search path: enable, disable, reenable, mask,
// unmask, set-default and get-default. Each returns the links it created or removed in the
// order it acted (systemctl prints them), plus warnings for what it did not do.
//
// enable: the unit is found in the search path (an alias is followed, an absolute path is first
// linked into the configuration directory like `systemctl link`), its [Install] section read,
// and for each WantedBy=/RequiredBy= target T a link T.wants/NAME (T.requires/NAME) is made in
// the configuration directory (/etc, or /run with --runtime) pointing to the unit file; each
// Alias= becomes a link of that name; each Also= unit is enabled in turn. A template is enabled
// under its instance: the one named, else its DefaultInstance=; without either its
// WantedBy=/RequiredBy= are skipped, as systemd does. A link that exists and points to the same
// file is left alone; one that points elsewhere is replaced only with --force.
//
// disable: the links named after the unit (and, for a template, after any of its instances) in
// the .wants/ and .requires/ folders of the directory, and its Alias= links, are removed; Also=
// units are disabled too. Masks (links to /dev/null) and real files are never touched.
//
// mask: a link NAME → /dev/null in the directory; refused when a real file of that name is
// there (masking would destroy it), as systemctl refuses. unmask removes such a link.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';
import { EXAMPLE_DEFAULT_TARGET, SPECIAL_DEFAULT_TARGET, defaultTargetProblem, loadUnitSource, parseUnitName, templateOf } from '@sysmaster/unit-file';
import type { ChangeOptions, ChangeReport, InstallContext, UnitFileChange } from './context';
import { checkUnitName, dependencyLinks, hasInstallInfo, instantiate, locateUnit, readInstallInfo } from './unit-files';
import type { LocatedUnit } from './unit-files';

const NO_INSTALL_WARNING = 'The unit files have no installation config (WantedBy=, RequiredBy=, Also=, Alias= settings in the [Install] section, '
  + 'and DefaultInstance= for template units). This means they are not meant to be enabled or disabled using sctl.';

/** Collects the changes of one operation and performs them on the file system. */
class Changes {
  readonly report: ChangeReport = { changes: [], warnings: [] };

  constructor(private readonly force: boolean) {}

  private add(change: UnitFileChange): void {
    this.report.changes.push(change);
  }

  warn(message: string): void {
    if (!this.report.warnings.includes(message)) this.report.warnings.push(message);
  }

  /** Makes `link` point to `target`; `replace` forces it even without --force (set-default). */
  symlink(link: string, target: string, replace = false): void {
    let existing: fs.Stats | null = null;
    try {
      existing = fs.lstatSync(link);
    } catch {
      existing = null;
    }
    if (existing !== null) {
      if (!existing.isSymbolicLink()) throw new SysmasterError('ERR_WRONG_STATE', `File ${link} already exists.`, { hint: 'It is a real file; move it away first.' });
      const current = fs.readlinkSync(link);
      if (current === target) return;
      if (!this.force && !replace) {
        throw new SysmasterError('ERR_WRONG_STATE', `File ${link} already exists and is a symlink to ${current}.`, { hint: 'Use --force to replace it.' });
      }
      fs.unlinkSync(link);
      if (replace) this.add({ type: 'unlink', path: link, source: '' });
    }
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
    this.add({ type: 'symlink', path: link, source: target });
  }

  unlink(link: string): void {
    fs.unlinkSync(link);
    this.add({ type: 'unlink', path: link, source: '' });
    // systemctl leaves empty .wants/ folders behind too; they are harmless.
  }
}

function targetDir(ctx: InstallContext, options: ChangeOptions): string {
  return options.runtime ? ctx.runtimeDir : ctx.configDir;
}

function notFound(name: string): SysmasterError {
  return new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit file ${name} does not exist.`);
}

/** Locates a unit that an operation acts on: it must exist, be readable and not be masked. */
function usable(name: string, ctx: InstallContext): LocatedUnit {
  const unit = locateUnit(name, ctx);
  if (unit === null) throw notFound(name);
  if (unit.broken !== null) throw new SysmasterError('ERR_BAD_SETTING', `Unit file ${name} is broken: ${unit.broken}`);
  if (unit.masked) throw new SysmasterError('ERR_UNIT_MASKED', `Unit file ${unit.path} is masked.`, { hint: `Run 'sctl unmask ${name}' first.` });
  return unit;
}

/** An absolute path given to enable: linked into the directory, then enabled by its name. */
function linkPath(file: string, dir: string, changes: Changes): string {
  const name = path.basename(file);
  checkUnitName(name);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw notFound(file);
  }
  if (!stat.isFile()) throw new SysmasterError('ERR_INVALID_ARGUMENT', `${file} is not a regular file.`);
  changes.symlink(path.join(dir, name), file);
  return name;
}

function enableOne(rawName: string, ctx: InstallContext, dir: string, changes: Changes, seen: Set<string>): void {
  const name = path.isAbsolute(rawName) ? linkPath(rawName, dir, changes) : rawName;
  if (seen.has(name)) return;
  seen.add(name);
  const unit = usable(name, ctx);
  const id = parseUnitName(unit.id);
  const instanceName = id.isInstance ? unit.id : null;
  const info0 = readInstallInfo(unit, unit.id);
  const installed = instanceName ?? (id.isTemplate && info0.defaultInstance !== null ? instantiate(unit.id, info0.defaultInstance) : null);
  const info = installed !== null && installed !== unit.id ? readInstallInfo(unit, installed) : info0;
  if (!hasInstallInfo(info)) {
    changes.warn(NO_INSTALL_WARNING);
    return;
  }
  const linkName = installed ?? (id.isTemplate ? null : unit.id);
  if (linkName === null && info.wantedBy.length + info.requiredBy.length > 0) {
    changes.warn(`Unit ${unit.id} is a template without DefaultInstance=: its WantedBy=/RequiredBy= apply to instances; enable one, e.g. ${instantiate(unit.id, 'NAME')}.`);
  }
  if (linkName !== null) {
    for (const target of info.wantedBy) changes.symlink(path.join(dir, `${target}.wants`, linkName), unit.path);
    for (const target of info.requiredBy) changes.symlink(path.join(dir, `${target}.requires`, linkName), unit.path);
  }
  const instance = installed !== null ? parseUnitName(installed).instance : null;
  for (const alias of info.alias) {
    const aliasName = instance !== null && parseUnitName(alias).isTemplate ? instantiate(alias, instance) : alias;
    if (aliasName === unit.id) continue;
    changes.symlink(path.join(dir, aliasName), unit.path);
  }
  for (const also of info.also) enableOne(also, ctx, dir, changes, seen);
}

/** systemctl enable: creates the links the units' [Install] sections ask for. */
export function enableUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const changes = new Changes(options.force ?? false);
  const seen = new Set<string>();
  for (const name of names) enableOne(name, ctx, targetDir(ctx, options), changes, seen);
  return changes.report;
}

/** Names whose links disable removes, and the alias links, gathered through Also=. */
function disableSet(rawName: string, ctx: InstallContext, names: Set<string>, templates: Set<string>, aliases: Set<string>, seen: Set<string>): void {
  const name = path.isAbsolute(rawName) ? path.basename(rawName) : rawName;
  if (seen.has(name)) return;
  seen.add(name);
  const unit = locateUnit(name, ctx);
  if (unit === null) throw notFound(name);
  names.add(name);
  names.add(unit.id);
  if (parseUnitName(unit.id).isTemplate) templates.add(unit.id);
  if (unit.masked || unit.broken !== null) return;
  const info = readInstallInfo(unit);
  const instance = parseUnitName(unit.id).instance;
  for (const alias of info.alias) aliases.add(instance !== null && parseUnitName(alias).isTemplate ? instantiate(alias, instance) : alias);
  if (info.defaultInstance !== null && parseUnitName(unit.id).isTemplate) names.add(instantiate(unit.id, info.defaultInstance));
  for (const also of info.also) disableSet(also, ctx, names, templates, aliases, seen);
  if (unit.linked) aliases.add(unit.id);
}

function pointsToDevNull(link: string): boolean {
  try {
    return fs.readlinkSync(link) === '/dev/null' || fs.realpathSync(link) === '/dev/null';
  } catch {
    return false;
  }
}

/** systemctl disable: removes the links that enable the units. */
export function disableUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const changes = new Changes(options.force ?? false);
  const wanted = new Set<string>();
  const templates = new Set<string>();
  const aliases = new Set<string>();
  const seen = new Set<string>();
  for (const name of names) {
    checkUnitName(path.isAbsolute(name) ? path.basename(name) : name);
    disableSet(name, ctx, wanted, templates, aliases, seen);
  }
  const dir = targetDir(ctx, options);
  const doomed: string[] = [];
  for (const [link, name] of dependencyLinks(dir)) {
    const template = templateOf(name);
    if (wanted.has(name) || (template !== null && templates.has(template))) doomed.push(link);
  }
  for (const alias of aliases) {
    const link = path.join(dir, alias);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.lstatSync(link);
    } catch {
      stat = null;
    }
    if (stat?.isSymbolicLink() && !pointsToDevNull(link)) doomed.push(link);
  }
  for (const link of [...new Set(doomed)].sort()) {
    if (!pointsToDevNull(link)) changes.unlink(link);
  }
  return changes.report;
}

/** systemctl reenable: disable, then enable, reported as one list of changes. */
export function reenableUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const off = disableUnitFiles(names, ctx, options);
  const on = enableUnitFiles(names, ctx, { ...options, force: true });
  return { changes: [...off.changes, ...on.changes], warnings: [...off.warnings, ...on.warnings] };
}

/** systemctl mask: NAME → /dev/null in the directory; a real unit file there is refused. */
export function maskUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const changes = new Changes(options.force ?? false);
  const dir = targetDir(ctx, options);
  for (const name of names) {
    checkUnitName(name);
    const link = path.join(dir, name);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.lstatSync(link);
    } catch {
      stat = null;
    }
    if (stat !== null && !stat.isSymbolicLink()) {
      throw new SysmasterError('ERR_WRONG_STATE', `Failed to mask unit: File ${link} already exists.`, {
        hint: `${name} is defined in ${dir} itself: masking would replace the file. Remove or rename it instead.`,
      });
    }
    if (stat !== null && pointsToDevNull(link)) continue;
    changes.symlink(link, '/dev/null');
  }
  return changes.report;
}

/** systemctl unmask: removes NAME → /dev/null links from the directory. */
export function unmaskUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const changes = new Changes(options.force ?? false);
  const dir = targetDir(ctx, options);
  for (const name of names) {
    checkUnitName(name);
    const link = path.join(dir, name);
    let isLink = false;
    try {
      isLink = fs.lstatSync(link).isSymbolicLink();
    } catch {
      isLink = false;
    }
    if (isLink && pointsToDevNull(link)) changes.unlink(link);
  }
  return changes.report;
}

/** systemctl set-default: default.target in the configuration directory → the target's file. */
export function setDefaultTarget(name: string, ctx: InstallContext): ChangeReport {
  checkUnitName(name);
  const problem = defaultTargetProblem(name);
  if (problem !== null) throw new SysmasterError('ERR_INVALID_ARGUMENT', problem);
  const unit = usable(name, ctx);
  const changes = new Changes(true);
  changes.symlink(path.join(ctx.configDir, SPECIAL_DEFAULT_TARGET), unit.path, true);
  return changes.report;
}

/** systemctl get-default: the unit default.target resolves to. */
export function getDefaultTarget(ctx: InstallContext): string {
  const source = loadUnitSource(SPECIAL_DEFAULT_TARGET, ctx.searchPath);
  if (source.fragmentPath === null) {
    throw new SysmasterError('ERR_UNIT_NOT_FOUND', `No default target: ${SPECIAL_DEFAULT_TARGET} was not found in the unit search path.`, { hint: `Set one with 'sctl set-default ${EXAMPLE_DEFAULT_TARGET}'.` });
  }
  if (source.masked) throw new SysmasterError('ERR_UNIT_MASKED', `${SPECIAL_DEFAULT_TARGET} is masked.`);
  return source.id;
}
