// What every process of a service run is started with.
//
// prepareLaunch() runs once per start: it resolves User=/Group=/SupplementaryGroups=, reads the
// EnvironmentFile=s and the system locale, creates the per-unit directories, writes the
// StandardInputText/Data file and checks the working directory. spawnRequest() then turns it
// into one @sysmaster/sys ExecContext per command.
//
// The environment is systemd's (build_environment + the merge in exec_child), never the worker's
// own. Later layers override earlier ones, and a name keeps the position of its first setting:
//   1. PATH and LANG (from /etc/default/locale, else C.UTF-8);
//   2. set by the manager: INVOCATION_ID, USER/LOGNAME/HOME/SHELL (only with User=),
//      RUNTIME_DIRECTORY and friends, CREDENTIALS_DIRECTORY, then per command NOTIFY_SOCKET, MAINPID (control
//      commands), LISTEN_FDS/LISTEN_FDNAMES (LISTEN_PID is set by the child itself), WATCHDOG_USEC,
//      and the caller's extra variables;
//   3. PassEnvironment= (from the worker's own environment), Environment= in order,
//      EnvironmentFile= in order;
//   4. UnsetEnvironment= removes names or exact NAME=VALUE assignments from the result.
// ExecSearchPath= replaces PATH of layer 1 unless layer 3 sets PATH, and a bare program name of an
// Exec line (kept unresolved at load when ExecSearchPath= is set) is looked up in it at each spawn;
// one found nowhere is exec'd as written and fails with 203/EXEC, as in systemd.
// Exec arguments are then expanded with that environment ($VAR split into words, ${VAR} one
// word, $$ a '$'), unless the line has the ':' prefix.
//
// RootDirectory= is applied by running the command through chroot(8) (--userspec/--groups carry
// the credentials, since the user can only change after the chroot) until @sysmaster/sys's
// ExecContext gains a root directory of its own; chroot(8) always starts in the new root's "/",
// so a WorkingDirectory= other than "/" and the '@' argv[0] prefix are refused with RootDirectory=.
import path from 'node:path';
import type { ExecContext, Rlimit, StdioSpec } from '@sysmaster/sys';
import { expandExecArgv, findProgram, parseEnvironmentFile, type ExecCommand } from '@sysmaster/unit-file';
import { resolveCredentials, type Credentials } from './credentials';
import { createDirectories, removeRuntimeDirectories } from './directories';
import { createCredentials, removeCredentials } from './service-credentials';
import type { ExecOs } from './os-needs';
import type { ExecSettings, InputSpec, OutputSpec } from './settings';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const CHROOT = '/usr/sbin/chroot';

/** The @sysmaster/sys ExecContext of one command (ServiceOs.SpawnRequest is a subset of it). */
export type ExecSpawnRequest = ExecContext;

/** One run's resolved execution context. */
export interface Launch {
  unit: string;
  /** Layers 1 and 2 of the environment (see above), without the per-command variables. */
  managerEnv: Array<[string, string]>;
  /** Layer 3: PassEnvironment=, Environment=, EnvironmentFile=. */
  unitEnv: Array<[string, string]>;
  /** Layer 4: UnsetEnvironment= words. */
  unset: string[];
  credentials: Credentials | null;
  /** Inside rootDirectory when that is set. */
  cwd: string;
  rootDirectory: string | null;
  umask: number;
  nice: number | null;
  oomScoreAdjust: number | null;
  rlimits: Rlimit[];
  cpuAffinity: number[] | null;
  ioPriority: number | null;
  ignoreSigpipe: boolean;
  execSearchPath: string[];
  stdin: InputSpec;
  stdout: OutputSpec;
  stderr: OutputSpec;
  ttyPath: string;
  /** The file holding StandardInputText/Data for this run, or null. */
  dataPath: string | null;
}

