// The gate every start passes: the start limit (job/start-limit.ts), then Condition*=, then
// Assert*= (the conditions module), evaluated right before the job engine calls Start (its
// beforeStart hook). A refused start ends the job without calling Start: a failed condition
// ends it 'done' (the unit is skipped, not failed), a failed assert 'assert', the limit 'failed'.
//
// The start limit is the core's own verdict on a unit the worker holds as merely inactive: while
// the limit is hit, the unit is shown failed with result start-limit-hit (systemd), until
// reset-failed clears it; and StartLimitAction= runs. The same limit is checked at enqueue for
// a user's request (the admission module asks refuseOverLimit()), so `sctl start` fails with
// ERR_START_LIMIT instead of queueing a job that would fail.
import type { UnitStatus__Output } from '@sysmaster/proto';
import { DOWN_STATES, inStates } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/proto';
import { evaluateConditions, realConditionEnv, type ConditionEnv } from './conditions';
import type { EmergencyAction } from './units/unit-settings';
import type { UnitRecord } from './units/unit-table';
import type { ConditionOutcome } from './manager-core';
import type { Logger } from './log';
import type { SystemConfig } from './system-config';
import { StartLimiter, startLimitMessage, type StartLimit, type StartLimitRecords } from './job/start-limit';

export interface StartGatePort {
  config: SystemConfig;
  log: Logger;
  find(unit: string): UnitRecord | undefined;
  /** Shows a status the core decided (start-limit-hit, or its clearing) as the unit's. */
  setStatus(record: UnitRecord, status: UnitStatus__Output): void;
  /** Runs an emergency action (StartLimitAction=). */
  emergency(action: EmergencyAction, unit: string, why: string, rebootArgument: string): void;
  /** Why a start of this unit is refused by its type's once_only capability, null when it is not. */
  onceOnlyRefusal(record: UnitRecord): string | null;
  /** The clock of start limits, in microseconds. */
  nowUsec?: () => number;
  /** What Condition*=/Assert*= checks read (default: the real machine). */
  conditionEnv?: () => ConditionEnv;
  /** Where the start-limit counts outlive the core (the store). */
  startLimits?: StartLimitRecords;
}

export type StartVerdict = { result: 'done' | 'assert' | 'failed' | 'once'; message: string };

export interface ConditionOutcomes { conditions: ConditionOutcome | null; asserts: ConditionOutcome | null }

/**
 * The unit's ConditionResult= outcome with the condition its worker checks itself
 * (UnitStatus.type_condition, a service's ExecCondition=), which runs after the [Unit]
 * Condition*= checks passed: whichever of the two was checked last is the unit's outcome.
 */
export function withTypeCondition(unit: ConditionOutcome | null, status: UnitStatus__Output): ConditionOutcome | null {
  const type = status.type_condition;
  if (!type?.checked) return unit;
  const at = Number(type.timestamp_usec);
  if (unit !== null && unit.timestampUsec > at) return unit;
  return { passed: type.passed, timestampUsec: at, failures: type.passed ? [] : [type.failure] };
}

export class StartGate {
  private readonly limiter: StartLimiter;
  private readonly outcomes = new Map<string, ConditionOutcomes>();
  /** Units whose failed/start-limit-hit status the core set itself (the worker thinks them inactive). */
  private readonly limitOverride = new Set<string>();
  private conditionEnvCache: ConditionEnv | null = null;

  constructor(private readonly port: StartGatePort) {
    this.limiter = new StartLimiter(port.nowUsec, port.startLimits ?? null);
  }

  /** The engine's hook before it calls Start: once_only, start limit, then conditions, then asserts. */
  beforeStart(unit: string): StartVerdict | null {
    const record = this.port.find(unit);
    if (!record) return null;
    const once = this.port.onceOnlyRefusal(record);
    if (once) return { result: 'once', message: once };
    if (!this.limiter.tryStart(record.name, this.startLimit(record))) {
      this.limitHit(record);
      return { result: 'failed', message: startLimitMessage(record.name) };
    }
    return this.checkConditions(record);
  }

  /** A user's start of a unit that is down: refused (ERR_START_LIMIT) when over the limit. */
  refuseOverLimit(record: UnitRecord): void {
    if (!this.limiter.wouldRefuse(record.name, this.startLimit(record))) return;
    this.limitHit(record);
    throw new SysmasterError('ERR_START_LIMIT', startLimitMessage(record.name));
  }

