// The manager's phases as one table, `phase × event → next phase` (STYLE.md habit 3):
//
//   initializing  the core is loading units and adopting workers; nothing enqueued for boot yet
//   starting      the boot transaction (default.target) is queued; its jobs run
//   booted        the boot transaction has no job left (or a previous core completed it)
//   stopping      shutdown began; only stop jobs are admitted, and nothing leaves this phase
//
// Events: boot (the boot transaction is enqueued), already-booted (a previous core of this boot
// completed it), boot-finished (no job is left), shutdown (a polite or forced shutdown began;
// a forced one may overtake a polite one in progress, so stopping takes it too). A move the
// table does not hold is refused and logged: a boot that would begin while the system is
// stopping does not begin.
import type { Logger } from './log';
import type { SystemState } from './manager-core';

export type ManagerPhase = 'initializing' | 'starting' | 'booted' | 'stopping';
export type PhaseEvent = 'boot' | 'already-booted' | 'boot-finished' | 'shutdown';

export const PHASE_TABLE: Readonly<Record<ManagerPhase, Partial<Record<PhaseEvent, ManagerPhase>>>> = {
  initializing: { boot: 'starting', 'already-booted': 'booted', shutdown: 'stopping' },
  starting: { 'boot-finished': 'booted', shutdown: 'stopping' },
  booted: { shutdown: 'stopping' },
  stopping: { shutdown: 'stopping' },
};

export class ManagerPhases {
  private phase: ManagerPhase = 'initializing';

  constructor(private readonly log: Logger) {}

  get current(): ManagerPhase {
    return this.phase;
  }

  /** Whether the table holds `event` in the current phase. */
  can(event: PhaseEvent): boolean {
    return PHASE_TABLE[this.phase][event] !== undefined;
  }

  /** Moves by `event`; false (and a warning) when the table refuses it in the current phase. */
  transition(event: PhaseEvent, reason: string): boolean {
    const to = PHASE_TABLE[this.phase][event];
    if (to === undefined) {
      this.log.warn(`manager: event ${event} refused in phase ${this.phase} (${reason})`);
      return false;
    }
    if (to !== this.phase) this.log.info(`manager ${this.phase} -> ${to}`, { event, reason });
    this.phase = to;
    return true;
  }

  /** The system state the API shows: booted is running, or degraded when a unit failed. */
  systemState(anyFailed: () => boolean): SystemState {
    if (this.phase === 'booted') return anyFailed() ? 'degraded' : 'running';
    return this.phase;
  }
}
