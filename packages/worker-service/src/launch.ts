// What every process of a service run is started with, resolved once per run: the environment
// (clean, never the worker's own: PATH, LANG, INVOCATION_ID, the user's USER/LOGNAME/HOME/SHELL,
// then Environment= in order, then EnvironmentFile= overriding it, as systemd does), the
// credentials from User=/Group=, and the working directory. spawnRequest() then builds the
// SpawnRequest for one command: $VAR expansion of its argv (unless ':'), MAINPID for control
// commands, the unit's cgroup, and stdout/stderr appended to the unit's log by the child itself.
import { expandExecArgv, parseEnvironmentFile, type ExecCommand } from '@sysmaster/unit-file';
import type { ServiceConfig } from './config';
import type { ServiceOs, SpawnRequest } from './os';
import { resolveCredentials, type Credentials } from './users';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Launch {
  /** "KEY=VALUE" strings. */
  env: string[];
  credentials: Credentials | null;
  cwd: string;
}

/** Resolves the launch settings of one run; throws an Error naming the setting that fails. */
export function prepareLaunch(c: ServiceConfig, os: ServiceOs, invocationId: string): Launch {
  const needAccounts = c.user !== null || c.group !== null;
  const credentials = resolveCredentials(c.user, c.group,
    needAccounts ? os.readFile('/etc/passwd') : '', needAccounts ? os.readFile('/etc/group') : '');
  const env = new Map<string, string>([
    ['PATH', DEFAULT_PATH], ['LANG', process.env.LANG || 'C.UTF-8'], ['INVOCATION_ID', invocationId],
  ]);
  if (credentials && c.user !== null) {
    env.set('USER', credentials.user).set('LOGNAME', credentials.user).set('HOME', credentials.home).set('SHELL', credentials.shell);
  }
  for (const [k, v] of c.environment) env.set(k, v);
  for (const file of c.environmentFiles) {
    let text: string;
    try {
      text = os.readFile(file.path);
    } catch (error) {
      if (file.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`EnvironmentFile=${file.path}: ${(error as Error).message}`);
    }
    try {
      for (const [k, v] of parseEnvironmentFile(text)) env.set(k, v);
    } catch (error) {
      throw new Error(`EnvironmentFile=${file.path}: ${(error as Error).message}`);
    }
  }
  const wd = c.workingDirectory;
  let cwd = '/';
  if (wd !== null) {
    const wanted = wd.path === '~' ? (credentials?.home ?? '/root') : wd.path;
    if (os.isDirectory(wanted)) cwd = wanted;
    else if (!wd.optional) throw new Error(`WorkingDirectory=${wanted} does not exist`);
  }
  return { env: [...env].map(([k, v]) => `${k}=${v}`), credentials, cwd };
}

/** The SpawnRequest for `command`; mainPid (non-zero for control commands) becomes MAINPID. */
export function spawnRequest(launch: Launch, command: ExecCommand, where: { mainPid: number; cgroupDir: string | null; logPath: string }): SpawnRequest {
  const env = where.mainPid ? [...launch.env, `MAINPID=${where.mainPid}`] : launch.env;
  const values = Object.fromEntries(env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const c = launch.credentials;
  return {
    path: command.path,
    argv: command.noEnvExpand ? command.argv : expandExecArgv(command.argv, values),
    env,
    cwd: launch.cwd,
    setsid: true,
    stdin: { kind: 'null' },
    stdout: { kind: 'file', path: where.logPath, mode: 'append' },
    stderr: { kind: 'stdout' },
    ...(where.cgroupDir !== null ? { cgroup: where.cgroupDir } : {}),
    ...(c ? { uid: c.uid, gid: c.gid, groups: c.groups } : {}),
  };
}