/** Where and how one command runs. */
export interface SpawnWhere {
  /** The main pid; becomes MAINPID for control commands when non-zero. */
  mainPid: number;
  cgroupDir: string | null;
  /** The unit's log (journal, kmsg). */
  logPath: string;
  /** A control command (ExecStartPre, ExecStop, …) rather than the main process. */
  control: boolean;
  /** Passed fds (socket activation, fd store), placed at 3, 4, … */
  fds?: number[];
  fdNames?: string[];
  /** NOTIFY_SOCKET for notify types. */
  notifySocket?: string;
  /** WATCHDOG_USEC for the main process when WatchdogSec= is set. */
  watchdogUsec?: number;
  /** More manager variables (SERVICE_RESULT, EXIT_CODE, … for ExecStopPost). */
  extraEnv?: Record<string, string>;
}

function systemLanguage(os: ExecOs, file: string): string {
  try {
    const lang = parseEnvironmentFile(os.readFile(file)).filter(([k]) => k === 'LANG').at(-1);
    if (lang && lang[1] !== '') return lang[1];
  } catch {
    // No (or an unreadable) locale file: systemd's fallback below.
  }
  return 'C.UTF-8';
}

function dataFileName(unit: string): string {
  return `${unit.replace(/\//g, '_')}.stdin`;
}

/**
 * Resolves and prepares one run. Throws an Error naming the setting that fails (User=,
 * EnvironmentFile=, WorkingDirectory=, RuntimeDirectory=, …); the caller fails the start with
 * result "resources".
 */
export function prepareLaunch(exec: ExecSettings, os: ExecOs, run: { unit: string; invocationId: string }): Launch {
  const roots = os.directoryRoots();
  const needAccounts = exec.user !== null || exec.group !== null || exec.supplementaryGroups.length > 0;
  const credentials = resolveCredentials(exec,
    exec.user !== null ? readOr(os, roots.passwd) : '', needAccounts ? readOr(os, roots.group) : '');
  const managerEnv: Array<[string, string]> = [
    ['PATH', DEFAULT_PATH], ['LANG', systemLanguage(os, roots.localeFile)], ['INVOCATION_ID', run.invocationId],
  ];
  if (credentials !== null && exec.user !== null) {
    managerEnv.push(['USER', credentials.user], ['LOGNAME', credentials.user], ['HOME', credentials.home], ['SHELL', credentials.shell]);
  }
  managerEnv.push(...createDirectories(exec, os, credentials));
  managerEnv.push(...createCredentials(exec, os, run.unit, credentials));

  const unitEnv: Array<[string, string]> = [];
  const own = os.ownEnvironment();
  for (const name of exec.passEnvironment) {
    const value = own[name];
    if (value !== undefined) unitEnv.push([name, value]);
  }
  unitEnv.push(...exec.environment);
  for (const file of exec.environmentFiles) {
    let text: string;
    try {
      text = os.readFile(file.path);
    } catch (error) {
      if (file.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`EnvironmentFile=${file.path}: ${(error as Error).message}`);
    }
    try {
      unitEnv.push(...parseEnvironmentFile(text));
    } catch (error) {
      throw new Error(`EnvironmentFile=${file.path}: ${(error as Error).message}`);
    }
  }

  if (exec.execSearchPath.length > 0 && !unitEnv.some(([name]) => name === 'PATH')) {
    managerEnv[0] = ['PATH', exec.execSearchPath.join(':')];
  }

  const root = exec.rootDirectory;
  if (root !== null && !os.isDirectory(root)) throw new Error(`RootDirectory=${root} does not exist`);
  let cwd = '/';
  const wd = exec.workingDirectory;
  if (wd !== null) {
    const wanted = wd.path === '~' ? (credentials?.home ?? '/root') : wd.path;
    if (os.isDirectory(root === null ? wanted : path.join(root, wanted))) cwd = wanted;
    else if (!wd.optional) throw new Error(`WorkingDirectory=${wanted} does not exist${root === null ? '' : ` in RootDirectory=${root}`}`);
    if (root !== null && cwd !== '/') {
      throw new Error(`WorkingDirectory=${wanted} with RootDirectory=${root}: only "/" is supported until @sysmaster/sys can chroot itself`);
    }
  }

  let dataPath: string | null = null;
  if (exec.stdin.kind === 'data') {
    if (exec.stdinData === null) throw new Error('StandardInput=data: no StandardInputText= or StandardInputData= given');
    dataPath = path.join(roots.data, dataFileName(run.unit));
    try {
      os.makeDirectory(roots.data, 0o700);
      os.writeFile(dataPath, exec.stdinData, 0o600);
    } catch (error) {
      throw new Error(`StandardInputData=: cannot write ${dataPath}: ${(error as Error).message}`);
    }
  }

  return {
    unit: run.unit, managerEnv, unitEnv, unset: exec.unsetEnvironment, credentials, cwd, rootDirectory: root,
    umask: exec.umask, nice: exec.nice, oomScoreAdjust: exec.oomScoreAdjust, rlimits: exec.limits,
    cpuAffinity: exec.cpuAffinity, ioPriority: exec.ioPriority, ignoreSigpipe: exec.ignoreSigpipe, execSearchPath: exec.execSearchPath,
    stdin: exec.stdin, stdout: exec.stdout, stderr: exec.stderr, ttyPath: exec.ttyPath, dataPath,
  };
}

