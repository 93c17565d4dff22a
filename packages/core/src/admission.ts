// Admission: the checks a request passes before it becomes a transaction, and the translation of
// the API's job types into the transaction's. A request flows one way — API → admission → job
// engine (transaction, then jobs) → worker port — and this module is its first stage:
//
//   the mode is one the engine knows; a unit is named; while the system is stopping only stop
//   jobs are admitted; the named units and what they pull in are loaded (loadClosure); each
//   named unit is loaded (a stop may name a unit whose file is gone while it still runs); for a
//   user's request ('api' origin) RefuseManualStart=/RefuseManualStop=, AllowIsolate= and the
//   start limit of a unit that is down (StartGate.refuseOverLimit); reload-or-restart becomes
//   reload when the unit runs and can reload, else restart.
//
// The core's own jobs (reactions) and the other unit operations (kill, reset-failed) are
// admitted here too, each by its own function, so every "may this be asked?" lives in one file.
import { JOB_MODES, RUNNING_STATES, SysmasterError, UP_STATES, inStates, startsUnit } from '@sysmaster/proto';
import type { JobMode, JobOrigin, JobType } from './manager-core';
import type { RequestJobType } from './job/merge';
import type { StartGate } from './start-gate';
import { capabilityUnit, type TypeCapabilities } from './units/type-capabilities';
import type { UnitRecord, UnitTable } from './units/unit-table';

export interface AdmissionPort {
  table: UnitTable;
  gate: StartGate;
  /** Shutdown has begun: only stops are admitted. */
  stopping(): boolean;
  /** What each unit type's worker declared (reload, kill, once_only, …). */
  capabilities: TypeCapabilities;
  /** Whether a user's stop is the last word on the unit (no user start since). */
  userStopped(unit: string): boolean;
}

/** The anchors of one transaction: the unit (by its real name) and the type the engine plans. */
export type Anchors = Array<{ unit: string; type: RequestJobType }>;

/**
 * systemctl's "Unit NAME not found.", decided here for every job request (the API and the fake
 * core of its tests ask this function too): a unit without a file is unknown to every job type
 * but a stop of one that still runs, whose file vanished while it ran.
 */
export function refuseNotFound(type: JobType, unit: { loadState: string; activeState: string }, name: string): void {
  if (unit.loadState !== 'not-found' || (type === 'stop' && inStates(unit.activeState, RUNNING_STATES))) return;
  throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
}

/** A named unit must be loaded to be started (or reloaded, restarted, verified). */
export function checkLoaded(record: UnitRecord, name: string): void {
  switch (record.loadState) {
    case 'loaded': return;
    case 'not-found': throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
    case 'masked': throw new SysmasterError('ERR_UNIT_MASKED', `Unit ${record.name} is masked.`);
    default: throw new SysmasterError('ERR_BAD_SETTING', record.loadMessage || `Unit ${record.name} failed to load.`);
  }
}

export class Admission {
  constructor(private readonly port: AdmissionPort) {}

