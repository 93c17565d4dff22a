// The job table of engine.ts: a job's states, the events of its life and what each state does
// with each event (the essay at the top of engine.ts says why). Each action does no effect
// itself: it returns the move, and asks for effects through EngineActs, which the engine binds.
import type { ActiveState, UnitStatus__Output } from '@sysmaster/proto';
import type { JobResult, JobState, JobType } from '../manager-core';
import type { EngineJobType } from './types';
/** A job's state (the essay above); the API sees it through JOB_STATE_VIEW. */
export type JobLifeState =
  | 'waiting' | 'start-pending' | 'stopping' | 'starting' | 'activating' | 'reload-requested' | 'reloading' | 'verifying' | 'done';

/** The events of a job's life; the unit's reported active states are events too. */
export type JobEvent = 'run' | 'begin' | 'rejected' | 'cancel' | 'replaced' | 'timeout' | 'dependency' | ActiveState;

/** What the API shows of each state. */
export const JOB_STATE_VIEW: Readonly<Record<JobLifeState, JobState>> = {
  waiting: 'waiting', 'start-pending': 'waiting',
  stopping: 'running', starting: 'running', activating: 'running', 'reload-requested': 'running', reloading: 'running', verifying: 'running',
  done: 'done',
};

/** Which half of its work a job in each state does (a restart stops, then starts). */
export const HALF: Readonly<Record<JobLifeState, 'stop' | 'start' | 'reload' | 'verify' | null>> = {
  waiting: null, 'start-pending': 'start', stopping: 'stop', starting: 'start', activating: 'start',
  'reload-requested': 'reload', reloading: 'reload', verifying: 'verify', done: null,
};

/** The state a job of each type runs in first. */
const FIRST: Readonly<Record<EngineJobType, JobLifeState>> = {
  start: 'starting', stop: 'stopping', restart: 'stopping', reload: 'reload-requested', 'verify-active': 'verifying',
};

/** What a start does on begin, by its unit's state. */
const START_ON: Readonly<Record<ActiveState, 'done' | 'follow' | 'wait' | 'start'>> = {
  active: 'done', reloading: 'done', activating: 'follow', deactivating: 'wait', inactive: 'start', failed: 'start', maintenance: 'start',
};

/** What a stop does on begin, by its unit's state. */
const STOP_ON: Readonly<Record<ActiveState, 'stopped' | 'follow' | 'stop'>> = {
  inactive: 'stopped', failed: 'stopped', maintenance: 'stopped', deactivating: 'follow', active: 'stop', activating: 'stop', reloading: 'stop',
};

/** Whether a unit in each state is active for reload and verify-active. */
const ACTIVE_ENOUGH: Readonly<Record<ActiveState, boolean>> = {
  active: true, reloading: true, activating: false, deactivating: false, inactive: false, failed: false, maintenance: false,
};

export type Ending = { end: Exclude<JobResult, ''>; message: string; propagate?: boolean };
/** What an action decides: the next state (then, once the job is in it, `then`), or the end. */
type Move = { to: JobLifeState; then?: () => void } | Ending;

/** What an action sees: the job, the event's reason and status, and the engine's effects. */
interface ActionContext {
  job: Job;
  reason: string;
  /** The unit's status, for the unit-state events. */
  status: UnitStatus__Output | undefined;
  /** The unit's state as the graph shows it now. */
  unitState: ActiveState;
  acts: EngineActs;
}

/** The effects actions may ask for, each bound to the engine. */
export interface EngineActs {
  /** Fires `begin` on the job (used as a `then`, once the job is in its running state). */
  begin(job: Job): void;
  /** Makes the job a candidate of the next dispatch (a restart whose start half waits its turn). */
  requeue(job: Job): void;
  armRunningTimer(job: Job): void;
  beforeStart(job: Job): { result: 'done' | 'assert' | 'failed' | 'once'; message: string } | null;
  start(job: Job): void;
  stop(job: Job): void;
  reload(job: Job): void;
}

type Action = (ctx: ActionContext) => Move;

const stay = ({ job }: ActionContext): Move => ({ to: job.life });
const done: Action = () => ({ end: 'done', message: '' });
const unitFailed: Action = ({ job, status }) => ({ end: 'failed', message: `Unit ${job.unit} failed (result: ${status?.result || 'unknown'}).` });

const ENDINGS: Partial<Record<JobEvent, Action>> = {
  cancel: ({ reason }) => ({ end: 'canceled', message: reason }),
  replaced: ({ reason }) => ({ end: 'canceled', message: reason, propagate: false }),
  timeout: ({ reason }) => ({ end: 'timeout', message: reason }),
  dependency: ({ reason }) => ({ end: 'dependency', message: reason }),
};
const RUNNING_ENDINGS: Partial<Record<JobEvent, Action>> = { ...ENDINGS, rejected: ({ reason }) => ({ end: 'failed', message: reason }) };

