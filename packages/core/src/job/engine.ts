// The job engine: installs transactions and runs their jobs.
//
// Every unit has at most one installed job. A job is 'waiting' until no job it must wait for
// (mustWait(): After=/Before=, reversed for stops) is still installed, then 'running' until the
// unit's Watch events say how it ended, then 'done' with a result. Jobs run in parallel wherever
// ordering allows. dispatch() does not walk every waiting job on every event (that made a boot
// of N units quadratic): it re-checks only candidates, the jobs whose blockers may have changed —
// new jobs, the ordering neighbours of a job that finished, and the job of a unit whose state
// changed — in job-id order.
//
// How a running job ends follows the Watch semantics of docs/conventions.md:
// - start: done at once on an active (or reloading) unit, without calling Start; on an
//   activating unit (an automatic restart) it waits for the outcome without calling Start;
//   otherwise Start, then done on 'active' or on 'inactive' with result 'success' after
//   'activating' (a oneshot), failed on 'failed' or 'inactive' with another result.
// - stop: done at once on an inactive or failed unit; otherwise Stop, done on inactive/failed.
// - restart: a stop phase, then a start phase, in one job.
// - before Start is called, the hooks may end the job instead: a failed Condition (done, the
//   unit stays down), a failed Assert (result 'assert'), a start limit hit (failed).
// - a start or verify-active job that ends other than 'done' (failed, timeout, assert, a
//   user's cancel, …) makes every start/verify-active job of a unit that Requires=, BindsTo= or
//   Requisite= it end with result 'dependency', recursively — waiting ones without running.
//   Jobs canceled because a new transaction replaced them do not propagate (systemd's rule).
// - JobTimeoutSec= (from when the job is queued) and JobRunningTimeoutSec= (from when it runs)
//   end the job with result 'timeout' and report it to the hooks (JobTimeoutAction=).
// - mode ignore-dependencies installs jobs that ignore ordering; replace-irreversibly installs
//   jobs no later transaction may replace.
// - a rejected Start/Stop call (the worker refused or is gone) fails the job with its message.
//
// The engine only sees the JobGraph and UnitDriver seams, so every rule above is unit-tested
// with a fake driver that answers like a worker.
import { EventEmitter } from 'node:events';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/proto';
import type { JobMode, JobResult, JobType, JobView } from '../manager-core';
import type { Logger } from '../log';
import type { RequestJobType } from './merge';
import { buildTransaction } from './transaction';
import { mustWait, orderingNeighbours, type EngineJobType, type JobGraph, type UnitDriver } from './types';

interface Job {
  id: number;
  unit: string;
  type: EngineJobType;
  /** The type shown to clients (try-restart stays try-restart while it runs as restart). */
  shownType: JobType;
  state: 'waiting' | 'running' | 'done';
  result: JobResult;
  message: string;
  /** For restart: which half runs. */
  phase: 'stop' | 'start';
  /** The unit was seen activating (or reloading) since the job called Start (Reload). */
  sawTransition: boolean;
  runningTimerArmed?: boolean;
  ignoreOrder: boolean;
  irreversible: boolean;
  /** Cancels the job's timers. */
  clearTimers: Array<() => void>;
}

/** Decisions the core makes about a job that the engine cannot: conditions, limits, actions. */
interface EngineHooks {
  /**
   * Called right before Start is called for a start job (or the start half of a restart).
   * null lets it go on; otherwise the job ends with this result and Start is not called.
   */
  beforeStart(unit: string): { result: 'done' | 'assert' | 'failed'; message: string } | null;
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
}

export interface EnqueueOptions {
  shownType?: JobType;
  exclude?: ReadonlySet<string>;
  /** Install the jobs as irreversible whatever the mode (shutdown's isolate). */
  irreversible?: boolean;
}

const ACTIVE = new Set(['active', 'reloading']);
const DOWN = new Set(['inactive', 'failed']);