  /** A request of the API (or a worker, origin 'dependency'): checked, loaded, and turned into anchors. */
  async admitJob(type: JobType, names: string[], mode: JobMode, origin: JobOrigin): Promise<Anchors> {
    if (!JOB_MODES.includes(mode)) throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid job mode "${mode}"; valid modes: ${JOB_MODES.join(', ')}.`);
    if (names.length === 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No unit named.');
    if (this.port.stopping() && type !== 'stop') throw new SysmasterError('ERR_REFUSED', `The system is shutting down; ${type} of ${names.join(', ')} is refused.`);
    await this.port.table.loadClosure(names);
    return names.map((name) => this.admitUnit(type, this.port.table.ensure(name), name, mode, origin));
  }

  /** A job the core enqueues for itself (OnFailure=, BindsTo=, …): refused only while stopping. */
  async admitReaction(unit: string): Promise<void> {
    if (this.port.stopping()) throw new SysmasterError('ERR_REFUSED', 'The system is shutting down.');
    await this.port.table.loadClosure([unit]);
  }

  /** kill: the unit must exist. */
  async admitKill(name: string): Promise<UnitRecord> {
    const record = await this.port.table.load(name);
    if (record.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
    this.port.capabilities.refuseKill(capabilityUnit(record));
    return record;
  }

  /** reset-failed: the unit must exist, or at least have failed. */
  admitResetFailed(record: UnitRecord): void {
    if (record.loadState === 'not-found' && record.status.active_state !== 'failed') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${record.name} not found.`);
  }

  /** Whether the unit can reload: its type's capability and the worker's per-unit LoadResponse.can_reload. */
  canReload(record: UnitRecord): boolean {
    return this.port.capabilities.canReload(capabilityUnit(record));
  }

  /** One named unit of a job request: its checks, then the type the transaction plans. */
  private admitUnit(type: JobType, record: UnitRecord, name: string, mode: JobMode, origin: JobOrigin): Anchors[number] {
    refuseNotFound(type, { loadState: record.loadState, activeState: record.status.active_state }, name);
    if (type !== 'stop') checkLoaded(record, name);
    const running = inStates(record.status.active_state, RUNNING_STATES);
    if (origin === 'api') this.checkManual(type, record, mode);
    else if (origin === 'worker') this.checkWorkerRequest(type, record);
    this.checkCapabilities(type, record);
    return { unit: record.name, type: this.requestType(type, record, running) };
  }

  /**
   * A worker's request (an activation, an automatic restart): over the start limit it is refused
   * up front, so the worker learns it (ERR_START_LIMIT); an automatic restart that crossed a
   * user's stop on the way (the worker asked, then the user stopped the unit) is dropped, so the
   * stop stands.
   */
  private checkWorkerRequest(type: JobType, record: UnitRecord): void {
    if (type === 'restart' && this.port.userStopped(record.name)) {
      throw new SysmasterError('ERR_REFUSED', `${record.name} was stopped by a user request; its automatic restart is dropped.`);
    }
    if (startsFromDown(type, record)) this.port.gate.refuseOverLimit(record);
  }

  /** What the unit's type declared: reload only where it can work, no second start of a once_only unit. */
  private checkCapabilities(type: JobType, record: UnitRecord): void {
    const unit = capabilityUnit(record);
    if (type === 'reload') this.port.capabilities.refuseReload(unit);
    const once = startsFromDown(type, record) ? this.port.capabilities.onceOnlyRefusal(unit) : null;
    if (once) throw new SysmasterError('ERR_REFUSED', once);
  }

  /** RefuseManualStart=/RefuseManualStop=, AllowIsolate= and the start limit, for requests from users. */
  private checkManual(type: JobType, record: UnitRecord, mode: JobMode): void {
    const s = record.def.settings;
    const starts = startsUnit(type);
    const stops = type === 'stop' || type === 'restart' || type === 'try-restart';
    if ((starts && s.refuseManualStart) || (stops && s.refuseManualStop)) {
      throw new SysmasterError('ERR_REFUSED', `Operation refused, unit ${record.name} may be requested by dependency only (it is configured to refuse manual start/stop).`);
    }
    if (mode === 'isolate' && !s.allowIsolate) {
      // systemd's words, then which unit and why.
      throw new SysmasterError('ERR_REFUSED', 'Operation refused, unit may not be isolated.', { hint: `${record.name} does not have AllowIsolate=yes.` });
    }
    if (startsFromDown(type, record)) this.port.gate.refuseOverLimit(record);
  }

  /** The transaction request an API job type means for this unit. */
  private requestType(type: JobType, record: UnitRecord, running: boolean): RequestJobType {
    switch (type) {
      case 'start': case 'stop': case 'restart': case 'reload': case 'verify-active': case 'try-restart': return type;
      case 'reload-or-restart': return running && this.canReload(record) ? 'reload' : 'restart';
    }
  }
}

/**
 * The job would bring up a unit that is not up: only then do the start limit and once_only apply
 * here (a unit that is up has passed them; a try-restart of one that is not starts nothing).
 */
function startsFromDown(type: JobType, record: UnitRecord): boolean {
  const up = inStates(record.status.active_state, UP_STATES);
  return !up && startsUnit(type, up);
}
