// Where [Install] operations look and write. The search path finds unit files; links are
// written to the persistent configuration directory (/etc/sysmaster/system) or, with --runtime,
// to the runtime one (/run/sysmaster/system), exactly like systemctl's /etc/systemd/system and
// /run/systemd/system. Every path follows the SYSMASTER_* overrides of @sysmaster/proto, so the
// same code runs in temp trees (tests), in the sandbox and on a real system.
import path from 'node:path';
import { configDir, runtimeDir } from '@sysmaster/proto';
import { defaultUnitPath } from '@sysmaster/unit-file';

export interface InstallContext {
  /** The unit search path, highest priority first. */
  searchPath: string[];
  /** Where persistent enablement links and masks are written. */
  configDir: string;
  /** Where --runtime links and masks are written (lost at reboot). */
  runtimeDir: string;
  /** Preset directories, highest priority first (systemd.preset(5)). */
  presetDirs: string[];
  /** Directories of generated units ("generated" state). */
  generatorDirs: string[];
  /** The directory of transient units ("transient" state). */
  transientDir: string;
}

/**
 * The preset folders, highest first: /etc, /run, /usr/lib (systemd.preset(5)).
 * SYSMASTER_PRESET_PATH (':'-separated) replaces them, a trailing ':' appends the default list
 * (as SYSMASTER_UNIT_PATH does for units; the sandbox points it at the repository's presets).
 */
function presetPath(run: string): string[] {
  const standard = [path.join(configDir(), 'system-preset'), path.join(run, 'system-preset'), '/usr/lib/sysmaster/system-preset'];
  const configured = process.env.SYSMASTER_PRESET_PATH;
  if (!configured) return standard;
  const dirs = configured.split(':').filter((d) => d !== '');
  return [...new Set(configured.endsWith(':') ? [...dirs, ...standard] : dirs)];
}

/** The context of the running system: the default search path and the configured roots. */
export function defaultInstallContext(searchPath: string[] = defaultUnitPath()): InstallContext {
  const run = runtimeDir();
  return {
    searchPath,
    configDir: path.join(configDir(), 'system'),
    runtimeDir: path.join(run, 'system'),
    presetDirs: presetPath(run),
    generatorDirs: ['generator', 'generator.early', 'generator.late'].map((d) => path.join(run, d)),
    transientDir: path.join(run, 'transient'),
  };
}

/** One link created or removed, as systemctl reports it. */
export interface UnitFileChange {
  type: 'symlink' | 'unlink';
  /** The link. */
  path: string;
  /** For a symlink, what it points to ('' for unlink). */
  source: string;
}

/** The outcome of an operation: what changed, and sentences about what was not done. */
export interface ChangeReport {
  changes: UnitFileChange[];
  warnings: string[];
}

export interface ChangeOptions {
  /** Write to the runtime directory instead of the persistent one. */
  runtime?: boolean;
  /** Replace links that point elsewhere. */
  force?: boolean;
}

/** "Created symlink A → B." or "Removed "A".", systemctl's words for a change. */
export function formatChange(change: UnitFileChange): string {
  return change.type === 'symlink' ? `Created symlink ${change.path} \u2192 ${change.source}.` : `Removed "${change.path}".`;
}