export class JobEngine {
  readonly events = new EventEmitter<EngineEvents>();
  private readonly installed = new Map<string, Job>();
  private readonly finished = new Map<number, JobView>();
  private readonly waiters = new Map<number, Array<() => void>>();
  private dispatching = false;
  /** Waiting jobs to re-check on the next dispatch (see the essay above). */
  private readonly candidates = new Set<Job>();

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
    const installedList = [...this.installed.values()].map((j) => ({ id: j.id, unit: j.unit, type: j.type, irreversible: j.irreversible }));
    const plan = buildTransaction(this.options.graph, {
      anchors, mode, installed: installedList, ...(options.exclude ? { exclude: options.exclude } : {}),
    });
    if (options.irreversible) plan.irreversible = true;
    for (const w of plan.warnings) this.options.log.warn(w);
    for (const id of plan.replace) {
      const old = [...this.installed.values()].find((j) => j.id === id);
      if (old) {
        const by = plan.jobs.get(old.unit);
        this.finish(old, 'canceled', by ? `Job ${old.id} (${old.unit}/${old.type}) was replaced by a new ${by} job.` : `Job ${old.id} (${old.unit}/${old.type}) was canceled by a ${mode} transaction.`, false);
      }
    }
    const anchorNames = new Map(anchors.map((a) => [this.options.graph.unit(a.unit)?.name ?? a.unit, a]));
    const created = new Map<string, Job>();
    for (const [unit, type] of plan.jobs) {
      if (plan.reuse.has(unit)) continue;
      const anchor = anchorNames.get(unit);
      const job: Job = {
        id: this.options.nextId(), unit, type, shownType: anchor && options.shownType ? options.shownType : type,
        state: 'waiting', result: '', message: '', phase: type === 'restart' ? 'stop' : 'start', sawTransition: false,
        ignoreOrder: plan.ignoreOrder, irreversible: plan.irreversible, clearTimers: [],
      };
      this.installed.set(unit, job);
      this.armTimer(job, this.options.graph.unit(unit)?.jobTimeoutUsec);
      this.candidates.add(job);
      created.set(unit, job);
      this.options.log.info(`job ${job.id} ${unit}/${type} queued`, { job: job.id, unit, type, mode });
    }
    const result: JobView[] = [];
    for (const a of anchors) {
      const unit = this.options.graph.unit(a.unit)?.name ?? a.unit;
      const job = created.get(unit) ?? [...this.installed.values()].find((j) => j.id === plan.reuse.get(unit));
      if (job) result.push(view(job));
    }
    for (const job of created.values()) this.events.emit('job', view(job));
    this.dispatch();
    return result.map((r) => this.job(r.id) ?? r);
  }

  /** A unit's new status, from its worker's Watch stream. The graph already shows it. */
  onStatus(status: UnitStatus__Output): void {
    const job = this.installed.get(status.name);
    if (job && job.state === 'running') this.advance(job, status);
    else if (job && job.state === 'waiting') this.candidates.add(job);
    this.dispatch();
  }

  cancel(ids: number[]): void {
    const found = ids.map((id) => {
      const job = [...this.installed.values()].find((j) => j.id === id);
      if (!job) throw new SysmasterError('ERR_JOB_NOT_FOUND', `Job ${id} does not exist.`);
      return job;
    });
    for (const job of found) this.finish(job, 'canceled', `Job ${job.id} (${job.unit}/${job.type}) was canceled.`);
    this.dispatch();
  }

  /** JobTimeoutSec=/JobRunningTimeoutSec=: ends the job with 'timeout' when the time is up. */
  private armTimer(job: Job, usec: number | undefined): void {
    if (usec === undefined || !Number.isFinite(usec) || usec <= 0) return;
    const setTimer = this.options.setTimer ?? realTimer;
    job.clearTimers.push(setTimer(Math.ceil(usec / 1000), () => {
      if (job.state === 'done') return;
      this.finish(job, 'timeout', `Job ${job.id} ${job.unit}/${job.shownType} timed out.`);
      this.options.hooks?.onTimeout(view(job));
      this.dispatch();
    }));
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

  /** Runs every candidate job that nothing it must wait for is blocking. Re-entrant safe. */
  private dispatch(): void {
    if (this.dispatching) return; // the loop below picks up candidates added meanwhile
    this.dispatching = true;
    try {
      while (this.candidates.size > 0) {
        const batch = [...this.candidates].sort((a, b) => a.id - b.id);
        this.candidates.clear();
        for (const job of batch) {
          if (job.state !== 'waiting' || this.blocked(job)) continue;
          this.run(job);
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
      if (other && other.state === 'waiting') this.candidates.add(other);
    }
  }

  private blocked(job: Job): boolean {
    if (job.ignoreOrder) return false;
    const { graph } = this.options;
    for (const neighbour of orderingNeighbours(graph, job.unit)) {
      const other = this.installed.get(neighbour);
      if (other && other !== job && mustWait(graph, job, other)) return true;
    }
    return false;
  }

  private activeState(unit: string): string {
    return this.options.graph.unit(unit)?.activeState ?? 'inactive';
  }

  private run(job: Job): void {
    job.state = 'running';
    this.armRunningTimer(job);
    this.options.log.info(`job ${job.id} ${job.unit}/${job.type} running`, { job: job.id, unit: job.unit });
    this.events.emit('job', view(job));
    const state = this.activeState(job.unit);
    switch (job.type) {
      case 'verify-active':
        if (ACTIVE.has(state)) this.finish(job, 'done', '');
        else this.finish(job, 'failed', `Unit ${job.unit} is not active.`);
        return;
      case 'stop':
        this.runStop(job, state);
        return;
      case 'restart':
        if (job.phase === 'stop') this.runStop(job, state);
        else this.runStart(job, state);
        return;
      case 'start':
        this.runStart(job, state);
        return;
      case 'reload':
        if (!ACTIVE.has(state)) {
          this.finish(job, 'failed', `Unit ${job.unit} cannot be reloaded because it is not active.`);
          return;
        }
        this.call(job, this.options.driver.reload(job.unit));
        return;
    }
  }

  private armRunningTimer(job: Job): void {
    if (job.runningTimerArmed) return;
    job.runningTimerArmed = true;
    this.armTimer(job, this.options.graph.unit(job.unit)?.jobRunningTimeoutUsec);
  }

  private runStart(job: Job, state: string): void {
    if (ACTIVE.has(state)) return this.finish(job, 'done', '');
    job.sawTransition = false;
    if (state === 'activating') {
      job.sawTransition = true;
      return;
    }
    if (state === 'deactivating') {
      // Not runnable yet: back to waiting until the unit settles (onStatus makes it a candidate).
      job.state = 'waiting';
      return;
    }
    const verdict = this.options.hooks?.beforeStart(job.unit) ?? null;
    if (verdict) return this.finish(job, verdict.result, verdict.message);
    this.call(job, this.options.driver.start(job.unit));
  }

  private runStop(job: Job, state: string): void {
    if (DOWN.has(state)) return this.stopped(job);
    if (state === 'deactivating') return;
    this.call(job, this.options.driver.stop(job.unit, { restart: job.type === 'restart' }));
  }

  /** The stop (or the stop half of a restart) is complete. */
  private stopped(job: Job): void {
    if (job.type !== 'restart') return this.finish(job, 'done', '');
    job.phase = 'start';
    this.runStart(job, this.activeState(job.unit));
  }

  private call(job: Job, request: Promise<void>): void {
    const phase = job.phase;
    request.catch((error: unknown) => {
      if (job.state !== 'running' || job.phase !== phase) return;
      const message = error instanceof Error ? error.message : String(error);
      this.finish(job, 'failed', `Job ${job.id} ${job.unit}/${job.type} failed: ${message}`);
      this.dispatch();
    });
  }

  private advance(job: Job, status: UnitStatus__Output): void {
    const state = status.active_state;
    const starting = job.type === 'start' || (job.type === 'restart' && job.phase === 'start');
    if (starting) {
      if (state === 'activating') job.sawTransition = true;
      else if (state === 'active') this.finish(job, 'done', '');
      else if (state === 'failed') this.finish(job, 'failed', `Unit ${job.unit} failed (result: ${status.result || 'unknown'}).`);
      else if (state === 'inactive' && job.sawTransition) {
        // exec-condition: ExecCondition= told the worker to skip the start, which (like a failed
        // Condition*=) is not a failure of the job (systemd.service(5)).
        if (status.result === 'success' || status.result === '' || status.result === 'exec-condition') this.finish(job, 'done', '');
        else this.finish(job, 'failed', `Unit ${job.unit} failed (result: ${status.result}).`);
      }
      return;
    }
    if (job.type === 'stop' || job.type === 'restart') {
      if (DOWN.has(state)) this.stopped(job);
      return;
    }
    if (job.type === 'reload') {
      if (state === 'reloading') job.sawTransition = true;
      else if (state === 'active' && job.sawTransition) this.finish(job, 'done', '');
      else if (DOWN.has(state)) this.finish(job, 'failed', `Unit ${job.unit} stopped while reloading (result: ${status.result}).`);
    }
  }

  private finish(job: Job, result: Exclude<JobResult, ''>, message: string, propagate = true): void {
    if (job.state === 'done') return;
    const startLike = job.type === 'start' || job.type === 'verify-active' || (job.type === 'restart' && job.phase === 'start');
    job.state = 'done';
    for (const clear of job.clearTimers) clear();
    job.result = result;
    job.message = message;
    if (this.installed.get(job.unit) === job) this.installed.delete(job.unit);
    this.candidates.delete(job);
    this.wakeNeighbours(job.unit);
    const v = view(job);
    this.finished.set(job.id, v);
    const keep = this.options.keepFinished ?? 10_000;
    while (this.finished.size > keep) this.finished.delete(this.finished.keys().next().value!);
    const level = result === 'done' ? 'info' : 'warn';
    this.options.log.log(level, `job ${job.id} ${job.unit}/${job.type} finished: ${result}${message ? ` (${message})` : ''}`, { job: job.id, unit: job.unit, result });
    this.events.emit('job', v);
    for (const resolve of this.waiters.get(job.id) ?? []) resolve();
    this.waiters.delete(job.id);
    if (result !== 'done' && propagate && startLike) {
      const { graph } = this.options;
      for (const kind of ['RequiredBy', 'BoundBy', 'RequisiteOf']) {
        for (const dependent of graph.deps(job.unit, kind)) {
          const other = this.installed.get(dependent);
          if (!other) continue;
          const otherStarts = other.type === 'start' || other.type === 'verify-active' || (other.type === 'restart' && (other.phase === 'start' || other.state === 'waiting'));
          if (!otherStarts) continue;
          const why = job.type === 'verify-active' ? `${job.unit} is not active` : `${job.unit} did not start (${result})`;
          this.finish(other, 'dependency', `A dependency job for ${other.unit} failed: ${why}.`);
        }
      }
    }
    this.dispatch();
  }
}

function view(job: Job): JobView {
  return { id: job.id, unit: job.unit, type: job.shownType, state: job.state, result: job.result, message: job.message };
}
