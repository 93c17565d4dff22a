// The job journal: what of the job queue a new core needs after a crash or a re-exec, and how
// each job it finds is taken up again.
//
// Every installed job is written to the store as a JobRecord whenever it changes (batched per
// event-loop turn, store.ts); an ended job moves to the store's finished jobs. A new core, after
// its workers answered List (so every unit shows the state it really has now), installs the
// recorded jobs again with their ids (restore()), and each one is judged by the half of its work
// it had reached and the unit's state now:
//
//   reached              unit now                                   taken up as
//   nothing (waiting)    any                                        waiting, as it was
//   the stop half        any                                        waiting: a stop of a unit that
//                                                                   is down is done at once; a
//                                                                   restart then goes on to start
//   the start half       active or reloading                        done
//                        activating or deactivating                 waiting (it follows the unit)
//                        inactive/failed, left inactive after Start  ended: done or failed by the
//                        was called (inactive-exit time ≥ the call)  unit's result, as if watched
//                        inactive/failed otherwise                  waiting: Start never reached
//                                                                   the worker, so it is called
//   reload or verify     any                                        waiting: asked again
//
// So nothing is started twice: a start whose unit went up, or ran and ended, while no core was
// watching is finished from the unit's state, and a restart past its stop is not stopped again
// (it is taken up as the start it had become, still shown as a restart). JobTimeoutSec= keeps
// counting from when the job was first queued.
import type { UnitStatus__Output } from '@sysmaster/proto';
import type { JobResult, JobType, JobView } from '../manager-core';
import type { EngineJobType } from './types';

/** The half of its work a job had reached (engine.ts's HALF; 'none' for a waiting job). */
export type JobHalf = 'none' | 'stop' | 'start' | 'reload' | 'verify';

/** One installed job as the store keeps it. */
export interface JobRecord {
  id: number;
  unit: string;
  type: EngineJobType;
  shownType: JobType;
  half: JobHalf;
  ignoreOrder: boolean;
  irreversible: boolean;
  /** When the job was queued (CLOCK_MONOTONIC, microseconds), for JobTimeoutSec=. */
  queuedMonotonicUsec: number;
  /** When Start was called for its start half (monotonic and realtime usec; 0 before). */
  startCalledMonotonicUsec: number;
  startCalledRealtimeUsec: number;
}

/** How a recorded job is taken up: installed again (as `type`), or ended at once. */
export type Restored =
  | { install: EngineJobType }
  | { end: Exclude<JobResult, ''>; message: string };

/** Whether the unit left inactive after Start was called (by the clock the worker reported). */
function ranSinceStart(record: JobRecord, status: UnitStatus__Output): boolean {
  const mono = Number(status.inactive_exit_monotonic_usec);
  if (mono > 0 && record.startCalledMonotonicUsec > 0) return mono >= record.startCalledMonotonicUsec;
  const real = Number(status.inactive_exit_usec);
  return record.startCalledRealtimeUsec > 0 && real >= record.startCalledRealtimeUsec;
}

/** The table of the header: how one recorded job is taken up, given its unit's status now. */
export function restoredJob(record: JobRecord, status: UnitStatus__Output | undefined): Restored {
  if (record.half !== 'start') return { install: record.type };
  const state = status?.active_state ?? 'inactive';
  if (state === 'active' || state === 'reloading') return { end: 'done', message: '' };
  if (state === 'activating' || state === 'deactivating' || !status) return { install: 'start' };
  if (state === 'maintenance' || record.startCalledMonotonicUsec === 0 || !ranSinceStart(record, status)) return { install: 'start' };
  const result = status.result;
  if (state === 'inactive' && (result === 'success' || result === '' || result === 'exec-condition')) return { end: 'done', message: '' };
  return { end: 'failed', message: `Unit ${record.unit} failed (result: ${result || 'unknown'}) while the manager was being replaced.` };
}

const HALVES: ReadonlySet<unknown> = new Set<JobHalf>(['none', 'stop', 'start', 'reload', 'verify']);
const ENGINE_TYPES: ReadonlySet<unknown> = new Set<EngineJobType>(['start', 'stop', 'restart', 'reload', 'verify-active']);

/** Whether a value read back from the store is a JobRecord (a store is input like any other). */
export function isJobRecord(value: unknown): value is JobRecord {
  const r = value as Partial<Record<keyof JobRecord, unknown>> | null;
  return typeof r === 'object' && r !== null && Number.isInteger(r.id) && typeof r.unit === 'string' && ENGINE_TYPES.has(r.type)
    && typeof r.shownType === 'string' && HALVES.has(r.half) && typeof r.ignoreOrder === 'boolean' && typeof r.irreversible === 'boolean'
    && [r.queuedMonotonicUsec, r.startCalledMonotonicUsec, r.startCalledRealtimeUsec].every((n) => typeof n === 'number');
}

/** Whether a value read back from the store is a finished job's view. */
export function isJobView(value: unknown): value is JobView {
  const v = value as Partial<Record<keyof JobView, unknown>> | null;
  return typeof v === 'object' && v !== null && Number.isInteger(v.id) && typeof v.unit === 'string' && typeof v.type === 'string'
    && typeof v.state === 'string' && typeof v.result === 'string' && typeof v.message === 'string';
}

/** CLOCK_MONOTONIC in microseconds, the clock the workers report *_monotonic_usec in. */
export function monotonicUsec(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
