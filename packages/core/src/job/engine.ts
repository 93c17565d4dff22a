// The job engine: installs transactions and runs their jobs.
//
// Every unit has at most one installed job. Each job lives by one table, JOB_TABLE below,
// `state × event → action`, in the manner of init's supervisor: an action does its effects and
// returns the move (the next state, or the job's end with a result), and transition() is the
// only place a job changes state. It logs `FROM -> TO` with the reason, and refuses (with a
// warning) a lifecycle event the job's state has no entry for. The unit's own states are events
// too; a unit state a row does not name does not concern a job in that state (a stop job seeing
// `activating` of someone's restart) and is passed over quietly.
//
// The states, and what the API shows of each (JOB_STATE_VIEW):
//
//   waiting           queued; not run while a job it must wait for is installed      (waiting)
//   start-pending     a start (or a restart's second half) found its unit still
//                     deactivating; runs again once the unit settles                   (waiting)
//   stopping          a stop, or a restart's first half: Stop called, or the unit
//                     already on its way down                                          (running)
//   starting          a start, or a restart's second half: Start called              (running)
//   activating        … and the unit seen activating (or already activating: an
//                     automatic restart, whose outcome the job takes as its own)       (running)
//   reload-requested  Reload called                                                    (running)
//   reloading         … and the unit seen reloading                                    (running)
//   verifying         a verify-active job looks at its unit, at once                   (running)
//   done              ended with a result; kept for waitJobs/ListJobs                  (done)
//
// Events: run (nothing it waits for is installed any more: mustWait(), After=/Before=, reversed
// for stops), begin (right after run: act on the unit's state as it is now), the unit's reported
// states (inactive, activating, active, …: Watch events), rejected (the worker refused the call
// or is gone), and the endings every live job accepts: cancel (a user), replaced (a new
// transaction; does not propagate, systemd's rule), timeout, dependency.
//
// What begin does, by the unit's state (typed Records below, so a new active state is a
// compile error here):
// - start: done at once on an active (or reloading) unit, without calling Start; on an
//   activating unit it follows the outcome without calling Start; on a deactivating one it goes
//   back to waiting (start-pending); otherwise the hooks may end it first — a failed Condition
//   (done, the unit stays down), a failed Assert (result 'assert'), a start limit hit (failed) —
//   and else it calls Start. It is done on 'active' or on 'inactive' with result 'success' after
//   'activating' (a oneshot; 'exec-condition': ExecCondition= skipped it, not a failure), failed
//   on 'failed' or 'inactive' with another result (docs/conventions.md, Watch semantics).
// - stop: done at once on a unit that is down; follows a deactivating one; else calls Stop.
//   Done when the unit is down — or, for a restart, on to starting and begin again.
// - reload: fails on a unit that is not active; else calls Reload; done on 'active' after
//   'reloading', failed if the unit goes down.
// - verify-active: done when the unit is active (or reloading), failed otherwise.
//
// Ending a start or verify-active job other than 'done' (failed, timeout, assert, a user's
// cancel, …) ends every start/verify-active job of a unit that Requires=, BindsTo= or
// Requisite= it with result 'dependency', recursively — waiting ones without running.
// JobTimeoutSec= (from when the job is queued) and JobRunningTimeoutSec= (from when it runs)
// end the job with 'timeout' and report it to the hooks (JobTimeoutAction=). Mode
// ignore-dependencies installs jobs that ignore ordering; replace-irreversibly installs jobs no
// later transaction may replace.
//
// Jobs run in parallel wherever ordering allows. dispatch() does not walk every waiting job on
// every event (that made a boot of N units quadratic): it re-checks only candidates, the jobs
// whose blockers may have changed — new jobs, the ordering neighbours of a job that finished,
// and the job of a unit whose state changed — in job-id order.
//
// The engine only sees the JobGraph and UnitDriver seams, so every rule above is unit-tested
// with a fake driver that answers like a worker (job-engine.test.ts, job-lifecycle.test.ts).
import { EventEmitter } from 'node:events';
import type { ActiveState, UnitStatus__Output } from '@sysmaster/proto';
import { SysmasterError, isActiveState } from '@sysmaster/proto';
import type { JobMode, JobResult, JobType, JobView } from '../manager-core';
import type { Logger } from '../log';
import type { RequestJobType } from './merge';
import { buildTransaction } from './transaction';
import { HALF, JOB_STATE_VIEW, JOB_TABLE, type EngineActs, type Ending, type Job, type JobEvent, type JobLifeState } from './job-table';
import { monotonicUsec, restoredJob, type JobHalf, type JobRecord } from './journal';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph, type UnitDriver } from './types';

