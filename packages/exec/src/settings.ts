// The execution context of a service's processes as typed settings (systemd.exec(5) and the
// cgroup half of systemd.resource-control(5)). parse.ts fills an ExecSettings from a [Service]
// section; launch.ts, directories.ts and cgroup.ts apply it at each start. Values that need the
// running system (user and group names, EnvironmentFile= contents, percentages of the machine's
// memory) are kept as written and resolved at each start, as systemd does.
import type { Rlimit } from '@sysmaster/sys';

/** Every key of [Service] that this module parses. */
export const EXEC_KEYS = [
  // environment
  'Environment', 'EnvironmentFile', 'PassEnvironment', 'UnsetEnvironment',
  // credentials and process properties
  'User', 'Group', 'SupplementaryGroups', 'DynamicUser', 'UMask', 'WorkingDirectory', 'RootDirectory',
  'Nice', 'OOMScoreAdjust', 'CPUAffinity', 'IOSchedulingClass', 'IOSchedulingPriority', 'IgnoreSIGPIPE',
  'ExecSearchPath', 'LoadCredential', 'SetCredential',
  'LimitCPU', 'LimitFSIZE', 'LimitDATA', 'LimitSTACK', 'LimitCORE', 'LimitRSS', 'LimitNOFILE', 'LimitAS',
  'LimitNPROC', 'LimitMEMLOCK', 'LimitLOCKS', 'LimitSIGPENDING', 'LimitMSGQUEUE', 'LimitNICE', 'LimitRTPRIO',
  'LimitRTTIME',
  // directories
  'RuntimeDirectory', 'StateDirectory', 'CacheDirectory', 'LogsDirectory', 'ConfigurationDirectory',
  'RuntimeDirectoryMode', 'StateDirectoryMode', 'CacheDirectoryMode', 'LogsDirectoryMode',
  'ConfigurationDirectoryMode', 'RuntimeDirectoryPreserve',
  // standard streams
  'StandardInput', 'StandardOutput', 'StandardError', 'StandardInputText', 'StandardInputData', 'TTYPath',
  'SyslogIdentifier',
  // resource control
  'MemoryMax', 'MemoryHigh', 'MemoryLow', 'MemorySwapMax', 'CPUQuota', 'CPUWeight', 'TasksMax', 'IOWeight',
] as const;

/** The five per-unit directory kinds and where each lives (relative to its root). */
export type DirectoryKind = 'runtime' | 'state' | 'cache' | 'logs' | 'configuration';
export const DIRECTORY_KINDS: readonly DirectoryKind[] = ['runtime', 'state', 'cache', 'logs', 'configuration'];

/** Where standard input comes from. */
export type InputSpec =
  | { kind: 'null' }
  /** TTYPath=; tty-force and tty-fail are accepted and open the terminal like tty (no TIOCSCTTY stealing). */
  | { kind: 'tty'; variant: 'tty' | 'tty-force' | 'tty-fail' }
  /** StandardInputText=/StandardInputData=, fed through a file written at each start. */
  | { kind: 'data' }
  | { kind: 'file'; path: string }
  /** The first passed fd (socket activation). */
  | { kind: 'socket' }
  /** The passed fd with this FileDescriptorName. */
  | { kind: 'fd'; name: string };

/** Where standard output or error goes. */
export type OutputSpec =
  /** stdout: same as stdin; stderr: same as stdout. */
  | { kind: 'inherit' }
  | { kind: 'null' }
  | { kind: 'tty' }
  /** journal, kmsg, journal+console, kmsg+console: the unit's log file (logDir()/UNIT.log). */
  | { kind: 'log'; as: string }
  /** file: (written from the start), append:, truncate:. */
  | { kind: 'file'; path: string; mode: 'file' | 'append' | 'truncate' }
  | { kind: 'socket' }
  | { kind: 'fd'; name: string };

/** A memory setting: absolute bytes, a percentage of physical memory, or no limit. */
export type MemoryValue = { bytes: number } | { percent: number } | { max: true };

/** One resource-control setting as written (for notices) and parsed. */
export interface Resource<T> {
  /** "MemoryMax=1G": the assignment as the unit file has it. */
  written: string;
  value: T;
}

interface ResourceSettings {
  memoryMax: Resource<MemoryValue> | null;
  memoryHigh: Resource<MemoryValue> | null;
  memoryLow: Resource<MemoryValue> | null;
  memorySwapMax: Resource<MemoryValue> | null;
  /** Percent of one CPU (200 = two CPUs); written to cpu.max with a 100 ms period. */
  cpuQuota: Resource<number> | null;
  /** 1..10000, or 'idle' (cpu.idle). */
  cpuWeight: Resource<number | 'idle'> | null;
  /** A count, a percentage of the kernel's task maximum, or no limit. */
  tasksMax: Resource<{ count: number } | { percent: number } | { max: true }> | null;
  /** 1..10000 (io.weight "default N"). */
  ioWeight: Resource<number> | null;
}

