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
// - a start job that fails makes every waiting start job of a unit that Requires= it fail with
//   result 'dependency', recursively, without running them.
// - a rejected Start/Stop call (the worker refused or is gone) fails the job with its message.
//
// The engine only sees the JobGraph and UnitDriver seams, so every rule above is unit-tested
// with a fake driver that answers like a worker.
import { EventEmitter } from 'node:events';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/proto';
import type { JobMode, JobResult, JobType, JobView } from '../manager-core';
import type { Logger } from '../log';
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
}

export interface EngineEvents { job: [JobView] }

export interface JobEngineOptions {
  graph: JobGraph;
  driver: UnitDriver;
  log: Logger;
  /** Hands out job ids (persisted by the core, so ids are never reused across core restarts). */
  nextId: () => number;
  /** How many finished jobs are remembered for waitJobs/ListJobs. */
  keepFinished?: number;
}

export interface EnqueueOptions {
  shownType?: JobType;
  exclude?: ReadonlySet<string>;
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
  enqueue(anchors: Array<{ unit: string; type: EngineJobType }>, mode: JobMode, options: EnqueueOptions = {}): JobView[] {
    const installedList = [...this.installed.values()].map((j) => ({ id: j.id, unit: j.unit, type: j.type }));
    const plan = buildTransaction(this.options.graph, {
      anchors, mode, installed: installedList, ...(options.exclude ? { exclude: options.exclude } : {}),
    });
    for (const w of plan.warnings) this.options.log.warn(w);
    for (const id of plan.replace) {
      const old = [...this.installed.values()].find((j) => j.id === id);
      if (old) this.finish(old, 'canceled', `Job ${old.id} (${old.unit}/${old.type}) was replaced by a new ${plan.jobs.get(old.unit) ?? ''} job.`);
    }
    const anchorNames = new Map(anchors.map((a) => [this.options.graph.unit(a.unit)?.name ?? a.unit, a]));
    const created = new Map<string, Job>();
    for (const [unit, type] of plan.jobs) {
      if (plan.reuse.has(unit)) continue;
      const anchor = anchorNames.get(unit);
      const job: Job = {
        id: this.options.nextId(), unit, type, shownType: anchor && options.shownType ? options.shownType : type,
        state: 'waiting', result: '', message: '', phase: type === 'restart' ? 'stop' : 'start', sawTransition: false,
      };
      this.installed.set(unit, job);
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
    for (const id of ids) {
      const job = [...this.installed.values()].find((j) => j.id === id);
      if (!job) throw new SysmasterError('ERR_JOB_NOT_FOUND', `Job ${id} does not exist.`);
      this.finish(job, 'canceled', `Job ${id} (${job.unit}/${job.type}) was canceled.`);
    }
    this.dispatch();
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
    this.call(job, this.options.driver.start(job.unit));
  }

  private runStop(job: Job, state: string): void {
    if (DOWN.has(state)) return this.stopped(job);
    if (state === 'deactivating') return;
    this.call(job, this.options.driver.stop(job.unit));
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
        if (status.result === 'success' || status.result === '') this.finish(job, 'done', '');
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

  private finish(job: Job, result: Exclude<JobResult, ''>, message: string): void {
    if (job.state === 'done') return;
    job.state = 'done';
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
    if ((result === 'failed' || result === 'dependency' || result === 'timeout') && (job.type === 'start' || job.type === 'restart')) {
      for (const dependent of this.options.graph.deps(job.unit, 'RequiredBy')) {
        const other = this.installed.get(dependent);
        if (other && other.state === 'waiting' && (other.type === 'start' || other.type === 'restart')) {
          this.finish(other, 'dependency', `A dependency job for ${other.unit} failed: ${job.unit} did not start.`);
        }
      }
    }
    this.dispatch();
  }
}

function view(job: Job): JobView {
  return { id: job.id, unit: job.unit, type: job.shownType, state: job.state, result: job.result, message: job.message };
}