/** Decisions the core makes about a job that the engine cannot: conditions, limits, actions. */
interface EngineHooks {
  /**
   * Called right before Start is called for a start job (or the start half of a restart).
   * null lets it go on; otherwise the job ends with this result and Start is not called.
   */
  beforeStart(unit: string): { result: 'done' | 'assert' | 'failed' | 'once'; message: string } | null;
  /** A job ended with result 'timeout' (for JobTimeoutAction=). */
  onTimeout(job: JobView): void;
}

/** Timers, a seam so that timeouts are tested without waiting. */
export type SetTimer = (ms: number, fire: () => void) => () => void;

const realTimer: SetTimer = (ms, fire) => {
  const handle = setTimeout(fire, Math.min(ms, 2 ** 31 - 1));
  return () => clearTimeout(handle);
};

export interface EngineEvents { job: [JobView] }

export interface JobEngineOptions {
  graph: JobGraph;
  driver: UnitDriver;
  log: Logger;
  /** Hands out job ids (persisted by the core, so ids are never reused across core restarts). */
  nextId: () => number;
  /** How many finished jobs are remembered for waitJobs/ListJobs. */
  keepFinished?: number;
  hooks?: EngineHooks;
  setTimer?: SetTimer;
  /** Where installed jobs and ended ones are written (the core's store; job/journal.ts). */
  journal?: { writeJobs(installed: JobRecord[], finished: JobView[]): void };
}

export interface EnqueueOptions {
  shownType?: JobType;
  exclude?: ReadonlySet<string>;
  /** Install the jobs as irreversible whatever the mode (shutdown's isolate). */
  irreversible?: boolean;
}

const KEEP_FINISHED = 10_000;

export class JobEngine {
  readonly events = new EventEmitter<EngineEvents>();
  private readonly installed = new Map<string, Job>();
  private readonly finished = new Map<number, JobView>();
  private readonly waiters = new Map<number, Array<() => void>>();
  private dispatching = false;
  /** Waiting jobs to re-check on the next dispatch (see the essay above). */
  private readonly candidates = new Set<Job>();
  /** Jobs changed and jobs ended in this turn of the event loop, written together (flushJournal). */
  private readonly changed = new Set<Job>();
  private readonly ended: JobView[] = [];
  private flushQueued = false;
  private readonly acts: EngineActs = {
    begin: (job) => this.transition(job, 'begin', `${job.unit} is ${this.unitState(job.unit)}`),
    requeue: (job) => {
      // Its ordering changed (a stop became a start): its neighbours' blockers changed too.
      this.candidates.add(job);
      this.wakeNeighbours(job.unit);
      this.dispatch();
    },
    armRunningTimer: (job) => {
      if (job.runningTimerArmed) return;
      job.runningTimerArmed = true;
      this.armTimer(job, this.options.graph.unit(job.unit)?.jobRunningTimeoutUsec);
    },
    beforeStart: (job) => this.options.hooks?.beforeStart(job.unit) ?? null,
    start: (job) => {
      job.startCalledMonotonicUsec = monotonicUsec();
      job.startCalledRealtimeUsec = Date.now() * 1000;
      this.journalChanged(job);
      this.call(job, () => this.options.driver.start(job.unit));
    },
    stop: (job) => this.call(job, () => this.options.driver.stop(job.unit, { restart: job.type === 'restart' })),
    reload: (job) => this.call(job, () => this.options.driver.reload(job.unit)),
  };

