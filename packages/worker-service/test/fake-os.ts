// A scripted ServiceOs for the state-machine tests: processes are numbers, exits and timers
// happen when the test says so, and every effect is recorded for assertions.
import type { ExitStatus, ServiceOs, SpawnRequest } from '../src/os';

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

  spawn(request: SpawnRequest): number {
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
    this.signals.push([pid, signal]);
    if (signal === 9 || (signal === 15 && !this.stubborn.has(pid))) {
      this.pending.push([pid, { code: null, signal: signal === 9 ? 'SIGKILL' : 'SIGTERM', core: false }]);
    }
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
  createCgroup(dir: string): boolean { if (!this.cgroups.has(dir)) this.cgroups.set(dir, new Set()); return true; }
  cgroupProcs(dir: string): number[] { return [...(this.cgroups.get(dir) ?? [])]; }
  cgroupKill(dir: string): boolean {
    this.cgroupKills.push(dir);
    for (const pid of this.cgroups.get(dir) ?? []) this.pending.push([pid, { code: null, signal: 'SIGKILL', core: false }]);
    return true;
  }
  watchCgroup(): () => void { return () => undefined; }
  removeCgroup(dir: string): void { this.cgroups.delete(dir); }

  readFile(file: string): string {
    const text = this.files.get(file);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return text;
  }
  isDirectory(dir: string): boolean { return dir === '/' || this.files.has(`${dir}/`); }

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
      for (const set of this.cgroups.values()) set.delete(pid);
      if (this.children.delete(pid)) for (const l of [...this.listeners]) l(pid, status);
      else { const w = this.watchers.get(pid); this.watchers.delete(pid); w?.(); }
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
