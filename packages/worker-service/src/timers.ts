// The timers of one unit, by purpose: the state timeout, the watchdog, RuntimeMaxSec=, and
// re-checks (a PID file not yet written). Each purpose has at most one timer; arming it again
// replaces it. Durations are microseconds; Infinity (or beyond setTimeout's range) arms nothing.
import type { ServiceOs } from './os';

export type TimerPurpose = 'state' | 'watchdog' | 'runtime' | 'recheck' | 'idle';

const MAX_MS = 2_147_483_647;

export class UnitTimers {
  private readonly cancels = new Map<TimerPurpose, () => void>();
  private readonly deadlines = new Map<TimerPurpose, number>();

  constructor(private readonly os: ServiceOs) {}

  arm(purpose: TimerPurpose, usec: number, fn: () => void): void {
    this.clear(purpose);
    const ms = usec / 1000;
    if (!Number.isFinite(ms) || ms > MAX_MS) return;
    this.deadlines.set(purpose, this.os.monotonicNow() + usec);
    this.cancels.set(purpose, this.os.setTimer(ms, () => {
      this.cancels.delete(purpose);
      this.deadlines.delete(purpose);
      fn();
    }));
  }

  /** When the timer fires (monotonic usec), undefined when it is not armed. */
  deadline(purpose: TimerPurpose): number | undefined { return this.deadlines.get(purpose); }
  armed(purpose: TimerPurpose): boolean { return this.cancels.has(purpose); }

  clear(purpose: TimerPurpose): void {
    this.cancels.get(purpose)?.();
    this.cancels.delete(purpose);
    this.deadlines.delete(purpose);
  }

  clearAll(): void {
    for (const purpose of [...this.cancels.keys()]) this.clear(purpose);
  }
}