  constructor(private readonly options: JobEngineOptions) {}

  /** Jobs waiting or running. */
  count(): number {
    return this.installed.size;
  }

  jobs(): JobView[] {
    return [...this.installed.values()].sort((a, b) => a.id - b.id).map(view);
  }

  job(id: number): JobView | undefined {
    for (const j of this.installed.values()) if (j.id === id) return view(j);
    return this.finished.get(id);
  }

  jobOf(unit: string): JobView | null {
    const j = this.installed.get(unit);
    return j ? view(j) : null;
  }

  /**
   * Builds and installs one transaction; returns the jobs of the anchors (in order). Throws
   * SysmasterError ERR_TRANSACTION (or the load error of an anchor) and installs nothing then.
   */
  enqueue(anchors: Array<{ unit: string; type: RequestJobType }>, mode: JobMode, options: EnqueueOptions = {}): JobView[] {
    const { graph, log } = this.options;
    const installedList = [...this.installed.values()].map((j) => ({ id: j.id, unit: j.unit, type: j.type, irreversible: j.irreversible }));
    const plan = buildTransaction(graph, {
      anchors, mode, installed: installedList, ...(options.exclude ? { exclude: options.exclude } : {}),
    });
    if (options.irreversible) plan.irreversible = true;
    for (const w of plan.warnings) log.warn(w);
    for (const id of plan.replace) {
      const old = [...this.installed.values()].find((j) => j.id === id);
      if (!old) continue;
      const by = plan.jobs.get(old.unit);
      this.transition(old, 'replaced', by ? `Job ${old.id} (${old.unit}/${old.type}) was replaced by a new ${by} job.` : `Job ${old.id} (${old.unit}/${old.type}) was canceled by a ${mode} transaction.`);
    }
    const anchorNames = new Map(anchors.map((a) => [graph.unit(a.unit)?.name ?? a.unit, a]));
    const created = new Map<string, Job>();
    for (const [unit, type] of plan.jobs) {
      if (plan.reuse.has(unit)) continue;
      const anchor = anchorNames.get(unit);
      const job: Job = {
        id: this.options.nextId(), unit, type, shownType: anchor && options.shownType ? options.shownType : type,
        life: 'waiting', result: '', message: '', ignoreOrder: plan.ignoreOrder, irreversible: plan.irreversible, clearTimers: [],
        queuedMonotonicUsec: monotonicUsec(), startCalledMonotonicUsec: 0, startCalledRealtimeUsec: 0,
      };
      this.installed.set(unit, job);
      this.armTimer(job, graph.unit(unit)?.jobTimeoutUsec);
      this.candidates.add(job);
      this.journalChanged(job);
      created.set(unit, job);
      log.info(`job ${job.id} ${unit}/${type} queued`, { job: job.id, unit, type, mode });
    }
    const result: JobView[] = [];
    for (const a of anchors) {
      const unit = graph.unit(a.unit)?.name ?? a.unit;
      const job = created.get(unit) ?? [...this.installed.values()].find((j) => j.id === plan.reuse.get(unit));
      if (job) result.push(view(job));
    }
    for (const job of created.values()) this.events.emit('job', view(job));
    this.dispatch();
    return result.map((r) => this.job(r.id) ?? r);
  }

