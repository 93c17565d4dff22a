// A SocketOs that keeps everything in memory: fds are numbers, polls are callbacks the test
// fires, holders are pids with the fds they hold. For the unit tests of the socket worker.
import { constants } from 'node:os';
import { defaultDirectoryRoots, type ExecOs } from '@sysmaster/exec';
import { SysError, type AcceptedConnection, type ExecContext, type ExitInfo, type ListenSpec, type PeerCredentials, type RefusedOption } from '@sysmaster/sys';
import type { HandoverRecord, SocketOs } from '../src/os';

/** A connection a test queues: both ends' addresses, and SO_PEERCRED for a unix peer. */
export type FakeConnection = Omit<AcceptedConnection, 'fd'> & { cred?: PeerCredentials };

/** What an open fd of the fake is: a socket's spec, or the file or queue it was opened on. */
export type FakeOpen =
  | ListenSpec
  | { fifo: string; mode: number; pipeSize?: number }
  | { special: string; writable: boolean }
  | { mqueue: string; mode: number; maxMessages: number; messageSize: number };

function sysError(syscall: string, code: string): SysError {
  return new SysError(`${syscall} failed: ${code}`, { syscall, errno: constants.errno[code as keyof typeof constants.errno], code });
}

export class FakeSocketOs implements SocketOs {
  nextFd = 10;
  nextPid = 500;
  clock = 1_000_000;
  readonly open = new Map<number, FakeOpen>();
  readonly polls = new Map<number, () => void>();
  readonly holders = new Map<number, { unit: string; fds: number[] }>();
  readonly handovers = new Map<string, HandoverRecord>();
  readonly dirs: Array<[string, number]> = [];
  readonly unlinked: string[] = [];
  readonly unlinkedQueues: string[] = [];
  readonly symlinks: Array<[string, string]> = [];
  readonly chowned: Array<[string, string | null, string | null]> = [];
  /** Listen addresses (and special paths, queue names) that fail with this errno. */
  readonly refuse = new Map<string, string>();
  /** ListenSpec options the kernel "refuses" with this errno (reported, the socket kept). */
  readonly refuseOption = new Map<keyof ListenSpec, string>();
  /** PipeSize= fails with this errno when set. */
  pipeSizeError: string | null = null;
  /** Connections waiting on each listening fd (acceptConnection takes them in order). */
  readonly pending = new Map<number, FakeConnection[]>();
  /** SO_PEERCRED of connection fds. */
  readonly credentials = new Map<number, PeerCredentials>();
  /** Armed timers, fired by fireTimers(). */
  readonly timers = new Set<() => void>();
  /** Exec*= commands spawned, in order: the request and its pid. */
  readonly spawned: Array<{ pid: number; request: ExecContext }> = [];
  readonly signals: Array<[number, number]> = [];
  private readonly exits = new Map<number, (exit: ExitInfo) => void>();
  /** The cgroup v2 root the exec seam reports (null: no hierarchy), and the processes in each cgroup dir. */
  cgroupRoot: string | null = null;
  readonly cgroupProcs = new Map<string, number[]>();
  /** Programs whose spawn fails (ENOENT). */
  readonly missing = new Set<string>();
  /** The ExecOs of @sysmaster/exec: no files but an empty environment, no cgroups. */
  readonly exec: ExecOs = {
    readFile: (file) => {
      const procs = this.cgroupProcs.get(file.replace(/\/cgroup\.procs$/, ''));
      if (procs !== undefined) return procs.map((pid) => `${pid}\n`).join('');
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
    isDirectory: (dir) => dir === '/',
    cgroupRoot: () => this.cgroupRoot,
    writeFile: () => undefined,
    makeDirectory: () => true,
    chown: () => undefined,
    chmod: () => undefined,
    removeTree: () => undefined,
    subdirectories: () => [],
    ownEnvironment: () => ({}),
    directoryRoots: () => defaultDirectoryRoots(),
  };

  spawnControl(request: ExecContext): number {
    if (this.missing.has(request.path)) throw new SysError(`execve ${request.path}: ENOENT`, { syscall: 'execve', errno: constants.errno.ENOENT, code: 'ENOENT' });
    const pid = this.nextPid++;
    this.spawned.push({ pid, request });
    return pid;
  }

  watchExit(pid: number, onExit: (exit: ExitInfo) => void): () => void {
    this.exits.set(pid, onExit);
    return () => { this.exits.delete(pid); };
  }

  kill(pid: number, signal: number): void { this.signals.push([pid, signal]); }
  readonly removedCgroups: string[] = [];
  removeCgroup(dir: string): void { this.removedCgroups.push(dir); }

  /** Ends the Exec*= command `pid` (exit code, or a signal name). */
  exit(pid: number, how: number | string): void {
    const onExit = this.exits.get(pid);
    if (!onExit) throw new Error(`nobody waits for pid ${pid}`);
    this.exits.delete(pid);
    onExit(typeof how === 'number' ? { pid, code: how, signal: null, core: false } : { pid, code: null, signal: how, core: false });
  }

  /** The argv of the last spawned command. */
  lastCommand(): string[] { return this.spawned.at(-1)?.request.argv ?? []; }

  listen(spec: ListenSpec, onRefused: (refused: RefusedOption) => void): number {
    const code = this.refuse.get(spec.address === '' ? String(spec.port) : `${spec.address}:${spec.port}`) ?? this.refuse.get(spec.address);
    if (code !== undefined) throw sysError('bind', code);
    const fd = this.nextFd++;
    const kept: ListenSpec = { ...spec };
    for (const [option, errno] of this.refuseOption) {
      if (!(option in spec)) continue;
      Reflect.deleteProperty(kept, option);
      onRefused({ option, error: sysError('setsockopt', errno) });
    }
    this.open.set(fd, kept);
    return fd;
  }

  mkfifo(path: string, mode: number): number {
    const fd = this.nextFd++;
    this.open.set(fd, { fifo: path, mode });
    return fd;
  }

  setPipeSize(fd: number, bytes: number): void {
    const file = this.open.get(fd);
    if (!file || !('fifo' in file)) throw new Error(`F_SETPIPE_SZ on fd ${fd}, which is no FIFO`);
    if (this.pipeSizeError !== null) throw sysError('fcntl', this.pipeSizeError);
    file.pipeSize = bytes;
  }

  openSpecial(path: string, writable: boolean): number {
    const code = this.refuse.get(path);
    if (code !== undefined) throw sysError('open', code);
    const fd = this.nextFd++;
    this.open.set(fd, { special: path, writable });
    return fd;
  }

  openMessageQueue(name: string, mode: number, limits: { maxMessages: number; messageSize: number }): number {
    const code = this.refuse.get(name);
    if (code !== undefined) throw sysError('mq_open', code);
    const fd = this.nextFd++;
    this.open.set(fd, { mqueue: name, mode, ...limits });
    return fd;
  }

  unlinkMessageQueue(name: string): void { this.unlinkedQueues.push(name); }

  closeFd(fd: number): void {
    if (!this.open.delete(fd)) throw new Error(`close of fd ${fd}, which is not open`);
  }

  pollReadable(fd: number, onReadable: () => void): () => void {
    if (this.polls.has(fd)) throw new Error(`a second poll on fd ${fd}`);
    this.polls.set(fd, onReadable);
    return () => { this.polls.delete(fd); };
  }

  /** Makes fd readable: fires (and ends) its poll; false when nobody polls it. */
  readable(fd: number): boolean {
    const fire = this.polls.get(fd);
    if (!fire) return false;
    this.polls.delete(fd);
    fire();
    return true;
  }

  /** Queues connections on a listening fd and makes it readable; true when a poll fired. */
  connect(fd: number, ...conns: FakeConnection[]): boolean {
    this.pending.set(fd, [...(this.pending.get(fd) ?? []), ...conns]);
    return this.readable(fd);
  }

  acceptConnection(fd: number): AcceptedConnection | null {
    if (!this.open.has(fd)) throw new Error(`accept on fd ${fd}, which is not open`);
    const next = this.pending.get(fd)?.shift();
    if (next === undefined) return null;
    const { cred, ...addresses } = next;
    const conn = { ...addresses, fd: this.nextFd++ };
    this.open.set(conn.fd, { fifo: `connection on ${fd}`, mode: 0 });
    if (cred !== undefined) this.credentials.set(conn.fd, cred);
    return conn;
  }

  /** Datagrams or FIFO bytes waiting on each fd, for FlushPending=. */
  readonly queuedData = new Map<number, number>();
  readonly flushed: Array<[number, string, number]> = [];

  flushPending(fd: number, what: 'connections' | 'data'): number {
    const count = what === 'connections' ? (this.pending.get(fd)?.length ?? 0) : (this.queuedData.get(fd) ?? 0);
    this.pending.delete(fd);
    this.queuedData.delete(fd);
    this.flushed.push([fd, what, count]);
    return count;
  }

  peerCredentials(fd: number): PeerCredentials {
    const cred = this.credentials.get(fd);
    if (cred === undefined) throw new SysError('getsockopt failed: ENOTCONN', { syscall: 'getsockopt', errno: constants.errno.ENOTCONN, code: 'ENOTCONN' });
    return cred;
  }

  mkdirs(dir: string, mode: number): void { this.dirs.push([dir, mode]); }
  chown(path: string, user: string | null, group: string | null): void { this.chowned.push([path, user, group]); }
  unlink(path: string): void { this.unlinked.push(path); }
  symlink(target: string, link: string): void { this.symlinks.push([target, link]); }

  spawnHolder(unit: string, fds: number[]): number {
    const pid = this.nextPid++;
    this.holders.set(pid, { unit, fds: [...fds] });
    return pid;
  }

  retrieveFds(unit: string, holderPid: number, count: number): number[] {
    const holder = this.holders.get(holderPid);
    if (!holder || holder.unit !== unit) throw new Error(`pid ${holderPid} is not the fd holder of ${unit}`);
    return holder.fds.slice(0, count).map((fd) => {
      const copy = this.nextFd++;
      this.open.set(copy, this.open.get(fd) ?? { fifo: `copy of ${fd}`, mode: 0 });
      return copy;
    });
  }

  endHolder(unit: string, holderPid: number): void {
    if (this.holders.get(holderPid)?.unit === unit) this.holders.delete(holderPid);
  }

  writeHandover(unit: string, record: HandoverRecord | null): void {
    if (record === null) this.handovers.delete(unit);
    else this.handovers.set(unit, record);
  }

  now(): number { return this.clock; }

  setTimer(_ms: number, fn: () => void): () => void {
    this.timers.add(fn);
    return () => { this.timers.delete(fn); };
  }

  /** Fires every armed timer once. */
  fireTimers(): void {
    for (const fn of [...this.timers]) { this.timers.delete(fn); fn(); }
  }
}
