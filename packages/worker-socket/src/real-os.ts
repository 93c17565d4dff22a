// SocketOs on the real system: @sysmaster/sys for sockets, FIFOs, special files, message queues,
// polls, spawn and pidfd_getfd.
import fs from 'node:fs';
import * as sys from '@sysmaster/sys';
import type { Logger } from '@sysmaster/worker-kit';
import { handoverDir, holderArgv0, writeHandoverRecord } from './handover';
import type { HandoverRecord, SocketOs } from './os';

const SLEEP = ['/usr/bin/sleep', '/bin/sleep'];

/** A user or group by name or number, from /etc/passwd or /etc/group. */
function lookupId(file: string, name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined) return Number(fields[2]);
  }
  throw Object.assign(new Error(`no ${file === '/etc/passwd' ? 'user' : 'group'} named "${name}" in ${file}`), { code: 'ENOENT' });
}

function argv0Of(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    return '';
  }
}

export class RealSocketOs implements SocketOs {
  private readonly dir = handoverDir();

  constructor(private readonly log: Logger) {
    // The holders are our children until we die: reap them when they are ended.
    sys.onChildExit(() => undefined);
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
    const sleep = SLEEP.find((p) => fs.existsSync(p)) ?? 'sleep';
    return sys.spawn({
      path: sleep, argv: [holderArgv0(unit), 'infinity'], env: [], fds, setsid: true,
      stdin: { kind: 'null' }, stdout: { kind: 'null' }, stderr: { kind: 'null' },
    });
  }

  retrieveFds(unit: string, holderPid: number, count: number): number[] {
    if (argv0Of(holderPid) !== holderArgv0(unit)) throw new Error(`pid ${holderPid} is not the fd holder of ${unit}`);
    return sys.copyFdsFrom(holderPid, count);
  }

  endHolder(unit: string, holderPid: number): void {
    if (holderPid <= 0 || argv0Of(holderPid) !== holderArgv0(unit)) return;
    try {
      process.kill(holderPid, 'SIGKILL');
    } catch { /* gone already */ }
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