  /**
   * Installs again, with their ids, the jobs a previous core left in the store (job/journal.ts
   * says how each is judged); called once the workers' List showed every unit's state. A job
   * whose unit already has one (it cannot, at that point) is ended as replaced.
   */
  restore(records: JobRecord[], statusOf: (unit: string) => UnitStatus__Output | undefined): void {
    const { graph, log } = this.options;
    for (const record of [...records].sort((a, b) => a.id - b.id)) {
      const job: Job = {
        id: record.id, unit: record.unit, type: record.type, shownType: record.shownType, life: 'waiting', result: '', message: '',
        ignoreOrder: record.ignoreOrder, irreversible: record.irreversible, clearTimers: [], queuedMonotonicUsec: record.queuedMonotonicUsec,
        startCalledMonotonicUsec: record.startCalledMonotonicUsec, startCalledRealtimeUsec: record.startCalledRealtimeUsec,
      };
      const taken = restoredJob(record, statusOf(record.unit));
      if ('end' in taken || this.installed.has(record.unit)) {
        const ending: Ending = 'end' in taken ? { ...taken, propagate: false } : { end: 'canceled', message: `Job ${record.id} (${record.unit}) was replaced while the manager was being replaced.`, propagate: false };
        log.info(`job ${record.id} ${record.unit}/${record.shownType} taken over from the previous manager: ended ${ending.end}`, { job: record.id, unit: record.unit });
        this.finish(job, 'waiting', ending);
        continue;
      }
      job.type = taken.install;
      this.installed.set(record.unit, job);
      const timeout = graph.unit(record.unit)?.jobTimeoutUsec;
      if (timeout !== undefined) this.armTimer(job, Math.max(1, timeout - (monotonicUsec() - record.queuedMonotonicUsec)));
      this.candidates.add(job);
      this.journalChanged(job);
      log.info(`job ${record.id} ${record.unit}/${record.shownType} taken over from the previous manager (as ${taken.install})`, { job: record.id, unit: record.unit });
      this.events.emit('job', view(job));
    }
    this.dispatch();
  }

  /** Seeds waitJobs and job() with the finished jobs the previous core left in the store. */
  rememberFinished(views: JobView[]): void {
    for (const v of views) if (!this.finished.has(v.id)) this.finished.set(v.id, v);
  }

  /** A unit's new status, from its worker's Watch stream. The graph already shows it. */
  onStatus(status: UnitStatus__Output): void {
    const job = this.installed.get(status.name);
    if (job && JOB_STATE_VIEW[job.life] === 'running') {
      this.transition(job, status.active_state, `${job.unit} is ${status.active_state}${status.result ? ` (result: ${status.result})` : ''}`, status);
    } else if (job && JOB_STATE_VIEW[job.life] === 'waiting') {
      this.candidates.add(job);
    }
    this.dispatch();
  }

  cancel(ids: number[]): void {
    const found = ids.map((id) => {
      const job = [...this.installed.values()].find((j) => j.id === id);
      if (!job) throw new SysmasterError('ERR_JOB_NOT_FOUND', `Job ${id} does not exist.`);
      return job;
    });
    for (const job of found) this.transition(job, 'cancel', `Job ${job.id} (${job.unit}/${job.type}) was canceled.`);
    this.dispatch();
  }

