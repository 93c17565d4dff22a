// RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
// (systemd.exec(5), "Paths"). At each start every listed directory is created below its root
// (/run, /var/lib, /var/cache, /var/log, /etc: DirectoryRoots, injectable) with missing parents
// 0755, the directory itself gets its *DirectoryMode= (applied with chmod, so the worker's umask
// does not narrow it) and, when User=/Group= is set, is owned by that user and group; an existing
// directory gets the mode and owner again (a service whose User= changed still owns its data).
// The absolute paths are exported colon-separated as RUNTIME_DIRECTORY, STATE_DIRECTORY,
// CACHE_DIRECTORY, LOGS_DIRECTORY and CONFIGURATION_DIRECTORY. When the unit stops,
// RuntimeDirectory= is removed unless RuntimeDirectoryPreserve=yes, or =restart and the stop is
// part of a restart; the other kinds are kept.
import path from 'node:path';
import type { Credentials } from './credentials';
import type { ExecOs } from './os-needs';
import { DIRECTORY_KINDS, type DirectoryKind, type ExecSettings } from './settings';

const ENV_NAMES: Readonly<Record<DirectoryKind, string>> = {
  runtime: 'RUNTIME_DIRECTORY', state: 'STATE_DIRECTORY', cache: 'CACHE_DIRECTORY', logs: 'LOGS_DIRECTORY',
  configuration: 'CONFIGURATION_DIRECTORY',
};
const SETTING: Readonly<Record<DirectoryKind, string>> = {
  runtime: 'RuntimeDirectory', state: 'StateDirectory', cache: 'CacheDirectory', logs: 'LogsDirectory',
  configuration: 'ConfigurationDirectory',
};

/** Creates the unit's directories; returns their environment variables. Throws naming the setting. */
export function createDirectories(exec: ExecSettings, os: ExecOs, credentials: Credentials | null): Array<[string, string]> {
  const roots = os.directoryRoots();
  const env: Array<[string, string]> = [];
  for (const kind of DIRECTORY_KINDS) {
    const list = exec.directories[kind];
    if (list.length === 0) continue;
    const mode = exec.directoryModes[kind];
    const made: string[] = [];
    for (const relative of list) {
      const full = path.join(roots[kind], relative);
      try {
        os.makeDirectory(full, mode);
        os.chmod(full, mode);
        if (credentials !== null) os.chown(full, credentials.uid, credentials.gid);
      } catch (error) {
        throw new Error(`${SETTING[kind]}=${relative}: cannot prepare ${full}: ${(error as Error).message}`);
      }
      made.push(full);
    }
    env.push([ENV_NAMES[kind], made.join(':')]);
  }
  return env;
}

/** Removes RuntimeDirectory= at the end of a run unless it is preserved. */
export function removeRuntimeDirectories(exec: ExecSettings, os: ExecOs, restarting: boolean): void {
  const preserve = exec.runtimeDirectoryPreserve;
  if (preserve === 'yes' || (preserve === 'restart' && restarting)) return;
  const root = os.directoryRoots().runtime;
  for (const relative of exec.directories.runtime) os.removeTree(path.join(root, relative));
}
