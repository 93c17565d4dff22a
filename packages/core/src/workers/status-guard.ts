// What stands between a worker's Watch stream and the manager: every UnitStatus is checked
// before the core believes it, and the rate of the stream is watched.
//
// Garbage — a status for a unit that is not of the worker's type, a name that is not a unit
// name, an active_state outside the enum (a number: proto-loader passes unknown enum values
// through as numbers) — is dropped with a warning that counts: the first few are logged each,
// then one line every LOG_EVERY, and the unit table never sees them.
//
// A flood — far more events than any set of units could justify — is declared when more than
// FLOOD_EVENTS_PER_SEC arrive in each of FLOOD_SECONDS consecutive one-second windows. While
// flooding, statuses are dropped right after a counter increment and the pool reads the stream
// only one second in four (it pauses it in between, so gRPC's flow control makes the sender
// wait); one warning per second says how many were dropped. Once a second in which the stream
// was read is calm again, the flood is over and the pool resyncs the type with List, so no real
// change dropped in between is lost.
//
// The rate: measured on the 2-core test machine, the core's event loop saturates at a few
// thousand statuses a second (each is decoded, applied to the unit table and published), so a
// flood must be caught well below that; 1,000 a second for 2 s is still far above what real
// units produce (a state change of every unit of a large system at once is one burst, and a
// burst that trips the limit only costs a resync).
import { isActiveState, type UnitStatus__Output } from '@sysmaster/proto';
import { isUnitName } from '@sysmaster/unit-file';

export const FLOOD_EVENTS_PER_SEC = 1_000;
const FLOOD_SECONDS = 2;
const LOG_FIRST = 5;
const LOG_EVERY = 1_000;

export type Verdict = 'pass' | 'garbage' | 'flooding';

export interface GuardLog { warn(message: string, meta?: object): void }

export class StatusGuard {
  /** How many statuses were dropped as garbage since the worker started. */
  garbage = 0;
  lastGarbage = '';
  /** How many statuses were dropped while flooding, in total. */
  dropped = 0;
  flooding = false;
  private windowStart = 0;
  private windowCount = 0;
  private busyWindows = 0;
  private droppedInWindow = 0;
  /** The stream was paused during the current window, so its count says nothing about the rate. */
  private pausedInWindow = false;

  constructor(private readonly type: string, private readonly log: GuardLog, private readonly now: () => number = Date.now) {}

  /** Why `status` is not believable, or null. */
  problem(status: UnitStatus__Output): string | null {
    const name = status.name;
    if (typeof name !== 'string' || !isUnitName(name)) return `"${String(name)}" is not a unit name`;
    const suffix = name.slice(name.lastIndexOf('.') + 1);
    if (suffix !== this.type) return `${name} is not a unit of type ${this.type}`;
    if (!isActiveState(status.active_state)) return `${name} has an active_state outside the enum (${JSON.stringify(status.active_state)})`;
    return null;
  }

  /**
   * Checks one status: 'pass' lets it through; otherwise it is dropped. `onFloodChange` is called
   * when a flood begins and when it ends (the caller resyncs then).
   */
  admit(status: UnitStatus__Output, onFloodChange: (flooding: boolean) => void): Verdict {
    this.tick(onFloodChange);
    this.windowCount++;
    if (this.flooding) {
      this.dropped++;
      this.droppedInWindow++;
      return 'flooding';
    }
    const why = this.problem(status);
    if (why === null) return 'pass';
    this.garbage++;
    this.lastGarbage = why;
    if (this.garbage <= LOG_FIRST || this.garbage % LOG_EVERY === 0) {
      this.log.warn(`ignored a status from the ${this.type} worker (${this.garbage} so far): ${why}`, { worker: this.type, garbage: this.garbage });
    }
    return 'garbage';
  }

  /** Sentences for `sctl status` of the type's units; [] when the worker behaves. */
  notices(): string[] {
    const out: string[] = [];
    if (this.flooding) out.push(`the ${this.type} worker is flooding the core with events; ${this.dropped} were dropped so far`);
    if (this.garbage > 0) out.push(`the ${this.type} worker sent ${this.garbage} invalid statuses (the last: ${this.lastGarbage})`);
    return out;
  }

  /**
   * Closes the current one-second window when it is over (called on each status and by the
   * pool's one-second tick, so a flood that stopped dead is noticed as over too). `paused`: the
   * pool pauses the stream from now on; a window in which it was paused cannot end a flood.
   */
  tick(onFloodChange: (flooding: boolean) => void, paused = false): void {
    const now = this.now();
    if (now - this.windowStart < 1_000) {
      if (paused) this.pausedInWindow = true;
      return;
    }
    const busy = this.windowCount > FLOOD_EVENTS_PER_SEC;
    const sampled = !this.pausedInWindow;
    this.pausedInWindow = paused;
    const consecutive = now - this.windowStart < 2_000;
    this.busyWindows = busy ? (consecutive ? this.busyWindows + 1 : 1) : 0;
    if (this.flooding && this.droppedInWindow > 0) {
      this.log.warn(`the ${this.type} worker is flooding the core: dropped ${this.droppedInWindow} statuses in the last second (${this.dropped} in all)`, { worker: this.type });
    }
    this.droppedInWindow = 0;
    this.windowStart = now;
    this.windowCount = 0;
    const flooding = this.busyWindows >= FLOOD_SECONDS || (this.flooding && (busy || !sampled));
    if (flooding === this.flooding) return;
    this.flooding = flooding;
    if (flooding) {
      this.log.warn(`the ${this.type} worker sent more than ${FLOOD_EVENTS_PER_SEC} statuses a second for ${FLOOD_SECONDS} s: dropping them until it calms down`, { worker: this.type });
    } else {
      this.log.warn(`the ${this.type} worker calmed down after ${this.dropped} statuses were dropped; resyncing its units`, { worker: this.type });
    }
    onFloodChange(flooding);
  }
}
