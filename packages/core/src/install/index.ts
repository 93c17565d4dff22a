// [Install] logic of the core: enablement links, masks, presets and the default target over the
// unit search path (systemctl's semantics). Pure file-system work, no engine state: the API
// calls it and then reloads the engine; the engine calls unitFileState() and presetAll().
import { defaultInstallContext, formatChange } from './context';
import { presetAllUnitFiles } from './presets';
import { unitFileStateIn } from './unit-files';

export { defaultInstallContext, formatChange } from './context';
export type { InstallContext, ChangeReport, ChangeOptions } from './context';
export { globToRegExp } from '../conditions/match';
export { unitFileStateIn } from './unit-files';
export {
  enableUnitFiles, disableUnitFiles, reenableUnitFiles, maskUnitFiles, unmaskUnitFiles, setDefaultTarget, getDefaultTarget,
} from './operations';
export { readPresets, presetAction, presetUnitFiles, presetAllUnitFiles } from './presets';
export { listUnitFileStates } from './list';

/** The enablement state of `name` (systemctl is-enabled's word), links looked up in the configured /etc and /run. */
export function unitFileState(name: string, searchPath: string[]): string {
  return unitFileStateIn(name, defaultInstallContext(searchPath));
}

/**
 * Applies the presets to every unit file (first boot): resolves with the lines systemctl would
 * print for each change and each warning. Never rejects for a single bad unit.
 */
export async function presetAll(searchPath: string[]): Promise<string[]> {
  const report = presetAllUnitFiles(defaultInstallContext(searchPath));
  return [...report.changes.map(formatChange), ...report.warnings];
}
