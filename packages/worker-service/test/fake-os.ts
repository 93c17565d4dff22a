// A scripted ServiceOs for the state-machine tests: processes are numbers, exits and timers
// happen when the test says so, and every effect is recorded for assertions.
import type { DirectoryRoots } from '@sysmaster/exec';
import type { ExitStatus, NotifyDatagram, NotifyListener, ServiceOs, SpawnRequest } from '../src/os';

export class FakeOs implements ServiceOs {
  nextPid = 100;
  clockMs = 1_000_000;
  readonly spawned: Array<{ pid: number; request: SpawnRequest }> = [];
  readonly signals: Array<[number, number]> = [];
  readonly cgroupKills: string[] = [];
  readonly alive = new Set<number>();
  readonly cgroups = new Map<string, Set<number>>();
  readonly files = new Map<string, string>();
  /** Paths whose spawn fails as a missing binary would. */
  readonly missing = new Set<string>();
  /** Pids that survive SIGTERM (they die only of SIGKILL). */
  readonly stubborn = new Set<number>();
  private readonly children = new Set<number>();
  private readonly listeners = new Set<(pid: number, status: ExitStatus) => void>();
  private readonly watchers = new Map<number, () => void>();
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private timerId = 0;
  private pending: Array<[number, ExitStatus]> = [];
  /** Owners (uid) of files, for PIDFile= checks; absent means root. */
  readonly owners = new Map<string, number>();
  /** fds closed by the worker. */
  readonly closed: number[] = [];
  /** Fd-store holders: pid -> the fds it holds. */
  readonly holders = new Map<number, number[]>();
  private notifyHandler: ((message: NotifyDatagram) => void) | null = null;
  private queuedNotify: NotifyDatagram[] = [];
  notifyPath = '';

  /** Paths whose spawn fails at this @sysmaster/sys step ('rlimit', 'setuid', …). */
  readonly failStep = new Map<string, string>();

  spawn(request: SpawnRequest): number {
    const step = this.failStep.get(request.path);
    if (step !== undefined) throw Object.assign(new Error(`spawn ${request.path}: failed at step ${step}`), { code: 'EPERM', step });
    if (this.missing.has(request.path)) throw Object.assign(new Error(`execve ${request.path}: ENOENT`), { code: 'ENOENT' });
    const pid = this.nextPid++;
    this.spawned.push({ pid, request });
    this.alive.add(pid);
    this.children.add(pid);
    if (request.cgroup) this.cgroups.get(request.cgroup)?.add(pid);
    return pid;
  }

  kill(pid: number, signal: number): boolean {
    if (!this.alive.has(pid)) return false;
    if (this.holders.has(pid)) { this.holders.delete(pid); this.alive.delete(pid); return true; }
    this.signals.push([pid, signal]);
    const fatal: Record<number, [string, boolean]> = { 2: ['SIGINT', false], 6: ['SIGABRT', true], 15: ['SIGTERM', false] };
    const effect = fatal[signal];
    if (signal === 9) this.pending.push([pid, { code: null, signal: 'SIGKILL', core: false }]);
    else if (effect && !this.stubborn.has(pid)) this.pending.push([pid, { code: null, signal: effect[0], core: effect[1] }]);
    return true;
  }

  isAlive(pid: number): boolean { return this.alive.has(pid); }

