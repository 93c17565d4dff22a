// The data of the conditions module: one parsed check, and the seam through which every check
// reads the machine.
//
// The seam is deliberately primitive: a read-only view of the file system plus the few process
// and kernel facts that are not files (uname, hostname, credentials, environment). Everything
// systemd derives from files (virtualization, security frameworks, capabilities, AC power,
// first boot, mounts, users and groups) is derived here, in this module, from those primitives,
// so a fake ConditionEnv made of a map of paths exercises the real detection logic.

/** One Condition*= or Assert*= assignment, parsed (systemd.unit(5), "Conditions and Asserts"). */
export interface Condition {
  /** The key as written, e.g. "ConditionPathExists" or "AssertUser". */
  key: string;
  /** The check without its prefix, e.g. "PathExists". */
  kind: string;
  /** True for Assert*=: a failure fails the start job instead of skipping the unit. */
  assert: boolean;
  /** '!' given: the check passes when the test is false. */
  negate: boolean;
  /** '|' given: a triggering condition; at least one of the unit's triggering checks must pass. */
  trigger: boolean;
  /** The parameter after the '|' and '!' prefixes (paths normalized). */
  value: string;
  file: string;
  line: number;
}

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

/** What a check needs to know about one file. */
export interface FileFacts {
  kind: FileKind;
  size: number;
  /** The permission bits (st_mode & 07777). */
  mode: number;
  /** st_mtime in nanoseconds since the epoch (NeedsUpdate compares at systemd's precision). */
  mtimeNs: bigint;
}

/** The credentials of the manager process (ConditionUser=, ConditionGroup=, container checks). */
export interface ProcessCredentials {
  pid: number;
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  /** Supplementary groups. */
  groups: number[];
}

/**
 * Every fact a check reads. Paths are absolute. No method throws for a missing file: absence is
 * null/false. A method may throw for an unexpected error (EIO, …); the check that called it then
 * fails with that error in its message, as systemd's "assuming failed".
 */
export interface ConditionEnv {
  /** stat(2), following symlinks; null when the path does not resolve. */
  stat(path: string): FileFacts | null;
  /** lstat(2); null when the path does not exist. */
  lstat(path: string): FileFacts | null;
  /** access(2) for the manager's credentials. */
  access(path: string, mode: 'read' | 'write' | 'execute'): boolean;
  /** The names in a directory (no "." or ".."); null when it is absent or not a directory. */
  readdir(path: string): string[] | null;
  /** A file's contents as UTF-8; null when it is absent or unreadable. */
  readFile(path: string): string | null;
  /** The canonical path (symlinks resolved); null when it does not resolve. */
  realpath(path: string): string | null;
  /** uname -r. */
  kernelRelease(): string;
  /** uname -m (x86_64, aarch64, …). */
  machine(): string;
  /** The endianness of the CPU (tells mips from mips-le, ppc64 from ppc64-le when uname does not). */
  endianness(): 'BE' | 'LE';
  /** The architecture the manager was built for, as Node names it (process.arch). */
  nativeArch(): string;
  /** gethostname(2). */
  hostname(): string;
  credentials(): ProcessCredentials;
  /** The manager's environment as KEY=VALUE entries. */
  environment(): readonly string[];
}