  /** Resolves once no job is waiting or running. */
  idle(): Promise<void> {
    if (this.installed.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.installed.size > 0) return;
        this.events.off('job', check);
        resolve();
      };
      this.events.on('job', check);
    });
  }

  /** Resolves when every named job has finished. */
  async waitJobs(ids: number[]): Promise<JobView[]> {
    for (const id of ids) if (!this.job(id)) throw new SysmasterError('ERR_JOB_NOT_FOUND', `Job ${id} does not exist.`);
    await Promise.all(ids.map((id) => new Promise<void>((resolve) => {
      if (this.finished.has(id)) resolve();
      else {
        const list = this.waiters.get(id) ?? [];
        list.push(resolve);
        this.waiters.set(id, list);
      }
    })));
    return ids.map((id) => this.finished.get(id)!);
  }

  /**
   * The one place a job changes state: looks the event up in JOB_TABLE, runs the action and
   * applies its move. A lifecycle event the state has no entry for is refused with a warning;
   * a unit state it has none for does not concern the job (see the essay).
   */
  private transition(job: Job, event: JobEvent, reason: string, status?: UnitStatus__Output): void {
    const from = job.life;
    const action = JOB_TABLE[from][event];
    if (!action) {
      if (!isActiveState(event)) this.options.log.warn(`job ${job.id} ${job.unit}/${job.type}: event ${event} refused in state ${from} (${reason})`, { job: job.id, unit: job.unit });
      return;
    }
    const move = action({ job, reason, status, unitState: this.unitState(job.unit), acts: this.acts });
    if ('end' in move) return this.finish(job, from, move);
    if (move.to !== from) {
      job.life = move.to;
      this.journalChanged(job);
      this.options.log.info(`job ${job.id} ${job.unit}/${job.type} ${from} -> ${move.to}`, { job: job.id, unit: job.unit, event, reason });
      if (JOB_STATE_VIEW[from] === 'waiting' && JOB_STATE_VIEW[move.to] === 'running') this.events.emit('job', view(job));
    }
    move.then?.();
  }

  /** JobTimeoutSec=/JobRunningTimeoutSec=: ends the job with 'timeout' when the time is up. */
  private armTimer(job: Job, usec: number | undefined): void {
    if (usec === undefined || !Number.isFinite(usec) || usec <= 0) return;
    const setTimer = this.options.setTimer ?? realTimer;
    job.clearTimers.push(setTimer(Math.ceil(usec / 1000), () => {
      if (job.life === 'done') return;
      this.transition(job, 'timeout', `Job ${job.id} ${job.unit}/${job.shownType} timed out.`);
      this.options.hooks?.onTimeout(view(job));
      this.dispatch();
    }));
  }

  /** Runs every candidate job that nothing it must wait for is blocking. Re-entrant safe. */
  private dispatch(): void {
    if (this.dispatching) return; // the loop below picks up candidates added meanwhile
    this.dispatching = true;
    try {
      while (this.candidates.size > 0) {
        const batch = [...this.candidates].sort((a, b) => a.id - b.id);
        this.candidates.clear();
        for (const job of batch) {
          if (JOB_STATE_VIEW[job.life] !== 'waiting' || this.blocked(job)) continue;
          this.transition(job, 'run', 'no job it waits for is queued');
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** A job ended or left its unit: the jobs ordered against it may be free now. */
  private wakeNeighbours(unit: string): void {
    for (const neighbour of orderingNeighbours(this.options.graph, unit)) {
      const other = this.installed.get(neighbour);
      if (other && JOB_STATE_VIEW[other.life] === 'waiting') this.candidates.add(other);
    }
  }

  private blocked(job: Job): boolean {
    if (job.ignoreOrder) return false;
    const { graph } = this.options;
    for (const neighbour of orderingNeighbours(graph, job.unit)) {
      const other = this.installed.get(neighbour);
      if (other && other !== job && mustWait(graph, ordered(job), ordered(other))) return true;
    }
    return false;
  }

  private unitState(unit: string): ActiveState {
    const state = this.options.graph.unit(unit)?.activeState ?? 'inactive';
    return isActiveState(state) ? state : 'inactive';
  }

  /**
   * Makes a driver call and fails the job when the worker rejects it, unless the job has moved
   * on to another half meanwhile (which half is noted before the call: a driver may report the
   * unit's new state before its call returns).
   */
  private call(job: Job, request: () => Promise<void>): void {
    const half = HALF[job.life];
    request().catch((error: unknown) => {
      if (JOB_STATE_VIEW[job.life] !== 'running' || HALF[job.life] !== half) return;
      const message = error instanceof Error ? error.message : String(error);
      this.transition(job, 'rejected', `Job ${job.id} ${job.unit}/${job.type} failed: ${message}`);
      this.dispatch();
    });
  }

  /** The move to done: the job leaves its unit, waiters wake, and a failed start propagates. */
  private finish(job: Job, from: JobLifeState, ending: Ending): void {
    const { end: result, message } = ending;
    job.life = 'done';
    for (const clear of job.clearTimers) clear();
    job.result = result;
    job.message = message;
    if (this.installed.get(job.unit) === job) this.installed.delete(job.unit);
    this.candidates.delete(job);
    this.wakeNeighbours(job.unit);
    const v = view(job);
    this.finished.set(job.id, v);
    this.changed.delete(job);
    this.ended.push(v);
    this.queueJournalFlush();
    const keep = this.options.keepFinished ?? KEEP_FINISHED;
    while (this.finished.size > keep) this.finished.delete(this.finished.keys().next().value!);
    const level = result === 'done' ? 'info' : 'warn';
    this.options.log.log(level, `job ${job.id} ${job.unit}/${job.type} ${from} -> done: ${result}${message ? ` (${message})` : ''}`, { job: job.id, unit: job.unit, result });
    this.events.emit('job', v);
    for (const resolve of this.waiters.get(job.id) ?? []) resolve();
    this.waiters.delete(job.id);
    const startLike = job.type === 'start' || job.type === 'verify-active' || (job.type === 'restart' && HALF[from] === 'start');
    if (result !== 'done' && ending.propagate !== false && startLike) this.failDependents(job, result);
    this.dispatch();
  }

  private journalChanged(job: Job): void {
    if (!this.options.journal) return;
    this.changed.add(job);
    this.queueJournalFlush();
  }

  /** Writes this turn's changes once, at the end of the turn (the store commits them together). */
  private queueJournalFlush(): void {
    if (!this.options.journal || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const installed = [...this.changed].filter((j) => j.life !== 'done').map(record);
      this.changed.clear();
      const ended = this.ended.splice(0);
      try {
        this.options.journal?.writeJobs(installed, ended);
      } catch (error) {
        this.options.log.error(`cannot write the job queue to the store: ${(error as Error).message}`);
      }
    });
  }

  /** A start-like job did not end done: the start jobs of units that require its unit fail too. */
  private failDependents(job: Job, result: JobResult): void {
    for (const kind of ['RequiredBy', 'BoundBy', 'RequisiteOf']) {
      for (const dependent of this.options.graph.deps(job.unit, kind)) {
        const other = this.installed.get(dependent);
        if (!other) continue;
        // A restart will start unless it is still in its stop half.
        const otherStarts = other.type === 'start' || other.type === 'verify-active' || (other.type === 'restart' && HALF[other.life] !== 'stop');
        if (!otherStarts) continue;
        const why = job.type === 'verify-active' ? `${job.unit} is not active` : `${job.unit} did not start (${result})`;
        this.transition(other, 'dependency', `A dependency job for ${other.unit} failed: ${why}.`);
      }
    }
  }
}

/** How a job orders against others: a restart past its stop half is a start (job-table.ts `stopped`). */
function ordered(job: Job): { unit: string; type: EngineJobType } {
  return { unit: job.unit, type: job.type === 'restart' && HALF[job.life] === 'start' ? 'start' : job.type };
}

function record(job: Job): JobRecord {
  const half: JobHalf = HALF[job.life] ?? 'none';
  return {
    id: job.id, unit: job.unit, type: job.type, shownType: job.shownType, half, ignoreOrder: job.ignoreOrder, irreversible: job.irreversible,
    queuedMonotonicUsec: job.queuedMonotonicUsec, startCalledMonotonicUsec: job.startCalledMonotonicUsec, startCalledRealtimeUsec: job.startCalledRealtimeUsec,
  };
}

function view(job: Job): JobView {
  return { id: job.id, unit: job.unit, type: job.shownType, state: JOB_STATE_VIEW[job.life], result: job.result, message: job.message };
}
