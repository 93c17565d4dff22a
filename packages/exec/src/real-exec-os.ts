// The real ExecOs: node:fs on the real paths (or on roots a test injects), and the manager's
// environment (the worker's own process.env with system.conf's ManagerEnvironment=,
// manager-environment.ts) as the only source of PassEnvironment=. RealServiceOs can extend this class (its
// own readFile/isDirectory/cgroupRoot have the same contracts).
import fs from 'node:fs';
import path from 'node:path';
import { configDir, runtimeDir } from '@sysmaster/proto';
import { cgroup2Root } from '@sysmaster/sys';
import { managerEnvironment } from './manager-environment';
import type { DirectoryRoots, ExecOs } from './os-needs';

/** The production roots: /run, /var/lib, /var/cache, /var/log, /etc, <runtime dir>/exec. */
export function defaultDirectoryRoots(): DirectoryRoots {
  return {
    runtime: '/run', state: '/var/lib', cache: '/var/cache', logs: '/var/log', configuration: '/etc',
    data: path.join(runtimeDir(), 'exec'), localeFile: '/etc/default/locale', passwd: '/etc/passwd', group: '/etc/group',
  };
}

export class RealExecOs implements ExecOs {
  private hierarchy: string | null | undefined;

  /** `cgroupHierarchy` undefined: found by @sysmaster/sys cgroup2Root() on first use. */
  constructor(private readonly execRoots: DirectoryRoots = defaultDirectoryRoots(), cgroupHierarchy?: string | null) {
    this.hierarchy = cgroupHierarchy;
  }

  readFile(file: string): string {
    return fs.readFileSync(file, 'utf8');
  }

  isDirectory(dir: string): boolean {
    try { return fs.statSync(dir).isDirectory(); } catch { return false; }
  }

  cgroupRoot(): string | null {
    if (this.hierarchy === undefined) this.hierarchy = cgroup2Root();
    return this.hierarchy;
  }

  writeFile(file: string, data: string | Buffer, mode?: number): void {
    fs.writeFileSync(file, data, mode === undefined ? {} : { mode });
    if (mode !== undefined) fs.chmodSync(file, mode);
  }

  makeDirectory(dir: string, mode: number): boolean {
    if (this.isDirectory(dir)) return false;
    // Missing parents are 0755 whatever the worker's umask is.
    const parent = path.dirname(dir);
    const first = fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
    if (first !== undefined) {
      for (let p = parent; p.length >= first.length; p = path.dirname(p)) fs.chmodSync(p, 0o755);
    }
    try {
      fs.mkdirSync(dir, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && this.isDirectory(dir)) return false;
      throw error;
    }
    return true;
  }

  chown(file: string, uid: number, gid: number): void {
    fs.chownSync(file, uid, gid);
  }

  chmod(file: string, mode: number): void {
    fs.chmodSync(file, mode);
  }

  removeTree(file: string): void {
    fs.rmSync(file, { recursive: true, force: true });
  }

  subdirectories(dir: string): string[] {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  }

  ownEnvironment(): Readonly<Record<string, string | undefined>> {
    let conf = '';
    try {
      conf = fs.readFileSync(path.join(configDir(), 'system.conf'), 'utf8');
    } catch {
      // No system.conf: the process environment alone.
    }
    return managerEnvironment(process.env, conf);
  }

  directoryRoots(): DirectoryRoots {
    return this.execRoots;
  }
}
