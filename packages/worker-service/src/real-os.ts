// The real ServiceOs: @sysmaster/sys for what Node cannot do (spawn with the exec context applied
// in the child, reaping, pidfd), node:fs for cgroup v2 files, Node timers and clock.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as sys from '@sysmaster/sys';
import type { Logger } from '@sysmaster/worker-kit';
import type { ExitStatus, ServiceOs, SpawnRequest } from './os';

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export class RealServiceOs implements ServiceOs {
  private readonly root: string | null;

  constructor(private readonly log: Logger) {
    this.root = sys.cgroup2Root();
    if (this.root === null) log.warn('no cgroup v2 hierarchy: services run without cgroups');
  }

  spawn(request: SpawnRequest): number {
    return sys.spawn(request);
  }

  kill(pid: number, signal: number): boolean {
    try {
      process.kill(pid, signal);
      return true;
    } catch (error) {
      if (errnoCode(error) !== 'ESRCH') this.log.warn(`kill(${pid}, ${signal}) failed: ${(error as Error).message}`);
      return false;
    }
  }

  isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return errnoCode(error) === 'EPERM';
    }
  }

  onChildExit(listener: (pid: number, status: ExitStatus) => void): () => void {
    return sys.onChildExit((info) => listener(info.pid, { code: info.code, signal: info.signal, core: info.core }));
  }

  watchProcessExit(pid: number, onExit: () => void): () => void {
    try {
      return sys.watchProcessExit(pid, onExit);
    } catch (error) {
      // Already gone between the check and the watch: report the exit on the next turn.
      this.log.info(`pid ${pid} cannot be watched (${(error as Error).message}); treating it as exited`);
      const timer = setImmediate(onExit);
      return () => clearImmediate(timer);
    }
  }

  cgroupRoot(): string | null {
    return this.root;
  }

  createCgroup(dir: string): boolean {
    try {
      fs.mkdirSync(dir, { recursive: true });
      return true;
    } catch (error) {
      this.log.error(`cannot create cgroup ${dir}: ${(error as Error).message}`);
      return false;
    }
  }

  cgroupProcs(dir: string): number[] {
    try {
      return fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  cgroupKill(dir: string): boolean {
    try {
      fs.writeFileSync(path.join(dir, 'cgroup.kill'), '1');
      return true;
    } catch {
      return false;
    }
  }

  watchCgroup(dir: string, onChange: () => void): () => void {
    try {
      const watcher = fs.watch(path.join(dir, 'cgroup.events'), () => onChange());
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    } catch (error) {
      this.log.warn(`cannot watch ${dir}/cgroup.events: ${(error as Error).message}; relying on process exits`);
      return () => undefined;
    }
  }

  removeCgroup(dir: string): void {
    try { fs.rmdirSync(dir); } catch { /* busy or gone: left for the next run */ }
  }

  readFile(file: string): string {
    return fs.readFileSync(file, 'utf8');
  }

  isDirectory(dir: string): boolean {
    try { return fs.statSync(dir).isDirectory(); } catch { return false; }
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  }

  now(): number {
    return Date.now() * 1000;
  }

  randomId(): string {
    return crypto.randomBytes(16).toString('hex');
  }
}
