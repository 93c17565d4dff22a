// Whether a worker is alive, as the core can tell from outside.
//
// Deciding "hung" from outside has one trap: the core's own event loop can stall (a burst of
// unit loads, a machine under load or in software emulation), and then every deadline it set
// expires at once although the worker answered in time: the answers wait unread in the socket.
// A fixed "three one-second deadlines missed" rule therefore blames workers for the core's own
// lateness. So liveness is measured as silence the core actually observed:
//   - any sign of life resets it: the answer to a keepalive, a Watch status, the answer to any
//     other call;
//   - the core pings the worker every interval (unless a ping is still out), with a deadline as
//     long as the hang bound (a short deadline would only cancel an answer on its way), so the
//     last proof of life is never more than an interval old;
//   - time the core itself was late (a tick that fired more than LATE_MS after it was due) is not
//     counted against the worker: its silence clock is moved forward by that lateness;
//   - the worker is hung when the silence the core observed reaches hangAfterMs.

/** A tick this much later than due means the core itself was stalled. */
const LATE_MS = 250;

export type LivenessVerdict = 'ping' | 'hung';

export class Liveness {
  private lastHeard: number;
  private due: number;

  constructor(private readonly intervalMs: number, readonly hangAfterMs: number, private readonly now: () => number = Date.now) {
    this.lastHeard = now();
    this.due = this.lastHeard + intervalMs;
  }

  /** A sign of life from the worker. */
  heard(): void {
    this.lastHeard = this.now();
  }

  /** The silence the core observed, in ms. */
  silenceMs(): number {
    return this.now() - this.lastHeard;
  }

  /** Called every intervalMs: what to do now. */
  tick(): LivenessVerdict {
    const now = this.now();
    const late = now - this.due;
    this.due = now + this.intervalMs;
    if (late > LATE_MS) this.lastHeard = Math.min(now, this.lastHeard + late);
    return now - this.lastHeard >= this.hangAfterMs ? 'hung' : 'ping';
  }
}
