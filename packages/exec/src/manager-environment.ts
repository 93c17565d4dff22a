// The manager's own environment, the source of PassEnvironment=: the service worker's process
// environment (what the manager was started with), with systemd's ManagerEnvironment= of
// system.conf's [Manager] section applied over it ("Sets environment variables for the manager
// process itself", systemd-system.conf(5)). The file is read at each start, so an edit takes effect
// at the next start rather than at daemon-reload as in systemd. Assignments use Environment='s
// syntax (quotes, C escapes); each line adds to the ones before, an empty one clears them.
import { parseEnvironmentValue } from '@sysmaster/unit-file';

/** The ManagerEnvironment= assignments of a system.conf text, in order; bad lines are skipped. */
function managerEnvironmentOf(text: string): Array<[string, string]> {
  let section = '';
  let out: Array<[string, string]> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) { section = line; continue; }
    if (section !== '[Manager]' || !/^ManagerEnvironment\s*=/.test(line)) continue;
    const value = line.slice(line.indexOf('=') + 1).trim();
    if (value === '') { out = []; continue; }
    try {
      out.push(...parseEnvironmentValue(value));
    } catch {
      // The core reports system.conf's bad values; a bad line here only adds nothing.
    }
  }
  return out;
}

/** `own` with the ManagerEnvironment= of `systemConf` (a system.conf text, '' when absent) applied. */
export function managerEnvironment(own: Readonly<Record<string, string | undefined>>, systemConf: string): Record<string, string | undefined> {
  return { ...own, ...Object.fromEntries(managerEnvironmentOf(systemConf)) };
}
