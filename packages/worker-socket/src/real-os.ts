// SocketOs on the real system: @sysmaster/sys for sockets, FIFOs, special files, message queues,
// polls, the fd holders and the Exec*= commands.
import fs from 'node:fs';
import { RealExecOs, type ExecOs } from '@sysmaster/exec';
import * as sys from '@sysmaster/sys';
import type { Logger } from '@sysmaster/worker-kit';
import { handoverDir, holderArgv0, writeHandoverRecord } from './handover';
import type { HandoverRecord, SocketOs } from './os';

/** A user or group by name or number, from /etc/passwd or /etc/group. */
function lookupId(file: string, name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined) return Number(fields[2]);
  }
  throw Object.assign(new Error(`no ${file === '/etc/passwd' ? 'user' : 'group'} named "${name}" in ${file}`), { code: 'ENOENT' });
}

export class RealSocketOs implements SocketOs {
  private readonly dir = handoverDir();

  readonly exec: ExecOs = new RealExecOs();
  private readonly exits = new Map<number, (exit: sys.ExitInfo) => void>();

  constructor(private readonly log: Logger) {
    // The holders and the Exec*= commands are our children: reap them, and tell who waits.
    sys.onChildExit((info) => {
      const onExit = this.exits.get(info.pid);
      this.exits.delete(info.pid);
      onExit?.(info);
    });
  }

  spawnControl(request: sys.ExecContext): number {
    return sys.spawn(request);
  }

  watchExit(pid: number, onExit: (exit: sys.ExitInfo) => void): () => void {
    this.exits.set(pid, onExit);
    return () => { this.exits.delete(pid); };
  }

  removeCgroup(dir: string): void {
    try {
      fs.rmdirSync(dir);
    } catch { /* busy or gone: left for the next stop */ }
  }

  kill(pid: number, signal: number): void {
    try {
      process.kill(pid, signal);
    } catch { /* gone already */ }
  }

  listen(spec: sys.ListenSpec, onRefused: (refused: sys.RefusedOption) => void): number {
    return sys.listen(spec, onRefused);
  }

  mkfifo(path: string, mode: number): number {
    return sys.mkfifo(path, mode);
  }

  setPipeSize(fd: number, bytes: number): void {
    sys.setPipeSize(fd, bytes);
  }

  openSpecial(path: string, writable: boolean): number {
    return sys.openSpecial(path, writable);
  }

  openMessageQueue(name: string, mode: number, limits: { maxMessages: number; messageSize: number }): number {
    return sys.openMessageQueue(name, mode, limits);
  }

  unlinkMessageQueue(name: string): void {
    sys.unlinkMessageQueue(name);
  }

  closeFd(fd: number): void {
    try {
      sys.closeFd(fd);
    } catch (error) {
      this.log.warn(`close(${fd}) failed: ${(error as Error).message}`);
    }
  }

  acceptConnection(fd: number): sys.AcceptedConnection | null {
    return sys.acceptConnection(fd);
  }

  flushPending(fd: number, what: 'connections' | 'data'): number {
    sys.setNonblock(fd, true);
    let count = 0;
    const buffer = Buffer.alloc(65536);
    for (; count < 100_000; count++) {
      try {
        if (what === 'connections') {
          const conn = sys.acceptConnection(fd);
          if (conn === null) break;
          sys.closeFd(conn.fd);
        } else if (fs.readSync(fd, buffer) <= 0) {
          break;
        }
      } catch {
        break; // EAGAIN: nothing more is queued
      }
    }
    return count;
  }

  peerCredentials(fd: number): sys.PeerCredentials {
    return sys.peerCredentials(fd);
  }

  pollReadable(fd: number, onReadable: () => void): () => void {
    return sys.pollReadable(fd, onReadable);
  }

  mkdirs(dir: string, mode: number): void {
    fs.mkdirSync(dir, { recursive: true, mode });
  }

  chown(path: string, user: string | null, group: string | null): void {
    const uid = user === null ? -1 : lookupId('/etc/passwd', user);
    const gid = group === null ? -1 : lookupId('/etc/group', group);
    fs.chownSync(path, uid, gid);
  }

  unlink(path: string): void {
    fs.rmSync(path, { force: true });
  }

  symlink(target: string, link: string): void {
    try {
      if (fs.lstatSync(link).isSymbolicLink()) fs.unlinkSync(link);
    } catch { /* nothing there */ }
    fs.symlinkSync(target, link);
  }

  spawnHolder(unit: string, fds: number[]): number {
    return sys.spawnFdHolder(holderArgv0(unit), fds);
  }

  retrieveFds(unit: string, holderPid: number, count: number): number[] {
    return sys.takeFdsFromHolder(holderPid, holderArgv0(unit), count);
  }

  endHolder(unit: string, holderPid: number): void {
    sys.endFdHolder(holderPid, holderArgv0(unit));
  }

  writeHandover(unit: string, record: HandoverRecord | null): void {
    writeHandoverRecord(this.dir, unit, record);
  }

  now(): number {
    return Date.now() * 1000;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  }
}
