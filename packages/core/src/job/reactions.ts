// What the core does when a unit changes state on its own terms, beyond finishing jobs: the
// dependencies that act after a transaction has run (systemd's unit_notify()).
//
//   entered failed          → start its OnFailure= units (OnFailureJobMode=); FailureAction=;
//                             CollectMode=inactive-or-failed forgets the failure at once
//   went down successfully  → start its OnSuccess= units; SuccessAction=
//   went down               → stop the units that BindsTo= it and are up (unless it is only
//                             restarting: it has a job of its own); start it again when a unit
//                             that is up Upholds= it; its dependencies may now be unneeded
//   came up                 → stop it again when a unit it BindsTo= is down without a job
//   a job ended             → the unit and its dependencies may now be unneeded
//
// Unneeded (StopWhenUnneeded=yes): the unit is up, has no job, and no unit that Requires=,
// Wants=, BindsTo=, Requisite= or Upholds= it is up or has a job that brings it up; then it is
// stopped (mode fail, so a queued job of the user's wins). The jobs are enqueued from a
// microtask, never from inside the engine's own event, and their failures are logged.
import type { UnitStatus__Output } from '@sysmaster/proto';
import { DOWN_STATES, UP_STATES, inStates, startsUnit } from '@sysmaster/proto';
import type { JobMode, JobView } from '../manager-core';
import type { Logger } from '../log';
import type { EmergencyAction, UnitSettings } from '../units/unit-settings';
import type { RequestJobType } from './merge';

export interface ReactionPort {
  settings(unit: string): UnitSettings | undefined;
  activeState(unit: string): string;
  deps(unit: string, kind: string): readonly string[];
  jobOf(unit: string): JobView | null;
  /** Enqueues a job for the core itself; rejects with the transaction's error. */
  enqueue(type: RequestJobType, unit: string, mode: JobMode): Promise<void>;
  action(action: EmergencyAction, unit: string, why: string, rebootArgument: string): void;
  /** Forgets a failed unit's failure (CollectMode=inactive-or-failed). */
  collect(unit: string): Promise<void>;
  log: Logger;
}

const NEEDED_BY = ['RequiredBy', 'WantedBy', 'BoundBy', 'RequisiteOf', 'UpheldBy'];
const NEEDS = ['Requires', 'Wants', 'BindsTo', 'Requisite', 'Upholds'];

export class UnitReactions {
  private readonly gcCandidates = new Set<string>();
  private gcScheduled = false;

  constructor(private readonly port: ReactionPort) {}

  /** A unit's status changed from `before` to `after`. */
  onTransition(unit: string, before: UnitStatus__Output, after: UnitStatus__Output): void {
    const was = before.active_state;
    const now = after.active_state;
    if (was === now) return;
    const settings = this.port.settings(unit);
    if (now === 'failed') {
      for (const other of this.port.deps(unit, 'OnFailure')) this.later('start', other, settings?.onFailureJobMode ?? 'replace', `${unit} has OnFailure=${other}`);
      if (settings && settings.failureAction !== 'none') this.port.action(settings.failureAction, unit, `${unit} failed (FailureAction=${settings.failureAction})`, settings.rebootArgument);
      if (settings?.collectMode === 'inactive-or-failed') {
        // After the engine has seen the status too: the failed unit's own job has ended then.
        queueMicrotask(() => {
          if (this.port.jobOf(unit) !== null || this.port.activeState(unit) !== 'failed') return;
          this.port.collect(unit).catch((error: unknown) => this.port.log.warn(`${unit}: CollectMode=inactive-or-failed: ${(error as Error).message}`));
        });
      }
    }
    if (now === 'inactive' && !inStates(was, DOWN_STATES) && (after.result === 'success' || after.result === '')) {
      for (const other of this.port.deps(unit, 'OnSuccess')) this.later('start', other, 'replace', `${unit} has OnSuccess=${other}`);
      if (settings && settings.successAction !== 'none') this.port.action(settings.successAction, unit, `${unit} finished (SuccessAction=${settings.successAction})`, settings.rebootArgument);
    }
    if (inStates(now, DOWN_STATES) && !inStates(was, DOWN_STATES)) {
      const ownJob = this.port.jobOf(unit);
      const restarting = ownJob !== null && ownJob.type !== 'stop';
      if (!restarting) {
        for (const other of this.port.deps(unit, 'BoundBy')) {
          const job = this.port.jobOf(other);
          if (inStates(this.port.activeState(other), UP_STATES) && job?.type !== 'stop') this.later('stop', other, 'replace', `${other} has BindsTo=${unit}, which went ${now}`);
        }
        const upheldBy = this.port.deps(unit, 'UpheldBy').find((o) => inStates(this.port.activeState(o), UP_STATES));
        if (upheldBy !== undefined) this.later('start', unit, 'replace', `${upheldBy} has Upholds=${unit}, which went ${now}`);
      }
      for (const kind of NEEDS) for (const other of this.port.deps(unit, kind)) this.considerUnneeded(other);
    }
    if (now === 'active' && was !== 'reloading') {
      for (const other of this.port.deps(unit, 'BindsTo')) {
        const job = this.port.jobOf(other);
        if (inStates(this.port.activeState(other), DOWN_STATES) && (job === null || job.type === 'stop')) {
          this.later('stop', unit, 'replace', `${unit} has BindsTo=${other}, which is ${this.port.activeState(other)}`);
          break;
        }
      }
      this.considerUnneeded(unit);
    }
  }

  /** A job finished: its unit and what the unit needs may have become unneeded. */
  onJobFinished(job: JobView): void {
    this.considerUnneeded(job.unit);
    for (const kind of NEEDS) for (const other of this.port.deps(job.unit, kind)) this.considerUnneeded(other);
  }

  private considerUnneeded(unit: string): void {
    if (!this.port.settings(unit)?.stopWhenUnneeded) return;
    this.gcCandidates.add(unit);
    if (this.gcScheduled) return;
    this.gcScheduled = true;
    queueMicrotask(() => {
      this.gcScheduled = false;
      const units = [...this.gcCandidates];
      this.gcCandidates.clear();
      for (const u of units) if (this.unneeded(u)) this.enqueue('stop', u, 'fail', `${u} has StopWhenUnneeded=yes and no unit needs it any more`);
    });
  }

  /** StopWhenUnneeded=: up, no job, and nothing that is up (or coming up) needs it. */
  unneeded(unit: string): boolean {
    if (!inStates(this.port.activeState(unit), UP_STATES) || this.port.jobOf(unit) !== null) return false;
    for (const kind of NEEDED_BY) {
      for (const other of this.port.deps(unit, kind)) {
        if (inStates(this.port.activeState(other), UP_STATES)) return false;
        // A unit that is not up still needs it while its job starts it. The job's type alone
        // decides: a try-restart job exists only for a unit that was up, and runs as a restart.
        const job = this.port.jobOf(other);
        if (job && startsUnit(job.type)) return false;
      }
    }
    return true;
  }

  private later(type: RequestJobType, unit: string, mode: JobMode, why: string): void {
    queueMicrotask(() => this.enqueue(type, unit, mode, why));
  }

  private enqueue(type: RequestJobType, unit: string, mode: JobMode, why: string): void {
    this.port.log.info(`${why}: enqueuing ${unit}/${type}`, { unit });
    this.port.enqueue(type, unit, mode).catch((error: unknown) => {
      this.port.log.warn(`${why}, but ${unit}/${type} could not be enqueued: ${(error as Error).message}`, { unit });
    });
  }
}
