// ExecOs: exactly the operating-system effects the exec module needs, as a seam
// (docs/coding-habits.md habit 6). ServiceOs (../os.ts) extends it, so the state machine passes its
// own seam to prepareLaunch()/finishRun()/applyCgroupSettings(); RealExecOs (real-exec-os.ts)
// implements it with node:fs, and RealServiceOs extends RealExecOs. Besides readFile(),
// isDirectory() and cgroupRoot() it holds:
//
//   writeFile(path: string, data: string | Buffer, mode?: number): void
//   makeDirectory(path: string, mode: number): boolean          // mkdir -p; true when created now
//   chown(path: string, uid: number, gid: number): void
//   chmod(path: string, mode: number): void
//   removeTree(path: string): void                              // rm -rf, ignores absence
//   subdirectories(path: string): string[]                      // names; [] when unreadable
//   ownEnvironment(): Readonly<Record<string, string | undefined>>
//   directoryRoots(): DirectoryRoots
//
// Every method throws a Node errno error (with .code) on failure unless it says otherwise.

/** Where the per-unit directories and the exec module's own files live; injectable for tests. */
export interface DirectoryRoots {
  /** RuntimeDirectory= root, /run. */
  runtime: string;
  /** StateDirectory= root, /var/lib. */
  state: string;
  /** CacheDirectory= root, /var/cache. */
  cache: string;
  /** LogsDirectory= root, /var/log. */
  logs: string;
  /** ConfigurationDirectory= root, /etc. */
  configuration: string;
  /** Files the exec module writes for a run (StandardInputData), /run/sysmaster/exec. */
  data: string;
  /** The system's locale settings (LANG=), /etc/default/locale. */
  localeFile: string;
  /** /etc/passwd and /etc/group. */
  passwd: string;
  group: string;
}

export interface ExecOs {
  /** Reads a text file; throws with code ENOENT when it does not exist. */
  readFile(path: string): string;
  /** True when path exists and is a directory. */
  isDirectory(path: string): boolean;
  /** The cgroup v2 hierarchy root (absolute), or null when there is none. */
  cgroupRoot(): string | null;
  /** Writes (creates or truncates) a file; cgroup control files are written this way. */
  writeFile(path: string, data: string | Buffer, mode?: number): void;
  /** mkdir -p; the last component gets `mode` when created. True when it did not exist before. */
  makeDirectory(path: string, mode: number): boolean;
  chown(path: string, uid: number, gid: number): void;
  chmod(path: string, mode: number): void;
  /** rm -rf; a missing path is not an error. */
  removeTree(path: string): void;
  /** Names of the directories inside `path`; [] when it cannot be read. */
  subdirectories(path: string): string[];
  /** The manager's environment (the worker's own plus ManagerEnvironment=): the only source of PassEnvironment=. */
  ownEnvironment(): Readonly<Record<string, string | undefined>>;
  directoryRoots(): DirectoryRoots;
}
