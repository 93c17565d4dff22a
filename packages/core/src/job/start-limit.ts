// Start rate limiting (StartLimitIntervalSec=, StartLimitBurst=; systemd.unit(5)).
//
// The core counts every start of a unit: each Start it calls for a job and each automatic
// restart a worker reports (UnitStatus.restarts going up in a spontaneous event). A unit may
// start at most `burst` times within any `interval`; the start that would exceed it is refused
// and the unit is marked as having hit its limit (its result shows start-limit-hit) until
// `sctl reset-failed` clears the count, or the interval has passed since the oldest counted
// start. An interval or burst of 0 disables the limit (systemd's rule). The clock is a seam.

export interface StartLimit { intervalUsec: number; burst: number }

export class StartLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly hit = new Set<string>();

  constructor(private readonly nowUsec: () => number = () => Date.now() * 1000) {}

  /**
   * Counts one start of `unit`. Returns true when it is allowed; false when it exceeds the limit
   * (the start is not counted then, and the unit is marked hit).
   */
  tryStart(unit: string, limit: StartLimit): boolean {
    if (limit.intervalUsec <= 0 || limit.burst <= 0) return true;
    const now = this.nowUsec();
    const recent = (this.starts.get(unit) ?? []).filter((t) => now - t < limit.intervalUsec);
    if (recent.length >= limit.burst) {
      this.starts.set(unit, recent);
      this.hit.add(unit);
      return false;
    }
    recent.push(now);
    this.starts.set(unit, recent);
    this.hit.delete(unit);
    return true;
  }

  /** Whether the unit's last start attempt was refused (until reset). */
  isHit(unit: string): boolean {
    return this.hit.has(unit);
  }

  /** Whether a start now would be refused, without counting one. */
  wouldRefuse(unit: string, limit: StartLimit): boolean {
    if (limit.intervalUsec <= 0 || limit.burst <= 0) return false;
    const now = this.nowUsec();
    return (this.starts.get(unit) ?? []).filter((t) => now - t < limit.intervalUsec).length >= limit.burst;
  }

  /** reset-failed: forgets the unit's starts. */
  reset(unit: string): void {
    this.starts.delete(unit);
    this.hit.delete(unit);
  }
}

/** The sentence systemctl prints for a unit over its start limit, with the way out. */
export function startLimitMessage(unit: string): string {
  return `Start request repeated too quickly for ${unit}; refusing to start. Run 'sctl reset-failed ${unit}' to clear the limit.`;
}
