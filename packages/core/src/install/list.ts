// systemctl list-unit-files: every unit file of the search path with its state and what its
// preset would make of it.
import { listUnitFiles as unitFilesOnDisk, parseUnitName } from '@sysmaster/unit-file';
import type { InstallContext } from './context';
import { globToRegExp } from '../conditions/match';
import { presetAction, readPresets } from './presets';
import { unitFileStateIn } from './unit-files';

export interface UnitFileEntry {
  name: string;
  path: string;
  state: string;
  /** 'enabled', 'disabled', 'ignored', or '' where a preset means nothing (static, alias, …). */
  preset: string;
}

export interface UnitFileFilter {
  states?: string[];
  types?: string[];
  patterns?: string[];
}

/** States for which systemctl shows no preset (show_preset_for_state()). */
const NO_PRESET = new Set(['alias', 'static', 'generated', 'transient']);

/** Every unit file name in the search path, filtered, sorted by name. */
export function listUnitFileStates(ctx: InstallContext, filter: UnitFileFilter = {}): UnitFileEntry[] {
  const patterns = (filter.patterns ?? []).map(globToRegExp);
  const { rules } = readPresets(ctx.presetDirs);
  const out: UnitFileEntry[] = [];
  for (const [name, path] of [...unitFilesOnDisk(ctx.searchPath)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if ((filter.types ?? []).length > 0 && !filter.types!.includes(parseUnitName(name).type)) continue;
    if (patterns.length > 0 && !patterns.some((p) => p.test(name))) continue;
    const state = unitFileStateIn(name, ctx);
    if ((filter.states ?? []).length > 0 && !filter.states!.includes(state)) continue;
    const action = presetAction(name, rules);
    const preset = NO_PRESET.has(state) ? '' : action === 'ignore' ? 'ignored' : `${action}d`;
    out.push({ name, path, state, preset });
  }
  return out;
}