  onChildExit(listener: (pid: number, status: ExitStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watchProcessExit(pid: number, onExit: () => void): () => void {
    this.watchers.set(pid, onExit);
    return () => this.watchers.delete(pid);
  }

  cgroupRoot(): string | null { return '/cg'; }
  cgroupOfPid(pid: number): string | null {
    for (const [dir, set] of this.cgroups) if (set.has(pid)) return dir;
    return this.alive.has(pid) ? '/cg' : null;
  }
  createCgroup(dir: string): boolean { if (!this.cgroups.has(dir)) this.cgroups.set(dir, new Set()); return true; }
  cgroupProcs(dir: string): number[] { return [...(this.cgroups.get(dir) ?? [])]; }
  cgroupKill(dir: string): boolean {
    this.cgroupKills.push(dir);
    for (const pid of this.cgroups.get(dir) ?? []) this.pending.push([pid, { code: null, signal: 'SIGKILL', core: false }]);
    return true;
  }
  /** cgroup.events watches: called when a cgroup becomes empty ("populated 0"). */
  private readonly cgroupWatches = new Map<string, () => void>();
  watchCgroup(dir: string, onChange: () => void): () => void {
    this.cgroupWatches.set(dir, onChange);
    return () => { if (this.cgroupWatches.get(dir) === onChange) this.cgroupWatches.delete(dir); };
  }
  removeCgroup(dir: string): void { this.cgroups.delete(dir); }

  readFile(file: string): string {
    const text = this.files.get(file);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return text;
  }
  isDirectory(dir: string): boolean { return dir === '/' || this.files.has(`${dir}/`); }
  writeFile(file: string, data: string | Buffer): void { this.files.set(file, data.toString()); }
  makeDirectory(dir: string): boolean { const had = this.files.has(`${dir}/`); this.files.set(`${dir}/`, ''); return !had; }
  chown(): void { /* ownership is not modelled */ }
  chmod(): void { /* modes are not modelled */ }
  removeTree(file: string): void { for (const key of [...this.files.keys()]) if (key === file || key.startsWith(`${file}/`)) this.files.delete(key); }
  subdirectories(): string[] { return []; }
  ownEnvironment(): Readonly<Record<string, string | undefined>> { return {}; }
  directoryRoots(): DirectoryRoots {
    return { runtime: '/run', state: '/var/lib', cache: '/var/cache', logs: '/var/log', configuration: '/etc', data: '/run/sysmaster/exec', localeFile: '/etc/default/locale', passwd: '/etc/passwd', group: '/etc/group' };
  }
  fileOwner(file: string): number | null { return this.files.has(file) ? (this.owners.get(file) ?? 0) : null; }
  removeFile(file: string): void { this.files.delete(file); }
  /** memory.events oom_kill per cgroup directory; absent: no memory controller. */
  readonly oomKillCounts = new Map<string, number>();
  oomKills(dir: string): number | null { return this.oomKillCounts.get(dir) ?? null; }

  /** The fd listenNotify was given to take over (a re-exec), undefined when it bound a new socket. */
  notifyInherited: number | undefined;
  listenNotify(socketPath: string, onMessage: (message: NotifyDatagram) => void, inheritedFd?: number): NotifyListener {
    this.notifyPath = socketPath;
    this.notifyInherited = inheritedFd;
    this.notifyHandler = onMessage;
    return {
      drain: () => { const queued = this.queuedNotify; this.queuedNotify = []; for (const m of queued) onMessage(m); },
      close: () => { this.notifyHandler = null; },
      release: () => { this.notifyHandler = null; return 99; },
    };
  }
  /** A datagram from `pid`, handled at once (or queued until the next drain with `queue`). */
  sendNotify(pid: number, data: string, options: { fds?: number[]; uid?: number; queue?: boolean } = {}): void {
    const message: NotifyDatagram = { pid, uid: options.uid ?? 0, gid: 0, data, fds: options.fds ?? [], truncated: false };
    if (options.queue) this.queuedNotify.push(message);
    else this.notifyHandler?.(message);
  }
  closeFd(fd: number): void { this.closed.push(fd); }
  spawnFdHolder(fds: number[]): number {
    const pid = this.nextPid++;
    this.alive.add(pid);
    this.holders.set(pid, [...fds]);
    return pid;
  }
  retrieveFds(holderPid: number, count: number): number[] {
    const fds = this.holders.get(holderPid);
    if (!fds || !this.alive.has(holderPid)) throw new Error(`pid ${holderPid} is not an fd-store holder`);
    return fds.slice(0, count).map((fd) => fd + 1000);
  }
  /** How often the worker said the unit files were read again (unitFilesReloaded). */
  unitFileReloads = 0;
  unitFilesReloaded(): void { this.unitFileReloads++; }
  endFdHolder(holderPid: number): void {
    if (this.holders.delete(holderPid)) this.alive.delete(holderPid);
  }
  monotonicNow(): number { return this.clockMs * 1000; }

  setTimer(ms: number, fn: () => void): () => void {
    const id = ++this.timerId;
    this.timers.push({ at: this.clockMs + ms, fn, id });
    return () => { this.timers = this.timers.filter((t) => t.id !== id); };
  }
  now(): number { return this.clockMs * 1000; }
  randomId(): string { return '0123456789abcdef0123456789abcdef'; }

  /** The process ends with `status`; its exit is delivered by settle(). */
  exit(pid: number, status: Partial<ExitStatus> = {}): void {
    this.pending.push([pid, { code: status.code ?? null, signal: status.signal ?? null, core: status.core ?? false }]);
    this.settle();
  }

  /** Delivers every pending exit (and those they cause). */
  settle(): void {
    while (this.pending.length > 0) {
      const [pid, status] = this.pending.shift()!;
      if (!this.alive.delete(pid)) continue;
      const emptied: string[] = [];
      for (const [dir, set] of this.cgroups) if (set.delete(pid) && set.size === 0) emptied.push(dir);
      if (this.children.delete(pid)) for (const l of [...this.listeners]) l(pid, status);
      else { const w = this.watchers.get(pid); this.watchers.delete(pid); w?.(); }
      for (const dir of emptied) this.cgroupWatches.get(dir)?.();
    }
  }

  /** Moves the clock by ms, firing due timers in order. */
  advance(ms: number): void {
    const end = this.clockMs + ms;
    for (;;) {
      this.settle();
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.clockMs = next.at;
      next.fn();
    }
    this.clockMs = end;
    this.settle();
  }

  /** A process the test pretends a previous worker started (not our child). */
  adoptable(pid: number, cgroup: string): void {
    this.alive.add(pid);
    this.createCgroup(cgroup);
    this.cgroups.get(cgroup)!.add(pid);
  }

  lastSpawn(): { pid: number; request: SpawnRequest } {
    const last = this.spawned.at(-1);
    if (!last) throw new Error('nothing was spawned');
    return last;
  }
}
