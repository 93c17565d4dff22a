// The ConditionEnv of the running machine: synchronous fs calls and os facts of this process.
// Conditions are checked when a start job runs, a handful per unit, so synchronous reads of
// small /proc and /sys files are cheaper than the promise machinery around them.

import { accessSync, constants, lstatSync, readFileSync, readdirSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { endianness, hostname, machine, release } from 'node:os';
import type { ConditionEnv, FileFacts, FileKind } from './types';

/** The errors that mean "not there" rather than "something is wrong". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

function absent(error: unknown): boolean {
  return ABSENT.has((error as NodeJS.ErrnoException).code ?? '');
}

function facts(stats: BigIntStats): FileFacts {
  const kind: FileKind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory'
    : stats.isSymbolicLink() ? 'symlink' : 'other';
  return { kind, size: Number(stats.size), mode: Number(stats.mode) & 0o7777, mtimeNs: stats.mtimeNs };
}

function probe<T>(operation: () => T): T | null {
  try {
    return operation();
  } catch (error) {
    if (absent(error)) return null;
    throw error;
  }
}

export function realConditionEnv(): ConditionEnv {
  return {
    stat: (path) => probe(() => facts(statSync(path, { bigint: true }))),
    lstat: (path) => probe(() => facts(lstatSync(path, { bigint: true }))),
    access: (path, mode) => {
      const flag = mode === 'read' ? constants.R_OK : mode === 'write' ? constants.W_OK : constants.X_OK;
      try {
        accessSync(path, flag);
        return true;
      } catch {
        return false;
      }
    },
    readdir: (path) => {
      try {
        return readdirSync(path);
      } catch (error) {
        if (absent(error) || (error as NodeJS.ErrnoException).code === 'EACCES') return null;
        throw error;
      }
    },
    // Unreadable (EACCES: /proc/1/environ of a PID 1 in another namespace) counts as absent:
    // every caller treats a missing fact as "no evidence".
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        if (absent(error) || (error as NodeJS.ErrnoException).code === 'EACCES') return null;
        throw error;
      }
    },
    realpath: (path) => probe(() => realpathSync(path)),
    kernelRelease: () => release(),
    machine: () => machine(),
    endianness: () => endianness(),
    nativeArch: () => process.arch,
    hostname: () => hostname(),
    credentials: () => ({
      pid: process.pid,
      uid: process.getuid?.() ?? 0,
      euid: process.geteuid?.() ?? 0,
      gid: process.getgid?.() ?? 0,
      egid: process.getegid?.() ?? 0,
      groups: process.getgroups?.() ?? [],
    }),
    environment: () => Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ''}`),
  };
}
