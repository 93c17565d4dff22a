// LoadCredential= and SetCredential= (systemd.exec(5), "Credentials"): at each start the unit's
// credentials directory, $CREDENTIALS_DIRECTORY and the %d specifier, <runtime root>/credentials/
// UNIT (/run/credentials/UNIT), is made afresh (0700, owned by User= when set) with one read-only
// file (0400) per credential; it is removed when the run ends. SetCredential=ID:DATA writes DATA;
// LoadCredential=ID:PATH copies the file at an absolute PATH (a missing one fails the start, status
// 243/CREDENTIALS); with a relative or no PATH the file is looked up in the credential stores
// /etc/credstore, /run/credstore and /usr/lib/credstore, and a credential found in none is left
// out, as systemd leaves out one it did not receive. A LoadCredential= that succeeds wins over a
// SetCredential= of the same ID. Not here yet: the encrypted variants, directories as sources,
// credentials passed to the manager itself, and C escapes in SetCredential= data (kept as written).
import path from 'node:path';
import type { Credentials } from './credentials';
import type { ExecOs } from './os-needs';
import type { ExecSettings } from './settings';

const STORES = ['/etc/credstore', '/run/credstore', '/usr/lib/credstore'];

/** The credentials directory of `unit` (what %d names). */
function credentialsDirectory(os: ExecOs, unit: string): string {
  return path.join(os.directoryRoots().runtime, 'credentials', unit);
}

function readOrNull(os: ExecOs, file: string): string | null {
  try {
    return os.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The credential values of one run, by ID, in first-assignment order. Throws naming the setting. */
function collect(exec: ExecSettings, os: ExecOs): Map<string, string> {
  const values = new Map<string, string>();
  for (const c of exec.credentials) if (c.kind === 'set' && !values.has(c.id)) values.set(c.id, c.data);
  for (const c of exec.credentials) {
    if (c.kind !== 'load') continue;
    const name = c.source ?? c.id;
    if (name.startsWith('/')) {
      const data = readOrNull(os, name);
      if (data === null) throw new Error(`LoadCredential=${c.id}:${name}: no such file`);
      values.set(c.id, data);
      continue;
    }
    for (const store of STORES) {
      const data = readOrNull(os, path.join(store, name));
      if (data !== null) { values.set(c.id, data); break; }
    }
  }
  return values;
}

/**
 * Makes the run's credentials directory; returns CREDENTIALS_DIRECTORY, or [] when the unit has
 * no LoadCredential=/SetCredential=. Throws an Error naming LoadCredential= or SetCredential=.
 */
export function createCredentials(exec: ExecSettings, os: ExecOs, unit: string, owner: Credentials | null): Array<[string, string]> {
  if (exec.credentials.length === 0) return [];
  const dir = credentialsDirectory(os, unit);
  const values = collect(exec, os);
  try {
    os.removeTree(dir);
    os.makeDirectory(dir, 0o700);
    os.chmod(dir, 0o700);
    for (const [id, data] of values) {
      const file = path.join(dir, id);
      os.writeFile(file, data, 0o400);
      if (owner !== null) os.chown(file, owner.uid, owner.gid);
    }
    if (owner !== null) os.chown(dir, owner.uid, owner.gid);
  } catch (error) {
    throw new Error(`LoadCredential=: cannot prepare ${dir}: ${(error as Error).message}`);
  }
  return [['CREDENTIALS_DIRECTORY', dir]];
}

/** Removes the run's credentials directory (nothing when the unit has none). */
export function removeCredentials(exec: ExecSettings, os: ExecOs, unit: string): void {
  if (exec.credentials.length > 0) os.removeTree(credentialsDirectory(os, unit));
}
