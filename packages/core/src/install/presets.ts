// Presets (systemd.preset(5)): which units a distribution or the admin wants enabled.
//
// Preset files are *.preset in the preset directories (/etc/sysmaster/system-preset,
// /run/sysmaster/system-preset, /usr/lib/sysmaster/system-preset, highest first). A file in a
// higher directory hides a file of the same name in a lower one; the surviving files are read in
// lexical order of their names, whatever their directory, and their rules form one list. Each
// line is "enable PATTERN [INSTANCE...]", "disable PATTERN" or "ignore PATTERN" (# and ;
// comment); PATTERN is a shell glob over unit names. The first rule that matches a unit decides;
// when none does, the unit is enabled (systemd's default, as if "enable *" ended the list).
// Bad lines are reported with file and line and skipped.
import fs from 'node:fs';
import path from 'node:path';
import { listUnitFiles, parseUnitName } from '@sysmaster/unit-file';
import type { ChangeOptions, ChangeReport, InstallContext } from './context';
import { globToRegExp } from '../conditions/match';
import { hasInstallInfo, instantiate, locateUnit, readInstallInfo } from './unit-files';
import { disableUnitFiles, enableUnitFiles } from './operations';

export interface PresetRule {
  action: 'enable' | 'disable' | 'ignore';
  pattern: string;
  /** For "enable foo@.service a b": the instances to enable. */
  instances: string[];
  file: string;
  line: number;
}

export interface PresetRules {
  rules: PresetRule[];
  /** "file:line: why", one per line that was skipped. */
  problems: string[];
}

/** Reads every preset file of `dirs` (highest first) into one ordered rule list. */
export function readPresets(dirs: string[]): PresetRules {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.preset') && !files.has(name)) files.set(name, path.join(dir, name));
  }
  const out: PresetRules = { rules: [], problems: [] };
  for (const name of [...files.keys()].sort()) {
    const file = files.get(name)!;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      out.problems.push(`${file}: cannot read: ${(error as Error).message}`);
      continue;
    }
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const [verb, pattern, ...instances] = line.split(/\s+/);
      if ((verb !== 'enable' && verb !== 'disable' && verb !== 'ignore') || pattern === undefined) {
        out.problems.push(`${file}:${index + 1}: cannot parse "${line}": expected "enable PATTERN", "disable PATTERN" or "ignore PATTERN".`);
        return;
      }
      if (instances.length > 0 && verb !== 'enable') {
        out.problems.push(`${file}:${index + 1}: only "enable" takes instance names: "${line}".`);
        return;
      }
      out.rules.push({ action: verb, pattern, instances, file, line: index + 1 });
    });
  }
  return out;
}

/** The rule deciding `name` (null: no rule matches, so the default "enable" applies). */
function matchPreset(name: string, rules: PresetRule[]): PresetRule | null {
  return rules.find((r) => globToRegExp(r.pattern).test(name)) ?? null;
}

/** 'enable', 'disable' or 'ignore' for a unit. */
export function presetAction(name: string, rules: PresetRule[]): PresetRule['action'] {
  return matchPreset(name, rules)?.action ?? 'enable';
}

function merge(into: ChangeReport, from: ChangeReport): void {
  into.changes.push(...from.changes);
  for (const w of from.warnings) if (!into.warnings.includes(w)) into.warnings.push(w);
}

/** Applies the presets to one unit; units without [Install] settings are left alone. */
function presetOne(name: string, ctx: InstallContext, rules: PresetRule[], options: ChangeOptions, report: ChangeReport): void {
  const unit = locateUnit(name, ctx);
  if (unit === null || unit.masked || unit.broken !== null || unit.alias) {
    if (unit === null) report.warnings.push(`Unit file ${name} does not exist.`);
    return;
  }
  const info = readInstallInfo(unit);
  if (!hasInstallInfo(info)) return;
  const rule = matchPreset(unit.id, rules);
  const action = rule?.action ?? 'enable';
  if (action === 'ignore') return;
  if (action === 'disable') {
    merge(report, disableUnitFiles([unit.id], ctx, options));
    return;
  }
  const id = parseUnitName(unit.id);
  if (id.isTemplate && rule !== null && rule.instances.length > 0) {
    merge(report, enableUnitFiles(rule.instances.map((i) => instantiate(unit.id, i)), ctx, options));
    return;
  }
  if (id.isTemplate && info.defaultInstance === null) return; // nothing to enable without an instance
  merge(report, enableUnitFiles([unit.id], ctx, options));
}

/** systemctl preset: enables or disables each unit as the presets say. */
export function presetUnitFiles(names: string[], ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const { rules, problems } = readPresets(ctx.presetDirs);
  const report: ChangeReport = { changes: [], warnings: [...problems] };
  for (const name of names) presetOne(name, ctx, rules, options, report);
  return report;
}

/**
 * systemctl preset-all: the presets applied to every unit file of the search path. A unit that
 * cannot be applied (a conflicting link, a bad [Install] value) becomes a warning; the rest
 * carries on.
 */
export function presetAllUnitFiles(ctx: InstallContext, options: ChangeOptions = {}): ChangeReport {
  const { rules, problems } = readPresets(ctx.presetDirs);
  const report: ChangeReport = { changes: [], warnings: [...problems] };
  for (const name of [...listUnitFiles(ctx.searchPath).keys()].sort()) {
    if (parseUnitName(name).isInstance) continue;
    try {
      presetOne(name, ctx, rules, options, report);
    } catch (error) {
      report.warnings.push(`${name}: ${(error as Error).message}`);
    }
  }
  return report;
}