/** A start (or a restart's second half) acts on its unit as it is now. */
const beginStart: Action = (ctx) => {
  const { job, acts } = ctx;
  switch (START_ON[ctx.unitState]) {
    case 'done': return { end: 'done', message: '' };
    case 'follow': return { to: 'activating' };
    case 'wait': return { to: 'start-pending' };
    case 'start': {
      const verdict = acts.beforeStart(job);
      if (verdict) return { end: verdict.result, message: verdict.message };
      return { to: 'starting', then: () => acts.start(job) };
    }
  }
};

/** A stop (or a restart's first half) is complete: a restart goes on to start. */
// A restart's start half waits its turn like a start (start-pending, dispatched again): with X
// Before=Y, restarting both stops Y, stops X, starts X, then starts Y, as systemd orders them
// (a restart is a stop in disguise until its stop is done, then a start).
const stopped: Action = ({ job, acts }) => (job.type === 'restart' ? { to: 'start-pending', then: () => acts.requeue(job) } : { end: 'done', message: '' });

/** Starting, the unit reported down: the end of a oneshot run, or a failure. */
const endedDown: Action = ({ job, status }) => {
  const result = status?.result ?? '';
  // exec-condition: ExecCondition= told the worker to skip the start, which (like a failed
  // Condition*=) is not a failure of the job (systemd.service(5)).
  if (result === 'success' || result === '' || result === 'exec-condition') return { end: 'done', message: '' };
  return { end: 'failed', message: `Unit ${job.unit} failed (result: ${result}).` };
};

const reloadStopped: Action = ({ job, status }) => ({ end: 'failed', message: `Unit ${job.unit} stopped while reloading (result: ${status?.result ?? ''}).` });

/** The table: each state, the events it takes and what each does. */
export const JOB_TABLE: Readonly<Record<JobLifeState, Partial<Record<JobEvent, Action>>>> = {
  waiting: {
    ...ENDINGS,
    run: ({ job, acts }) => {
      acts.armRunningTimer(job);
      return { to: FIRST[job.type], then: () => acts.begin(job) };
    },
  },
  'start-pending': {
    ...ENDINGS,
    run: ({ job, acts }) => ({ to: 'starting', then: () => acts.begin(job) }),
  },
  stopping: {
    ...RUNNING_ENDINGS,
    begin: (ctx) => {
      const { job, acts } = ctx;
      switch (STOP_ON[ctx.unitState]) {
        case 'stopped': return stopped(ctx);
        case 'follow': return stay(ctx);
        case 'stop': return { to: 'stopping', then: () => acts.stop(job) };
      }
    },
    inactive: stopped, failed: stopped, maintenance: stopped,
  },
  starting: {
    ...RUNNING_ENDINGS,
    begin: beginStart,
    activating: () => ({ to: 'activating' }),
    active: done,
    failed: unitFailed,
  },
  activating: {
    ...RUNNING_ENDINGS,
    activating: stay,
    active: done,
    failed: unitFailed,
    inactive: endedDown,
  },
  'reload-requested': {
    ...RUNNING_ENDINGS,
    begin: (ctx) => (ACTIVE_ENOUGH[ctx.unitState]
      ? { to: 'reload-requested', then: () => ctx.acts.reload(ctx.job) }
      : { end: 'failed', message: `Unit ${ctx.job.unit} cannot be reloaded because it is not active.` }),
    reloading: () => ({ to: 'reloading' }),
    inactive: reloadStopped, failed: reloadStopped, maintenance: reloadStopped,
  },
  reloading: {
    ...RUNNING_ENDINGS,
    reloading: stay,
    active: done,
    inactive: reloadStopped, failed: reloadStopped, maintenance: reloadStopped,
  },
  verifying: {
    ...RUNNING_ENDINGS,
    begin: (ctx) => (ACTIVE_ENOUGH[ctx.unitState] ? { end: 'done', message: '' } : { end: 'failed', message: `Unit ${ctx.job.unit} is not active.` }),
  },
  done: {},
};

export interface Job {
  id: number;
  unit: string;
  type: EngineJobType;
  /** The type shown to clients (try-restart stays try-restart while it runs as restart). */
  shownType: JobType;
  life: JobLifeState;
  result: JobResult;
  message: string;
  runningTimerArmed?: boolean;
  ignoreOrder: boolean;
  irreversible: boolean;
  /** Cancels the job's timers. */
  clearTimers: Array<() => void>;
  /** When it was queued and when its Start was called (job/journal.ts JobRecord). */
  queuedMonotonicUsec: number;
  startCalledMonotonicUsec: number;
  startCalledRealtimeUsec: number;
}
