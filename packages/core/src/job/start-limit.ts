// Start rate limiting (StartLimitIntervalSec=, StartLimitBurst=; systemd.unit(5)).
//
// The core counts every start of a unit: each Start it calls for a job and each automatic
// restart a worker reports (UnitStatus.restarts going up in a spontaneous event). A unit may
// start at most `burst` times within any `interval`; the start that would exceed it is refused
// and the unit is marked as having hit its limit (its result shows start-limit-hit) until
// `sctl reset-failed` clears the count, or the interval has passed since the oldest counted
// start. An interval or burst of 0 disables the limit (systemd's rule). The clock is a seam.
// The counts outlive the core (a crash-looping service must not get a fresh burst from each new
// core): every change is written to the store's StartLimitRecords, read back when a core starts.

export interface StartLimit { intervalUsec: number; burst: number }

/** One unit's counted starts (realtime usec) and whether its last start was refused. */
export interface StartLimitRecord { starts: number[]; hit: boolean }

/** Where the counts are kept across cores (the core's store; absent: memory only). */
export interface StartLimitRecords {
  startLimits(): Map<string, StartLimitRecord>;
  setStartLimit(unit: string, record: StartLimitRecord | null): void;
}

export class StartLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly hit = new Set<string>();

  constructor(private readonly nowUsec: () => number = () => Date.now() * 1000, private readonly records: StartLimitRecords | null = null) {
    for (const [unit, r] of records?.startLimits() ?? []) {
      this.starts.set(unit, r.starts);
      if (r.hit) this.hit.add(unit);
    }
  }

  private save(unit: string): void {
    const starts = this.starts.get(unit);
    this.records?.setStartLimit(unit, starts === undefined && !this.hit.has(unit) ? null : { starts: starts ?? [], hit: this.hit.has(unit) });
  }

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
      this.save(unit);
      return false;
    }
    recent.push(now);
    this.starts.set(unit, recent);
    this.hit.delete(unit);
    this.save(unit);
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
    this.save(unit);
  }
}

/** The sentence systemctl prints for a unit over its start limit, with the way out. */
export function startLimitMessage(unit: string): string {
  return `Start request repeated too quickly for ${unit}; refusing to start. Run 'sctl reset-failed ${unit}' to clear the limit.`;
}
