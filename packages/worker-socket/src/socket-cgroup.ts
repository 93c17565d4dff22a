// The cgroup of a socket unit, /system.slice/NAME.socket, as systemd makes it: its Exec*=
// commands run in it, its resource-control keys ([Socket] MemoryMax=, TasksMax=, …) apply to
// it, and the kill states empty it: stop-pre-sigterm/-sigkill after ExecStopPre=, and
// final-sigterm/-sigkill at the end of a stop, send KillSignal= (then SIGKILL after TimeoutSec=)
// to whatever is left in it. It exists only while the unit has processes to hold; without a
// cgroup v2 hierarchy the commands run in the worker's own cgroup and nothing is left to empty.
import path from 'node:path';
import { applyCgroupSettings, cgroupSettingsWithoutHierarchy, type ExecSettings } from '@sysmaster/exec';
import type { SocketContext } from './os';

/** How often a kill state looks whether the cgroup is empty yet. */
const EMPTY_CHECK_MS = 50;

export class SocketCgroup {
  constructor(private readonly unit: string, private readonly ctx: SocketContext) {}

  /** The cgroup's directory, null without a hierarchy. */
  dir(): string | null {
    const root = this.ctx.os.exec.cgroupRoot();
    return root === null ? null : path.join(root, 'system.slice', this.unit);
  }

  /** Creates it and applies the resource-control settings; returns the notices (what is not enforced). */
  prepare(exec: ExecSettings): string[] {
    const dir = this.dir();
    if (dir === null) return cgroupSettingsWithoutHierarchy(exec);
    this.ctx.os.exec.makeDirectory(dir, 0o755);
    return applyCgroupSettings(this.ctx.os.exec, dir, exec);
  }

  /** The processes in it ([] when it does not exist). */
  procs(): number[] {
    const dir = this.dir();
    if (dir === null) return [];
    try {
      return this.ctx.os.exec.readFile(path.join(dir, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  /**
   * Sends `signal` to every process in it, then calls `done(true)` once it is empty, or
   * `done(false)` after `timeoutMs` (0: never). Returns cancel.
   */
  kill(signal: number, timeoutMs: number, done: (emptied: boolean) => void): () => void {
    for (const pid of this.procs()) this.ctx.os.kill(pid, signal);
    const started = this.ctx.os.now();
    let cancel = (): void => undefined;
    const check = (): void => {
      if (this.procs().length === 0) { done(true); return; }
      if (timeoutMs > 0 && (this.ctx.os.now() - started) / 1000 >= timeoutMs) { done(false); return; }
      cancel = this.ctx.os.setTimer(EMPTY_CHECK_MS, check);
    };
    cancel = this.ctx.os.setTimer(0, check);
    return () => cancel();
  }

  /** Removes it once empty (a busy cgroup stays for the next stop). */
  remove(): void {
    const dir = this.dir();
    if (dir !== null) this.ctx.os.removeCgroup(dir);
  }
}