/** One LoadCredential=ID[:PATH] (source null: the credential stores) or SetCredential=ID:DATA. */
export type CredentialSetting =
  | { id: string; kind: 'load'; source: string | null }
  | { id: string; kind: 'set'; data: string };

/** A path setting whose '-' prefix tolerates absence. */
export interface OptionalPath {
  path: string;
  optional: boolean;
}

export interface ExecSettings {
  /** Environment= in order (later assignments of a name win). */
  environment: Array<[string, string]>;
  /** EnvironmentFile=, read at each start; optional ('-') files may be missing. */
  environmentFiles: OptionalPath[];
  /** PassEnvironment=: names copied from the worker's own environment when set there. */
  passEnvironment: string[];
  /** UnsetEnvironment=: "NAME" removes the name, "NAME=VALUE" only that exact assignment. */
  unsetEnvironment: string[];
  /** User= as written (name or uid), null for root. */
  user: string | null;
  /** Group= as written, null for the user's primary group. */
  group: string | null;
  /** SupplementaryGroups= names or gids, added to the user's groups of /etc/group. */
  supplementaryGroups: string[];
  /** UMask= (default 0022). */
  umask: number;
  /** WorkingDirectory=; "~" is the user's home. null: "/" (systemd's default for system services). */
  workingDirectory: OptionalPath | null;
  /** RootDirectory=: an absolute path the processes are chrooted into, or null. */
  rootDirectory: string | null;
  nice: number | null;
  oomScoreAdjust: number | null;
  /** CPUAffinity=: the CPU numbers, merged over assignments (empty resets); null leaves it inherited. */
  cpuAffinity: number[] | null;
  /** IOSchedulingClass=/IOSchedulingPriority= as ioprio_set(2)'s value (class << 13 | level), or null. */
  ioPriority: number | null;
  /** IgnoreSIGPIPE= (default yes): SIGPIPE is ignored in the processes. */
  ignoreSigpipe: boolean;
  /** ExecSearchPath=: where bare program names are found at each start, and PATH unless the unit sets it. */
  execSearchPath: string[];
  /** LoadCredential= and SetCredential= in order: files of $CREDENTIALS_DIRECTORY (%d). */
  credentials: CredentialSetting[];
  /** Limit*= in key order; soft <= hard, Infinity for "infinity". */
  limits: Rlimit[];
  /** RuntimeDirectory= and friends: relative paths below their roots. */
  directories: Record<DirectoryKind, string[]>;
  /** *DirectoryMode= (defaults 0755). */
  directoryModes: Record<DirectoryKind, number>;
  runtimeDirectoryPreserve: 'no' | 'yes' | 'restart';
  stdin: InputSpec;
  stdout: OutputSpec;
  stderr: OutputSpec;
  /** StandardInputText= lines and StandardInputData= bytes, concatenated in order. */
  stdinData: Buffer | null;
  /** TTYPath= (default /dev/console). */
  ttyPath: string;
  /** SyslogIdentifier=, recorded and shown in properties; null means the process name. */
  syslogIdentifier: string | null;
  resources: ResourceSettings;
}

/** The settings of a [Service] section without any exec key. */
export function defaultExecSettings(): ExecSettings {
  return {
    environment: [], environmentFiles: [], passEnvironment: [], unsetEnvironment: [],
    user: null, group: null, supplementaryGroups: [], umask: 0o022, workingDirectory: null, rootDirectory: null,
    nice: null, oomScoreAdjust: null, cpuAffinity: null, ioPriority: null, ignoreSigpipe: true, execSearchPath: [],
    credentials: [], limits: [],
    directories: { runtime: [], state: [], cache: [], logs: [], configuration: [] },
    directoryModes: { runtime: 0o755, state: 0o755, cache: 0o755, logs: 0o755, configuration: 0o755 },
    runtimeDirectoryPreserve: 'no',
    stdin: { kind: 'null' }, stdout: { kind: 'log', as: 'journal' }, stderr: { kind: 'inherit' }, stdinData: null,
    ttyPath: '/dev/console', syslogIdentifier: null,
    resources: {
      memoryMax: null, memoryHigh: null, memoryLow: null, memorySwapMax: null, cpuQuota: null, cpuWeight: null,
      tasksMax: null, ioWeight: null,
    },
  };
}
