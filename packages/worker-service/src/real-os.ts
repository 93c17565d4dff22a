// The real ServiceOs: @sysmaster/sys for what Node cannot do (spawn with the exec context applied
// in the child, reaping, pidfd, the notify socket), node:fs for cgroup v2 files, Node timers and
// clocks. The file and directory effects of the exec module come from RealExecOs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as sys from '@sysmaster/sys';
import type { Logger } from '@sysmaster/worker-kit';
import { RealExecOs } from '@sysmaster/exec';
import type { LogIndexOs } from './log-index';
import { UnitIds, socketFdsFor, type SocketFds } from './socket-fds';
import type { ExitStatus, NotifyDatagram, NotifyListener, ServiceOs, SpawnRequest } from './os';

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Datagrams handled per wake-up of the notify socket before yielding to the event loop. */
const NOTIFY_BATCH = 256;
/** argv[0] of every fd-store holder (fd-store.ts), which proves a pid is still one. */
const FD_STORE_HOLDER = 'sm-fdstore';

export class RealServiceOs extends RealExecOs implements ServiceOs {
  private readonly unitIds = new UnitIds();

  constructor(private readonly log: Logger) {
    super();
    if (this.cgroupRoot() === null) log.warn('no cgroup v2 hierarchy: services run without cgroups');
  }

  spawn(request: SpawnRequest): number {
    return sys.spawn(request);
  }

  socketFds(service: string, sockets: readonly string[] = []): SocketFds | null {
    return socketFdsFor(service, this.log, undefined, this.unitIds.resolve, sockets);
  }

  unitFilesReloaded(): void {
    this.unitIds.forget();
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

  cgroupOfPid(pid: number): string | null {
    return sys.cgroupOfPid(pid);
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

  fileOwner(file: string): number | null {
    try { return fs.statSync(file).uid; } catch { return null; }
  }

  removeFile(file: string): void {
    try { fs.rmSync(file, { force: true }); } catch { /* a directory or no permission: left as it is */ }
  }

  oomKills(dir: string): number | null {
    let text: string;
    try { text = fs.readFileSync(path.join(dir, 'memory.events'), 'utf8'); } catch { return null; }
    const match = /^oom_kill (\d+)$/m.exec(text);
    return match ? Number(match[1]) : null;
  }

  listenNotify(socketPath: string, onMessage: (message: NotifyDatagram) => void, inheritedFd?: number): NotifyListener {
    if (inheritedFd === undefined) fs.mkdirSync(path.dirname(socketPath), { recursive: true });
    const fd = inheritedFd ?? sys.notifySocket(socketPath);
    // An inherited fd crossed execve with CLOEXEC cleared: set it again, no service may inherit it.
    if (inheritedFd !== undefined) sys.setCloexec(fd, true);
    let cancel: (() => void) | null = null;
    let closed = false;
    const drain = (limit: number): boolean => {
      for (let i = 0; i < limit; i++) {
        let message: NotifyDatagram | null;
        try {
          message = sys.recvNotify(fd);
        } catch (error) {
          this.log.warn(`notify socket: ${(error as Error).message}`);
          return true;
        }
        if (message === null) return true;
        if (message.truncated) {
          this.log.warn(`notify socket: dropping a truncated message from pid ${message.pid}`);
          for (const passed of message.fds) this.closeFd(passed);
          continue;
        }
        try { onMessage(message); } catch (error) { this.log.error(`notify message from pid ${message.pid}: ${(error as Error).stack ?? String(error)}`); }
      }
      return false;
    };
    const arm = (): void => {
      if (closed) return;
      cancel = sys.pollReadable(fd, () => {
        cancel = null;
        // A bounded batch per wake-up keeps the loop free under a flood; the rest on the next turn.
        if (drain(NOTIFY_BATCH)) arm();
        else setImmediate(() => { if (drain(NOTIFY_BATCH)) arm(); else setImmediate(arm); });
      });
    };
    arm();
    return {
      drain: () => { drain(NOTIFY_BATCH); },
      close: () => {
        closed = true;
        cancel?.();
        try { sys.closeFd(fd); } catch { /* already closed */ }
      },
      release: () => {
        closed = true;
        cancel?.();
        return fd;
      },
    };
  }

  closeFd(fd: number): void {
    try { sys.closeFd(fd); } catch (error) { this.log.warn(`close(${fd}): ${(error as Error).message}`); }
  }

  spawnFdHolder(fds: number[]): number {
    return sys.spawnFdHolder(FD_STORE_HOLDER, fds);
  }

  retrieveFds(holderPid: number, count: number): number[] {
    return sys.takeFdsFromHolder(holderPid, FD_STORE_HOLDER, count);
  }

  endFdHolder(holderPid: number): void {
    sys.endFdHolder(holderPid, FD_STORE_HOLDER);
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  }

  now(): number {
    return Date.now() * 1000;
  }

  monotonicNow(): number {
    return Number(process.hrtime.bigint() / 1000n);
  }

  logIndexOs(): LogIndexOs {
    return {
      fileSize: (file) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? null,
      appendFile: (file, text) => fs.appendFileSync(file, text),
      removeFile: (file) => fs.rmSync(file, { force: true }),
      watchFile: (file, onChange) => {
        const watcher = fs.watch(file, { persistent: false }, onChange);
        watcher.on('error', () => watcher.close());
        return () => watcher.close();
      },
      now: () => this.now(),
      after: (ms, fn) => {
        const timer = setTimeout(fn, ms);
        timer.unref();
        return () => clearTimeout(timer);
      },
    };
  }

  randomId(): string {
    return crypto.randomBytes(16).toString('hex');
  }
}
