// A ConditionEnv held in memory: a small file tree plus process facts. It is the fake for the
// engine's and this module's unit tests, and a way for tools to ask "would this unit start on
// a machine like that?". Directories are implied by the paths of the entries below them.

import { posix } from 'node:path';
import type { ConditionEnv, FileFacts, ProcessCredentials } from './types';

type MemoryEntry =
  | string // a regular file with this content, mode 0644
  | { file: string; mode?: number; mtimeNs?: bigint }
  | { dir: true; mtimeNs?: bigint; mode?: number }
  | { symlink: string };

export interface MemoryEnvSpec {
  files?: Record<string, MemoryEntry>;
  /** Paths for which access(…, 'write') is false (everything else is writable and readable). */
  readOnly?: string[];
  kernelRelease?: string;
  machine?: string;
  endianness?: 'BE' | 'LE';
  nativeArch?: string;
  hostname?: string;
  credentials?: Partial<ProcessCredentials>;
  environment?: string[];
}

const MAX_SYMLINKS = 40;

export function memoryConditionEnv(spec: MemoryEnvSpec = {}): ConditionEnv {
  const entries = new Map<string, MemoryEntry>();
  const directories = new Set<string>(['/']);
  for (const [path, entry] of Object.entries(spec.files ?? {})) {
    const normalized = posix.normalize(path);
    entries.set(normalized, entry);
    if (typeof entry === 'object' && 'dir' in entry) directories.add(normalized);
    for (let dir = posix.dirname(normalized); dir !== '/'; dir = posix.dirname(dir)) directories.add(dir);
  }

  /** The canonical path with every symlink resolved, or null (dangling, loop). */
  function resolve(path: string): string | null {
    let hops = 0;
    const parts = posix.normalize(path).split('/').filter((p) => p !== '');
    let current = '/';
    while (parts.length > 0) {
      const part = parts.shift() ?? '';
      if (part === '..') { current = posix.dirname(current); continue; }
      const next = posix.join(current, part);
      const entry = entries.get(next);
      if (typeof entry === 'object' && 'symlink' in entry) {
        if (++hops > MAX_SYMLINKS) return null;
        const target = entry.symlink.startsWith('/') ? entry.symlink : posix.join(current, entry.symlink);
        parts.unshift(...target.split('/').filter((p) => p !== ''));
        current = '/';
        continue;
      }
      if (entry === undefined && !directories.has(next)) return null;
      current = next;
    }
    return current;
  }

  function factsOf(path: string): FileFacts | null {
    const entry = entries.get(path);
    if (entry === undefined) {
      return directories.has(path) ? { kind: 'directory', size: 4096, mode: 0o755, mtimeNs: 0n } : null;
    }
    if (typeof entry === 'string') return { kind: 'file', size: Buffer.byteLength(entry), mode: 0o644, mtimeNs: 0n };
    if ('file' in entry) {
      return { kind: 'file', size: Buffer.byteLength(entry.file), mode: entry.mode ?? 0o644, mtimeNs: entry.mtimeNs ?? 0n };
    }
    if ('dir' in entry) return { kind: 'directory', size: 4096, mode: entry.mode ?? 0o755, mtimeNs: entry.mtimeNs ?? 0n };
    return { kind: 'symlink', size: entry.symlink.length, mode: 0o777, mtimeNs: 0n };
  }

  const credentials: ProcessCredentials = { pid: 4242, uid: 0, euid: 0, gid: 0, egid: 0, groups: [], ...spec.credentials };
  return {
    stat: (path) => {
      const real = resolve(path);
      return real === null ? null : factsOf(real);
    },
    lstat: (path) => {
      const parent = resolve(posix.dirname(posix.normalize(path)));
      return parent === null ? null : factsOf(posix.join(parent, posix.basename(path)));
    },
    access: (path, mode) => resolve(path) !== null && !(mode === 'write' && (spec.readOnly ?? []).includes(path)),
    readdir: (path) => {
      const real = resolve(path);
      if (real === null || !directories.has(real)) return null;
      const prefix = real === '/' ? '/' : `${real}/`;
      const names = new Set<string>();
      for (const candidate of [...entries.keys(), ...directories]) {
        if (candidate.startsWith(prefix) && candidate !== real) {
          const name = candidate.slice(prefix.length).split('/')[0];
          if (name !== undefined && name !== '') names.add(name);
        }
      }
      return [...names].sort();
    },
    readFile: (path) => {
      const real = resolve(path);
      const entry = real === null ? undefined : entries.get(real);
      if (typeof entry === 'string') return entry;
      return entry !== undefined && 'file' in entry ? entry.file : null;
    },
    realpath: resolve,
    kernelRelease: () => spec.kernelRelease ?? '6.1.0-18-amd64',
    machine: () => spec.machine ?? 'x86_64',
    endianness: () => spec.endianness ?? 'LE',
    nativeArch: () => spec.nativeArch ?? 'x64',
    hostname: () => spec.hostname ?? 'testhost',
    credentials: () => credentials,
    environment: () => spec.environment ?? [],
  };
}
