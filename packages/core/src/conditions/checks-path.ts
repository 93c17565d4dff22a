// The file-system checks of systemd.unit(5): PathExists, PathExistsGlob, PathIsDirectory,
// PathIsSymbolicLink, PathIsMountPoint, PathIsReadWrite, DirectoryNotEmpty, FileNotEmpty,
// FileIsExecutable. Every parameter must be an absolute path; it is normalized at load time
// ("/etc//foo/" → "/etc/foo"), a glob is kept as written.
//
// Mount facts come from /proc/self/mountinfo: a path is a mount point when its canonical form
// is one of the listed mount points (so bind mounts of the same file system count, which
// comparing st_dev with the parent would miss), and it is read-only when the mount that holds
// it — the last-listed, longest mount point that is a prefix of it — has "ro" in its mount or
// super-block options.

import { posix } from 'node:path';
import type { CheckKind } from './check';
import { expandBraces, hasWildcard, segmentMatches, unescapeGlob } from './match';
import type { ConditionEnv } from './types';
import { parseMountinfo } from '@sysmaster/sys';

function absolutePath(value: string): string {
  if (!value.startsWith('/')) throw new Error(`"${value}" is not an absolute path`);
  const normalized = posix.normalize(value);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

function absoluteGlob(value: string): string {
  if (!value.startsWith('/')) throw new Error(`"${value}" is not an absolute path or glob`);
  return value;
}

/** Does any path match a glob(3) pattern (with GLOB_BRACE)? Walks the tree one segment at a time. */
function globMatches(pattern: string, env: ConditionEnv): boolean {
  for (const expanded of expandBraces(pattern)) {
    const wantDirectory = expanded.length > 1 && expanded.endsWith('/');
    const segments = expanded.split('/').filter((s) => s !== '');
    let current = ['/'];
    for (const segment of segments) {
      const next: string[] = [];
      for (const dir of current) {
        if (hasWildcard(segment)) {
          for (const name of env.readdir(dir) ?? []) {
            if (segmentMatches(segment, name)) next.push(posix.join(dir, name));
          }
        } else {
          next.push(posix.join(dir, unescapeGlob(segment)));
        }
      }
      current = next;
      if (current.length === 0) break;
    }
    for (const candidate of current) {
      const facts = wantDirectory ? env.stat(candidate) : env.lstat(candidate);
      if (facts !== null && (!wantDirectory || facts.kind === 'directory')) return true;
    }
  }
  return false;
}

interface MountEntry { mountPoint: string; readOnly: boolean }

/** The mounts of /proc/self/mountinfo, in listing order. */
function readMounts(env: ConditionEnv): MountEntry[] {
  const text = env.readFile('/proc/self/mountinfo');
  if (text === null) throw new Error('/proc/self/mountinfo is not readable');
  return parseMountinfo(text).map((m) => ({
    mountPoint: m.mountPoint,
    readOnly: m.options.includes('ro') || m.superOptions.includes('ro'),
  }));
}

function isMountPoint(path: string, env: ConditionEnv): boolean {
  const real = env.realpath(path);
  if (real === null) return false;
  if (real === '/') return true;
  return readMounts(env).some((m) => m.mountPoint === real);
}

/**
 * Is the file system holding `path` mounted read-only? null when the path does not resolve.
 * The holder is the last-listed mount with the longest mount point that contains the path.
 */
export function isOnReadOnlyMount(path: string, env: ConditionEnv): boolean | null {
  const real = env.realpath(path);
  if (real === null) return null;
  let holder: MountEntry | null = null;
  for (const mount of readMounts(env)) {
    const prefix = mount.mountPoint === '/' ? '/' : `${mount.mountPoint}/`;
    const contains = real === mount.mountPoint || real.startsWith(prefix);
    if (contains && (holder === null || mount.mountPoint.length >= holder.mountPoint.length)) holder = mount;
  }
  // No mount listed holds it (an unusual chroot): ask the kernel whether writing is allowed.
  return holder === null ? !env.access(real, 'write') : holder.readOnly;
}

// Suffixes systemd treats as package-manager leftovers ("hidden or backup" files), which do not
// make a directory non-empty.
const BACKUP_SUFFIXES = [
  '.rpmnew', '.rpmsave', '.rpmorig', '.dpkg-old', '.dpkg-new', '.dpkg-tmp', '.dpkg-dist',
  '.dpkg-bak', '.dpkg-backup', '.dpkg-remove', '.ucf-new', '.ucf-old', '.ucf-dist', '.swp',
  '.bak', '.old', '.new',
];

function isHiddenOrBackup(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || BACKUP_SUFFIXES.some((s) => name.endsWith(s));
}

export const PATH_CHECKS: Readonly<Record<string, CheckKind>> = {
  PathExists: { parse: absolutePath, test: (p, env) => env.stat(p) !== null },
  PathExistsGlob: { parse: absoluteGlob, test: globMatches },
  PathIsDirectory: { parse: absolutePath, test: (p, env) => env.stat(p)?.kind === 'directory' },
  PathIsSymbolicLink: { parse: absolutePath, test: (p, env) => env.lstat(p)?.kind === 'symlink' },
  PathIsMountPoint: { parse: absolutePath, test: isMountPoint },
  PathIsReadWrite: { parse: absolutePath, test: (p, env) => isOnReadOnlyMount(p, env) === false },
  DirectoryNotEmpty: {
    parse: absolutePath,
    test: (p, env) => (env.readdir(p) ?? []).some((name) => !isHiddenOrBackup(name)),
  },
  FileNotEmpty: {
    parse: absolutePath,
    test: (p, env) => {
      const facts = env.stat(p);
      return facts !== null && facts.kind === 'file' && facts.size > 0;
    },
  },
  FileIsExecutable: {
    parse: absolutePath,
    test: (p, env) => {
      const facts = env.stat(p);
      return facts !== null && facts.kind === 'file' && (facts.mode & 0o111) !== 0;
    },
  },
};