  /** The status to show for a worker's report: failed/start-limit-hit while the limit holds a down unit. */
  shownStatus(record: UnitRecord, status: UnitStatus__Output): UnitStatus__Output {
    if (this.limiter.isHit(record.name) && inStates(status.active_state, DOWN_STATES)) {
      this.limitOverride.add(record.name);
      return { ...status, active_state: 'failed', sub_state: 'failed', result: 'start-limit-hit' };
    }
    if (!inStates(status.active_state, DOWN_STATES)) this.limitOverride.delete(record.name);
    return status;
  }

  /** Whether the unit's last start was refused by its limit (until reset). */
  isHit(unit: string): boolean {
    return this.limiter.isHit(unit);
  }

  /**
   * reset-failed: forgets the unit's starts. Returns true when the failure was the core's own
   * verdict, now cleared (the unit is shown inactive); false when the worker holds the failure.
   */
  reset(record: UnitRecord): boolean {
    this.limiter.reset(record.name);
    if (!this.limitOverride.delete(record.name)) return false;
    this.port.setStatus(record, { ...record.status, active_state: 'inactive', sub_state: 'dead', result: 'success' });
    return true;
  }

  /** StartLimitIntervalSec=/StartLimitBurst=, or the system defaults. */
  startLimit(record: UnitRecord): StartLimit {
    const s = record.def.settings;
    return {
      intervalUsec: s.startLimitIntervalUsec ?? this.port.config.defaultStartLimitIntervalUsec,
      burst: s.startLimitBurst ?? this.port.config.defaultStartLimitBurst,
    };
  }

  /** How the unit's conditions and asserts evaluated at its last start. */
  outcome(unit: string): ConditionOutcomes | undefined {
    return this.outcomes.get(unit);
  }

  /**
   * Condition*= then Assert*=, as systemd's unit start: each list is evaluated at every start
   * and its outcome stamped, an empty list passing (so a unit without conditions shows
   * ConditionResult=yes and a ConditionTimestamp= once started). Asserts are not evaluated when
   * a condition failed; their previous outcome stays.
   */
  private checkConditions(record: UnitRecord): StartVerdict | null {
    const { conditions, asserts } = record.def;
    const env = conditions.length > 0 || asserts.length > 0 ? this.conditionEnv() : null;
    const at = Date.now() * 1000;
    const outcome: ConditionOutcomes = { conditions: null, asserts: this.outcomes.get(record.name)?.asserts ?? null };
    this.outcomes.set(record.name, outcome);
    const c = env ? evaluateConditions(conditions, env) : { passed: true, failures: [], warnings: [] };
    this.logWarnings(record.name, c.warnings);
    outcome.conditions = { passed: c.passed, timestampUsec: at, failures: c.failures };
    if (!c.passed) {
      this.port.log.info(`${record.name} was skipped: ${c.failures.join('; ')}`, { unit: record.name });
      return { result: 'done', message: `Condition check resulted in ${record.name} being skipped: ${c.failures.join('; ')}.` };
    }
    const a = env ? evaluateConditions(asserts, env) : { passed: true, failures: [], warnings: [] };
    this.logWarnings(record.name, a.warnings);
    outcome.asserts = { passed: a.passed, timestampUsec: at, failures: a.failures };
    if (!a.passed) return { result: 'assert', message: `Assertion failed for ${record.name}: ${a.failures.join('; ')}.` };
    return null;
  }

  /** systemd's warning-level condition messages: a check that could not be carried out or named nothing known. */
  private logWarnings(unit: string, warnings: string[]): void {
    for (const w of warnings) this.port.log.warn(`${unit}: ${w}`, { unit });
  }

  /** A start was refused by the limit: the unit is failed with result start-limit-hit (systemd). */
  private limitHit(record: UnitRecord): void {
    const before = record.status;
    this.limitOverride.add(record.name);
    if (before.active_state !== 'failed' || before.result !== 'start-limit-hit') {
      this.port.setStatus(record, { ...before, active_state: 'failed', sub_state: 'failed', result: 'start-limit-hit' });
    }
    this.runLimitAction(record);
  }

  private runLimitAction(record: UnitRecord): void {
    const s = record.def.settings;
    this.port.emergency(s.startLimitAction, record.name, `${record.name} hit its start limit (StartLimitAction=${s.startLimitAction})`, s.rebootArgument);
  }

  private conditionEnv(): ConditionEnv {
    if (this.port.conditionEnv) return this.port.conditionEnv();
    this.conditionEnvCache ??= realConditionEnv();
    return this.conditionEnvCache;
  }
}
