// Type=idle's wait (systemd.service(5)): the main process of an idle service is spawned once the
// manager's job queue is empty, or after 5 s (the unit's 'idle' timer, service-lifecycle.ts). The
// core says how many jobs it holds through WorkerHost.WatchJobQueue; the start jobs of the units
// waiting here are left out of that count (each is still running: in this design a start job of
// Type=idle ends once its process is spawned), so the waiters are released together when every
// other job is done, as systemd releases its idle pipe. The subscription lives only while some
// unit waits, and is opened again with the new set of waiters when that set changes.
import type { HostClient, Logger, UnitWatch } from '@sysmaster/worker-kit';

export class IdleWait {
  private readonly waiters = new Map<string, () => void>();
  private watch: UnitWatch | null = null;

  constructor(private readonly core: Pick<HostClient, 'watchJobQueue'>, private readonly log: Logger) {}

  /** Calls fn once the core's queue holds no job but those of the waiting units; returns a cancel. */
  wait(unit: string, fn: () => void): () => void {
    this.waiters.set(unit, fn);
    this.subscribe();
    return () => {
      if (this.waiters.get(unit) !== fn) return;
      this.waiters.delete(unit);
      this.subscribe();
    };
  }

  /** Ends the subscription (the worker is exiting). */
  close(): void {
    this.waiters.clear();
    this.subscribe();
  }

  private subscribe(): void {
    this.watch?.close();
    this.watch = null;
    if (this.waiters.size === 0) return;
    const units = [...this.waiters.keys()];
    this.watch = this.core.watchJobQueue(units, (jobs) => {
      if (jobs > 0) return;
      this.log.info(`the job queue is empty: starting ${units.join(', ')} (Type=idle)`);
      this.release();
    });
  }

  private release(): void {
    const fns = [...this.waiters.values()];
    this.waiters.clear();
    this.subscribe();
    for (const fn of fns) fn();
  }
}
