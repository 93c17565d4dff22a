// When a timer elapses next: the schedule of systemd.timer(5) as a pure function of the timer's
// settings, what the timer remembers and the two clocks, so the state machine is tested with
// fake clocks and no waiting.
//
// A timer has two kinds of values. Monotonic ones (OnActiveSec= and the rest) are a span added to
// an instant on CLOCK_MONOTONIC, which wall-clock steps do not move: the timer's own activation
// (OnActiveSec=), the boot (OnBootSec=, monotonic 0), the manager's start (OnStartupSec=, when
// PID 1 started), or when the triggered unit last began to activate or last became inactive
// (OnUnitActiveSec=, OnUnitInactiveSec=), each of those two no earlier than the timer's last
// trigger. A unit-based value whose unit never ran is not armed. The first three are one-shots:
// once the timer has triggered, a value whose elapse is already past stays disarmed (unless the
// clock was just stepped); before any trigger a past elapse fires at once, which is how
// OnBootSec=5min fires immediately for a timer started ten minutes after boot.
//
// Calendar values (OnCalendar=) elapse on the wall clock: the next elapse after the last trigger
// (restored from the Persistent= stamp after a reboot), else after the timer's activation. An
// elapse that is already past is moved to the manager's start, so a missed Persistent= event
// fires at boot, and RandomizedDelaySec= still spreads timers that all fire at boot.
//
// The timer elapses at the earliest of all values. RandomizedDelaySec= adds a delay chosen
// anew each time the timer is armed (FixedRandomDelay=: the same delay for this machine and
// unit every time). AccuracySec= is systemd's batching window: the wake-up may come up to that
// much later, at a point aligned to the minute (then 10 s, 1 s, 250 ms) shifted by a
// per-machine offset, so timers of one machine wake together and different machines do not.
import { nextElapse } from '@sysmaster/unit-file';
import type { TimerConfig } from './timer-config';

/** Both clocks read at one instant, microseconds. */
export interface Instant { realtime: number; monotonic: number }

/** What a timer remembers that the schedule depends on (0: never). */
export interface ScheduleState {
  /** When the timer was last started. */
  activated: Instant;
  /** When the timer last triggered its unit (realtime only after a reboot: from the stamp). */
  lastTrigger: Instant;
  /** When the triggered unit last left inactive, CLOCK_MONOTONIC. */
  unitInactiveExitMonotonic: number;
  /** When the triggered unit last became inactive, CLOCK_MONOTONIC. */
  unitInactiveEnterMonotonic: number;
}

export interface ScheduleContext {
  now: Instant;
  /** When the manager (PID 1) started, CLOCK_MONOTONIC. */
  startupMonotonic: number;
  /** The zone of calendar events without one (default: the process's). */
  localTimeZone?: string;
  /** True right after a clock step: one-shot values are not disarmed by it. */
  timeChanged?: boolean;
}

export interface Schedule {
  /** The next monotonic elapse, null for none. */
  monotonic: number | null;
  /** The next realtime elapse, null for none. */
  realtime: number | null;
  /** A unit-based value exists: the timer stays around (elapsed) even when nothing is armed. */
  leaveAround: boolean;
}

function monotonicBase(base: TimerConfig['monotonic'][number]['base'], state: ScheduleState, ctx: ScheduleContext): number | null {
  switch (base) {
    case 'active': return state.activated.monotonic;
    case 'boot': return 0;
    case 'startup': return ctx.startupMonotonic;
    case 'unit-active': {
      const b = Math.max(state.unitInactiveExitMonotonic, state.lastTrigger.monotonic);
      return b > 0 ? b : null;
    }
    case 'unit-inactive': {
      const b = Math.max(state.unitInactiveEnterMonotonic, state.lastTrigger.monotonic);
      return b > 0 ? b : null;
    }
  }
}

/** The next elapses of a timer, before any random delay or batching. */
export function computeSchedule(config: TimerConfig, state: ScheduleState, ctx: ScheduleContext): Schedule {
  let monotonic: number | null = null;
  let leaveAround = false;
  const triggered = state.lastTrigger.realtime > 0 || state.lastTrigger.monotonic > 0;
  for (const value of config.monotonic) {
    if (value.base === 'unit-active' || value.base === 'unit-inactive') leaveAround = true;
    const base = monotonicBase(value.base, state, ctx);
    if (base === null) continue;
    const elapse = base + value.usec;
    const oneShot = value.base === 'active' || value.base === 'boot' || value.base === 'startup';
    if (oneShot && triggered && !ctx.timeChanged && elapse < ctx.now.monotonic) continue;
    if (monotonic === null || elapse < monotonic) monotonic = elapse;
  }
  let realtime: number | null = null;
  const startupRealtime = ctx.now.realtime - (ctx.now.monotonic - ctx.startupMonotonic);
  for (const value of config.calendar) {
    const after = state.lastTrigger.realtime || state.activated.realtime || ctx.now.realtime;
    let elapse = nextElapse(value.spec, after, { localTimeZone: ctx.localTimeZone });
    if (elapse === null) continue;
    if (elapse < startupRealtime) elapse = startupRealtime;
    if (realtime === null || elapse < realtime) realtime = elapse;
  }
  return { monotonic, realtime, leaveAround };
}

/** A stable 32-bit hash (FNV-1a) of a string, for the per-machine and per-unit offsets. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** RandomizedDelaySec=: the delay for this arming; `random` returns [0, 1). */
export function randomDelay(config: TimerConfig, machineId: string, unit: string, random: () => number): number {
  if (config.randomizedDelayUsec <= 0) return 0;
  const fraction = config.fixedRandomDelay ? stableHash(`${machineId}:${unit}`) / 2 ** 32 : random();
  return Math.floor(fraction * config.randomizedDelayUsec);
}

const GRANULES = [60_000_000, 10_000_000, 1_000_000, 250_000];

/**
 * The wake-up instant for an elapse at `elapse` with AccuracySec= `accuracy`: the latest point
 * in [elapse, elapse + accuracy] that lies on a minute (else 10 s, 1 s, 250 ms) boundary shifted
 * by the machine's `perturbation`, else the end of the window.
 */
export function batchedWake(elapse: number, accuracy: number, perturbation: number): number {
  if (accuracy <= 0) return elapse;
  const end = elapse + accuracy;
  for (const granule of GRANULES) {
    const shift = perturbation % granule;
    let point = Math.floor((end - shift) / granule) * granule + shift;
    if (point > end) point -= granule;
    if (point >= elapse) return point;
  }
  return end;
}