function readOr(os: ExecOs, file: string): string {
  try {
    return os.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Merges layers into "KEY=VALUE" strings: a later value wins, the first position stays. */
function compose(layers: Array<Array<[string, string]>>, unset: readonly string[]): string[] {
  const env = new Map<string, string>();
  for (const layer of layers) for (const [k, v] of layer) env.set(k, v);
  for (const word of unset) {
    const eq = word.indexOf('=');
    if (eq < 0) env.delete(word);
    else if (env.get(word.slice(0, eq)) === word.slice(eq + 1)) env.delete(word.slice(0, eq));
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** The ExecContext for `command` in this run. Throws an Error naming the setting that cannot be met. */
export function spawnRequest(launch: Launch, command: ExecCommand, where: SpawnWhere): ExecSpawnRequest {
  const streams = [launch.stdin.kind, launch.stdout.kind, launch.stderr.kind];
  // A connection socket (Accept=yes) becomes the standard streams and is not passed as LISTEN_FDS.
  const socketStdio = streams.includes('socket');
  const fds = where.fds ?? [];
  const perCommand: Array<[string, string]> = [];
  if (where.notifySocket !== undefined) perCommand.push(['NOTIFY_SOCKET', where.notifySocket]);
  if (where.control && where.mainPid > 0) perCommand.push(['MAINPID', String(where.mainPid)]);
  const passFds = fds.length > 0 && !socketStdio;
  if (passFds) {
    perCommand.push(['LISTEN_FDS', String(fds.length)]);
    const names = fds.map((_, i) => where.fdNames?.[i] ?? 'unknown');
    perCommand.push(['LISTEN_FDNAMES', names.join(':')]);
  }
  const watchdog = !where.control && where.watchdogUsec !== undefined && where.watchdogUsec > 0;
  if (watchdog) perCommand.push(['WATCHDOG_USEC', String(where.watchdogUsec)]);
  for (const [k, v] of Object.entries(where.extraEnv ?? {})) perCommand.push([k, v]);
  const env = compose([launch.managerEnv, perCommand, launch.unitEnv], launch.unset);
  const values = Object.fromEntries(env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const argv = command.noEnvExpand ? command.argv : expandExecArgv(command.argv, values);

  const stdio = resolveStdio(launch, where, fds);
  const program = command.path.startsWith('/') ? command.path : (findProgram(command.path, launch.execSearchPath) ?? command.path);
  const request: ExecSpawnRequest = {
    path: program, argv, env, cwd: launch.cwd, setsid: true, umask: launch.umask, ...stdio,
    ...(where.cgroupDir !== null ? { cgroup: where.cgroupDir } : {}),
    ...(launch.nice !== null ? { nice: launch.nice } : {}),
    ...(launch.oomScoreAdjust !== null ? { oomScoreAdjust: launch.oomScoreAdjust } : {}),
    ...(launch.rlimits.length > 0 ? { rlimits: launch.rlimits } : {}),
    ...(launch.cpuAffinity !== null ? { cpuAffinity: launch.cpuAffinity } : {}),
    ...(launch.ioPriority !== null ? { ioPriority: launch.ioPriority } : {}),
    ignoreSigpipe: launch.ignoreSigpipe,
    ...(passFds ? { fds, listenPid: env.some((kv) => kv.startsWith('LISTEN_FDS=')) } : {}),
    // WATCHDOG_PID= is the main process's own pid, which only the child knows: sys sets it after fork.
    ...(watchdog ? { watchdogPid: true } : {}),
  };
  // '+' runs the command with full privileges: no credentials, no root directory.
  const c = command.fullPrivileges ? null : launch.credentials;
  const root = command.fullPrivileges ? null : launch.rootDirectory;
  if (root !== null) {
    if (command.argv0Override && argv[0] !== command.path) {
      throw new Error(`RootDirectory=${root}: the '@' prefix of "${command.raw}" cannot be honoured through chroot(8)`);
    }
    const user = c === null ? [] : [`--userspec=${c.uid}:${c.gid}`, `--groups=${c.groups.join(',')}`];
    return { ...request, path: CHROOT, argv: ['chroot', ...user, root, program, ...argv.slice(1)], cwd: '/' };
  }
  return c === null ? request : { ...request, uid: c.uid, gid: c.gid, groups: c.groups };
}

function fdNamed(name: string, where: SpawnWhere, fds: number[], setting: string): StdioSpec {
  const index = (where.fdNames ?? []).indexOf(name);
  const fd = index < 0 ? undefined : fds[index];
  if (fd === undefined) throw new Error(`${setting}=fd:${name}: no file descriptor named "${name}" was passed`);
  return { kind: 'fd', fd };
}

function resolveStdio(launch: Launch, where: SpawnWhere, fds: number[]): Pick<ExecContext, 'stdin' | 'stdout' | 'stderr'> {
  const socket = (setting: string): StdioSpec => {
    const fd = fds[0];
    if (fd === undefined) throw new Error(`${setting}=socket: the service was not started with a socket`);
    return { kind: 'fd', fd };
  };
  const i = launch.stdin;
  let stdin: StdioSpec;
  switch (i.kind) {
    case 'null': stdin = { kind: 'null' }; break;
    case 'tty': stdin = { kind: 'file', path: launch.ttyPath, mode: 'read' }; break;
    case 'data':
      if (launch.dataPath === null) throw new Error('StandardInput=data: no data was prepared');
      stdin = { kind: 'file', path: launch.dataPath, mode: 'read' };
      break;
    case 'file': stdin = { kind: 'file', path: i.path, mode: 'read' }; break;
    case 'socket': stdin = socket('StandardInput'); break;
    case 'fd': stdin = fdNamed(i.name, where, fds, 'StandardInput'); break;
  }
  const output = (o: OutputSpec, setting: string, inherited: StdioSpec): StdioSpec => {
    switch (o.kind) {
      case 'inherit': return inherited;
      case 'null': return { kind: 'null' };
      case 'tty': return { kind: 'file', path: launch.ttyPath, mode: 'append' };
      case 'log': return { kind: 'file', path: where.logPath, mode: 'append' };
      // file: writes from offset 0 without truncating (systemd.exec(5)); append:, truncate: as named.
      case 'file': return { kind: 'file', path: o.path, mode: o.mode === 'file' ? 'write' : o.mode };
      case 'socket': return socket(setting);
      case 'fd': return fdNamed(o.name, where, fds, setting);
    }
  };
  // stdout=inherit duplicates stdin when it is a terminal, socket or fd, else /dev/null (systemd).
  let stdoutInherited: StdioSpec = { kind: 'null' };
  if (i.kind === 'tty') stdoutInherited = { kind: 'file', path: launch.ttyPath, mode: 'append' };
  else if (stdin.kind === 'fd') stdoutInherited = stdin;
  else if (i.kind === 'file') stdoutInherited = { kind: 'file', path: i.path, mode: 'append' };
  const stdout = output(launch.stdout, 'StandardOutput', stdoutInherited);
  const stderr = output(launch.stderr, 'StandardError', { kind: 'stdout' });
  return { stdin, stdout, stderr };
}

/** The end of a run: RuntimeDirectory= removal (unless preserved) and the run's data file. */
export function finishRun(exec: ExecSettings, os: ExecOs, run: { unit: string; restarting: boolean }): void {
  removeRuntimeDirectories(exec, os, run.restarting);
  removeCredentials(exec, os, run.unit);
  if (exec.stdin.kind === 'data') os.removeTree(path.join(os.directoryRoots().data, dataFileName(run.unit)));
}
