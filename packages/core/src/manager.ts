// The engine of the core: the unit table, the job engine and the workers behind one object that
// implements ManagerCore (the seam the gRPC API is written against). It also runs the two
// system-wide sequences: boot (presets once at first boot, then start default.target once per
// boot, surviving core crashes via the store) and shutdown (systemd's shape: start the kind's
// target — poweroff.target, reboot.target, … which require shutdown.target — as an isolate
// that no later request may replace, wait for every job, then hand over to init).
//
// The per-unit policies that need the core's knowledge live here as engine hooks: start limits
// (job/start-limit.ts), Condition*/Assert* (the conditions module), RefuseManualStart/Stop and
// AllowIsolate at enqueue, JobTimeoutAction=/StartLimitAction=/Success-/FailureAction= through
// emergency actions; the reactions to state changes are in job/reactions.ts.
import { EventEmitter } from 'node:events';
import type { UnitStatus__Output, DescribeResponse__Output, HostEventKind } from '@sysmaster/proto';
import { JOB_MODES, SysmasterError } from '@sysmaster/proto';
import { SPECIAL_DEFAULT_TARGET, shutdownGoalUnit } from '@sysmaster/unit-file';
import type {
  ConditionOutcome, JobMode, JobOrigin, JobType, JobView, LogRequest, LogSink, ManagerCore, ManagerEvents, ShutdownKind, ShutdownLevel, SystemState, UnitView,
} from './manager-core';
import type { Logger } from './log';
import type { CoreStore } from './store';
import type { SystemConfig } from './system-config';
import { evaluateConditions, realConditionEnv, type ConditionEnv } from './conditions';
import { unitFileState as installUnitFileState, presetAll as installPresetAll } from './install';
import { JobEngine, type SetTimer } from './job/engine';
import { shutdownOf } from './job/emergency-action';
import type { RequestJobType } from './job/merge';
import { UnitReactions } from './job/reactions';
import { StartLimiter, startLimitMessage, type StartLimit } from './job/start-limit';
import type { JobGraph, UnitDriver } from './job/types';
import { UnitTable, type UnitRecord, type WorkerLoadPort } from './units/unit-table';
import type { EmergencyAction } from './units/unit-settings';
import { unitView } from './units/unit-view';
import { TypeCapabilities } from './units/type-capabilities';
import { forwardLogs, lastLogLines, type LogPort } from './unit-logs';

/** Everything the manager asks of the workers (the WorkerPool, or a fake in tests). */
export interface WorkerPort extends WorkerLoadPort, UnitDriver, LogPort {
  kill(unit: string, signal: number, whom: string): Promise<void>;
  resetFailed(unit: string): Promise<void>;
  describe(type: string): DescribeResponse__Output | null;
  /** The worker's live status of a unit (optional: fakes may leave it out). */
  status?(unit: string): Promise<UnitStatus__Output>;
  /** The registered unit types (the suffixes unit names may end in). */
  types(): string[];
  /** Sentences about the worker of `type` that its units show (it is restarting, it failed), [] when none. */
  notices?(type: string): string[];
  /** daemon-reload: applies the worker registrations as they are on disk now. */
  reloadRegistrations?(): Promise<void>;
}

export interface ManagerOptions {
  searchPath: string[];
  workers: WorkerPort;
  store: CoreStore;
  config: SystemConfig;
  log: Logger;
  /** The last step of shutdown: ask init (or exit when there is none). */
  finalStep: (kind: ShutdownKind) => Promise<void>;
  /** What Condition*=/Assert*= checks read (default: the real machine). */
  conditionEnv?: () => ConditionEnv;
  /** The enablement state of a unit file (default: the install module). */
  unitFileState?: (name: string, searchPath: string[]) => string;
  /** Applies the presets (default: the install module); run once, at first boot. */
  presetAll?: (searchPath: string[]) => Promise<string[]>;
  /** Records RebootArgument= for the final step (default: only logged). */
  writeRebootArgument?: (argument: string) => void;
  /** The clock of start limits, in microseconds. */
  nowUsec?: () => number;
  setTimer?: SetTimer;
}

const MAX_HOST_WARNINGS = 5;
const RUNNING_STATES = new Set(['active', 'activating', 'reloading', 'deactivating']);
const UP = new Set(['active', 'activating', 'reloading']);
const DOWN = new Set(['inactive', 'failed']);

export class Manager implements ManagerCore {
  readonly events = new EventEmitter<ManagerEvents>();
  readonly table: UnitTable;
  readonly engine: JobEngine;
  private readonly limiter: StartLimiter;
  private readonly reactions: UnitReactions;
  private readonly capabilities: TypeCapabilities;
  private readonly conditionOutcomes = new Map<string, { conditions: ConditionOutcome | null; asserts: ConditionOutcome | null }>();
  /** Units whose failed/start-limit-hit status the core set itself (the worker thinks them inactive). */
  private readonly limitOverride = new Set<string>();
  private phase: 'initializing' | 'starting' | 'booted' | 'stopping' = 'initializing';
  private conditionEnvCache: ConditionEnv | null = null;
  /** The last warnings workers reported per unit (HostEventKind warning), shown by `sctl status`. */
  private readonly hostWarnings = new Map<string, string[]>();
  private finalStepStarted = false;

  constructor(private readonly options: ManagerOptions) {
    this.events.setMaxListeners(0);
    const { config } = options;
    this.limiter = new StartLimiter(options.nowUsec);
    this.capabilities = new TypeCapabilities((type) => options.workers.describe(type));
    this.table = new UnitTable({
      searchPath: options.searchPath, workers: options.workers, log: options.log, defaultTarget: config.defaultTarget,
      defaults: { DefaultTimeoutStartUSec: String(config.defaultTimeoutStartUsec), DefaultTimeoutStopUSec: String(config.defaultTimeoutStopUsec) },
    });
    const table = this.table;
    const graphUnit = (r: UnitRecord): ReturnType<JobGraph['unit']> => ({
      name: r.name, loadState: r.loadState, loadMessage: r.loadMessage, activeState: r.status.active_state,
      ignoreOnIsolate: r.def.settings.ignoreOnIsolate, jobTimeoutUsec: r.def.settings.jobTimeoutUsec,
      jobRunningTimeoutUsec: r.def.settings.jobRunningTimeoutUsec,
    });
    const graph: JobGraph = {
      unit: (name) => {
        const r = table.find(name);
        return r && graphUnit(r);
      },
      deps: (name, kind) => table.deps.get(table.find(name)?.name ?? name, kind),
      hasDep: (from, kind, to) => table.deps.has(from, kind, to),
      units: () => table.all().map((r) => graphUnit(r)!),
    };
    this.engine = new JobEngine({
      graph, driver: options.workers, log: options.log, nextId: () => options.store.takeJobId(),
      ...(options.setTimer ? { setTimer: options.setTimer } : {}),
      hooks: {
        beforeStart: (unit) => this.beforeStart(unit),
        onTimeout: (job) => {
          const s = table.find(job.unit)?.def.settings;
          if (s) this.emergency(s.jobTimeoutAction, job.unit, `the job of ${job.unit} timed out (JobTimeoutAction=${s.jobTimeoutAction})`, s.jobTimeoutRebootArgument);
        },
      },
    });
    this.reactions = new UnitReactions({
      settings: (unit) => table.find(unit)?.def.settings,
      activeState: (unit) => table.find(unit)?.status.active_state ?? 'inactive',
      deps: (unit, kind) => graph.deps(unit, kind),
      jobOf: (unit) => this.engine.jobOf(unit),
      enqueue: async (type, unit, mode) => {
        if (this.phase === 'stopping') throw new SysmasterError('ERR_REFUSED', 'The system is shutting down.');
        await this.table.loadClosure([unit]);
        this.engine.enqueue([{ unit, type }], mode);
      },
      action: (action, unit, why, argument) => this.emergency(action, unit, why, argument),
      collect: (unit) => this.resetFailed([unit]),
      log: options.log,
    });
    this.engine.events.on('job', (job) => {
      this.events.emit('job', job);
      if (job.state !== 'done') return;
      this.reactions.onJobFinished(job);
      if (this.engine.count() === 0 && this.phase === 'starting') this.bootFinished();
    });
  }

  /** A status from a worker (Watch or List): the unit's record follows it, jobs advance. */
  onStatus(incoming: UnitStatus__Output): void {
    let record: UnitRecord;
    try {
      record = this.table.ensure(incoming.name);
    } catch (error) {
      this.options.log.warn(`a worker reported unit "${incoming.name}", which has an invalid name: ${(error as Error).message}`);
      return;
    }
    const before = record.status;
    let status = incoming;
    // The start limit is checked in one place, beforeStart: a worker's automatic restart arrives
    // as a restart job (WorkerHost.EnqueueJob). A unit the limit stopped is down for its worker
    // but failed/start-limit-hit for the core.
    this.capabilities.noteStatus(record.def.type, status);
    if (this.limiter.isHit(record.name) && DOWN.has(status.active_state)) {
      status = { ...status, active_state: 'failed', result: 'start-limit-hit' };
      this.limitOverride.add(record.name);
    } else if (!DOWN.has(status.active_state)) {
      this.limitOverride.delete(record.name);
    }
    this.setStatus(record, before, status);
    this.engine.onStatus(status);
  }

  private setStatus(record: UnitRecord, before: UnitStatus__Output, status: UnitStatus__Output): void {
    record.status = status;
    this.events.emit('unit', status);
    this.reactions.onTransition(record.name, before, status);
  }

  /**
   * An event a worker reported (WorkerHost.ReportEvent): a warning is kept with the unit (the last
   * five) and shown among its notices; a notify message's STATUS= updates the unit's status text
   * at once. Every kind is published to subscribers as a unit event.
   */
  hostEvent(name: string, kind: HostEventKind, message: string, fields: Record<string, string>): void {
    const record = this.table.find(name);
    if (!record) return;
    if (kind === 'warning') {
      const kept = [...(this.hostWarnings.get(record.name) ?? []), message].slice(-MAX_HOST_WARNINGS);
      this.hostWarnings.set(record.name, kept);
    }
    const text = fields.STATUS;
    if (kind === 'notify' && text !== undefined && text !== record.status.status_text) {
      record.status = { ...record.status, status_text: text };
    }
    this.events.emit('unit', this.view(record).status);
  }

  systemState(): SystemState {
    if (this.phase === 'booted') return this.table.all().some((r) => r.status.active_state === 'failed') ? 'degraded' : 'running';
    return this.phase === 'stopping' ? 'stopping' : this.phase;
  }

  jobCount(): number {
    return this.engine.count();
  }

  unit(name: string): UnitView {
    return this.view(this.table.ensure(name));
  }

  /**
   * The unit with live cgroup counters: Tasks/Memory/CPU change without a state change, so the
   * last Watch event is stale for them. Asks the worker when the unit has processes; on any
   * error the cached view is the answer.
   */
  async refreshUnit(name: string): Promise<UnitView> {
    const record = this.table.ensure(name);
    const running = record.loadState === 'loaded' && this.capabilities.hasProcesses(record.def.type) && !DOWN.has(record.status.active_state);
    if (running && this.options.workers.status) {
      try {
        const live = await this.options.workers.status(record.name);
        const { accounting, tasks_current, memory_current, cpu_usage_nsec, notices } = live;
        record.status = { ...record.status, accounting, tasks_current, memory_current, cpu_usage_nsec, notices };
      } catch (error) {
        this.options.log.debug(`${record.name}: live status unavailable: ${(error as Error).message}`);
      }
    }
    return this.view(record);
  }

  units(): UnitView[] {
    return this.table.all().map((r) => this.view(r));
  }

  async enqueue(type: JobType, names: string[], mode: JobMode, origin: JobOrigin = 'api'): Promise<JobView[]> {
    if (!JOB_MODES.includes(mode)) throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid job mode "${mode}"; valid modes: ${JOB_MODES.join(', ')}.`);
    if (names.length === 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No unit named.');
    if (this.phase === 'stopping' && type !== 'stop') throw new SysmasterError('ERR_REFUSED', `The system is shutting down; ${type} of ${names.join(', ')} is refused.`);
    await this.table.loadClosure(names);
    const anchors: Array<{ unit: string; type: RequestJobType }> = [];
    for (const name of names) {
      const record = this.table.ensure(name);
      const running = RUNNING_STATES.has(record.status.active_state);
      if (type === 'stop') {
        if (record.loadState === 'not-found' && !running) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      } else {
        this.checkLoaded(record, name);
      }
      if (origin === 'api') this.checkManual(type, record, mode);
      this.checkCapabilities(type, record);
      anchors.push({ unit: record.name, type: this.requestType(type, record, running) });
    }
    const jobs = this.engine.enqueue(anchors, mode, { shownType: type });
    if (type === 'stop' || type === 'start') {
      const stopped = this.options.store.userStopped();
      for (const a of anchors) {
        if (type === 'stop') stopped.add(a.unit);
        else stopped.delete(a.unit);
      }
      this.options.store.setUserStopped(stopped);
    }
    return jobs;
  }

  waitJobs(ids: number[]): Promise<JobView[]> {
    return this.engine.waitJobs(ids);
  }

  jobs(): JobView[] {
    return this.engine.jobs();
  }

  cancelJobs(ids: number[]): void {
    this.engine.cancel(ids);
  }

  async kill(names: string[], signal: number, whom: 'main' | 'control' | 'all'): Promise<void> {
    for (const name of names) {
      const record = await this.table.load(name);
      if (record.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      this.capabilities.refuseKill(this.capabilityUnit(record));
      await this.options.workers.kill(record.name, signal, whom);
    }
  }

  async resetFailed(names: string[]): Promise<void> {
    const records = names.length === 0
      ? this.table.all().filter((r) => r.status.active_state === 'failed' || this.limiter.isHit(r.name))
      : await Promise.all(names.map((n) => this.table.load(n)));
    for (const record of records) {
      if (record.loadState === 'not-found' && record.status.active_state !== 'failed') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${record.name} not found.`);
      this.limiter.reset(record.name);
      if (this.limitOverride.delete(record.name)) {
        // The worker holds the unit as inactive: only the core's own verdict is cleared.
        this.setStatus(record, record.status, { ...record.status, active_state: 'inactive', sub_state: 'dead', result: 'success' });
        continue;
      }
      if (record.status.active_state === 'failed') await this.options.workers.resetFailed(record.name);
    }
  }

  /** The registered unit types: the suffixes a unit name may end in. */
  unitTypes(): ReadonlySet<string> {
    return new Set(this.options.workers.types());
  }

  /** Describe of the worker of `type` (null until it answered). */
  typeInfo(type: string): DescribeResponse__Output | null {
    return this.options.workers.describe(type);
  }

  /** Relays the unit's log from its worker (capability has_logs); resolves with the function that stops it. */
  async logs(name: string, request: LogRequest, sink: LogSink): Promise<() => void> {
    const record = await this.table.load(name);
    this.capabilities.refuseLogs(this.capabilityUnit(record));
    return forwardLogs(this.options.workers, record.name, { ...request, name: record.name }, sink);
  }

  /** The last `count` lines of the unit's log, [] for a type without logs or when the worker cannot answer. */
  async logLines(name: string, count: number): Promise<string[]> {
    const record = this.table.ensure(name);
    if (count <= 0 || !this.capabilities.of(record.def.type).has_logs) return [];
    try {
      return await lastLogLines(this.options.workers, record.name, count);
    } catch (error) {
      this.options.log.debug(`${record.name}: log lines unavailable: ${(error as Error).message}`);
      return [];
    }
  }

  async reload(): Promise<void> {
    this.options.log.info('reloading worker registrations and unit files');
    await this.options.workers.reloadRegistrations?.();
    await this.table.reloadAll(this.options.searchPath);
  }

  shutdown(kind: ShutdownKind, level: ShutdownLevel = 'polite'): void {
    // A forced shutdown overtakes a polite one in progress (JobTimeoutAction=poweroff-force of
    // poweroff.target); the final step runs once.
    if (this.phase === 'stopping' && level === 'polite') return;
    this.phase = 'stopping';
    this.options.log.info(`shutting down (${kind}${level === 'polite' ? '' : `, ${level}`})`);
    const stop = level === 'polite' ? this.stopEverything(kind) : Promise.resolve();
    void stop
      .catch((error: unknown) => this.options.log.error(`stopping units for ${kind} failed: ${(error as Error).message}`))
      .then(() => {
        if (this.finalStepStarted) return;
        this.finalStepStarted = true;
        return this.options.finalStep(kind);
      })
      .catch((error: unknown) => this.options.log.error(`the final step of ${kind} failed: ${(error as Error).message}`));
  }

  /**
   * Applies the presets once (first boot), then starts default.target once per boot. A boot
   * transaction that a previous core already completed is not run again (a new core after a
   * crash starts nothing twice); one that was enqueued but not completed is enqueued again,
   * leaving out what the user stopped since.
   */
  async boot(): Promise<void> {
    const { store, log } = this.options;
    if (!store.presetsApplied()) {
      try {
        const lines = await (this.options.presetAll ?? installPresetAll)(this.options.searchPath);
        for (const line of lines) log.info(`preset: ${line}`);
        store.setPresetsApplied();
        await this.table.reloadAll(this.options.searchPath);
      } catch (error) {
        log.error(`applying the presets failed: ${(error as Error).message}`);
      }
    }
    const stored = store.boot();
    if (stored.completed) {
      log.info('the boot transaction completed before this core started; starting nothing');
      this.phase = 'booted';
      return;
    }
    const exclude = stored.enqueued ? store.userStopped() : undefined;
    store.setBoot({ ...stored, enqueued: true });
    this.phase = 'starting';
    try {
      await this.table.loadClosure([SPECIAL_DEFAULT_TARGET]);
      const target = this.table.ensure(SPECIAL_DEFAULT_TARGET);
      this.checkLoaded(target, SPECIAL_DEFAULT_TARGET);
      log.info(`starting ${target.name} (${SPECIAL_DEFAULT_TARGET})`);
      this.engine.enqueue([{ unit: target.name, type: 'start' }], 'replace', exclude ? { exclude } : {});
    } catch (error) {
      log.error(`cannot start ${SPECIAL_DEFAULT_TARGET}: ${(error as Error).message}`);
    }
    if (this.engine.count() === 0) this.bootFinished();
  }

  private bootFinished(): void {
    this.phase = 'booted';
    this.options.store.setBoot({ ...this.options.store.boot(), enqueued: true, completed: true });
    this.options.log.info(`startup finished: system is ${this.systemState()}`);
  }

  /**
   * systemd's shutdown: start KIND.target (which requires shutdown.target, so every unit with
   * Conflicts=shutdown.target is stopped) as an isolate that no later transaction may replace,
   * and wait until every job has ended. Without the target, every unit is stopped directly.
   */
  private async stopEverything(kind: ShutdownKind): Promise<void> {
    const targetName = shutdownGoalUnit(kind);
    try {
      await this.table.loadClosure([targetName]);
      const target = this.table.ensure(targetName);
      this.checkLoaded(target, targetName);
      this.engine.enqueue([{ unit: target.name, type: 'start' }], 'isolate', { irreversible: true });
      await this.engine.idle();
      return;
    } catch (error) {
      this.options.log.warn(`cannot isolate ${targetName} (${(error as Error).message}); stopping every unit directly`);
    }
    // Every unit that is up, on its way up, or has a job (a queued start is replaced by the stop).
    const active = this.table.all().filter((r) => RUNNING_STATES.has(r.status.active_state) || this.engine.jobOf(r.name) !== null);
    if (active.length === 0) return;
    try {
      this.engine.enqueue(active.map((r) => ({ unit: r.name, type: 'stop' as const })), 'replace');
    } catch (error) {
      this.options.log.warn(`one stop transaction for every unit failed (${(error as Error).message}); stopping them one by one`);
      for (const r of active) {
        try {
          this.engine.enqueue([{ unit: r.name, type: 'stop' }], 'replace');
        } catch (inner) {
          this.options.log.error(`cannot stop ${r.name}: ${(inner as Error).message}`);
        }
      }
    }
    await this.engine.idle();
  }

  /** Runs an emergency action (none does nothing). */
  private emergency(action: EmergencyAction, unit: string, why: string, rebootArgument: string): void {
    const plan = shutdownOf(action);
    if (!plan) return;
    this.options.log.warn(`${why}: ${action}`, { unit, action });
    if (rebootArgument && plan.kind === 'reboot') {
      if (this.options.writeRebootArgument) this.options.writeRebootArgument(rebootArgument);
      else this.options.log.info(`reboot argument "${rebootArgument}" (no place to record it)`);
    }
    queueMicrotask(() => this.shutdown(plan.kind, plan.level));
  }

  private startLimit(record: UnitRecord): StartLimit {
    const s = record.def.settings;
    return {
      intervalUsec: s.startLimitIntervalUsec ?? this.options.config.defaultStartLimitIntervalUsec,
      burst: s.startLimitBurst ?? this.options.config.defaultStartLimitBurst,
    };
  }

  /** The engine's hook before it calls Start: once_only, start limit, then conditions, then asserts. */
  private beforeStart(unit: string): { result: 'done' | 'assert' | 'failed' | 'once'; message: string } | null {
    const record = this.table.find(unit);
    if (!record) return null;
    const once = this.capabilities.onceOnlyRefusal(this.capabilityUnit(record));
    if (once) return { result: 'once', message: once };
    if (!this.limiter.tryStart(record.name, this.startLimit(record))) {
      this.startLimitHit(record);
      return { result: 'failed', message: startLimitMessage(record.name) };
    }
    const { conditions, asserts } = record.def;
    if (conditions.length === 0 && asserts.length === 0) return null;
    const env = this.conditionEnv();
    const at = Date.now() * 1000;
    const outcome = { conditions: null as ConditionOutcome | null, asserts: null as ConditionOutcome | null };
    this.conditionOutcomes.set(record.name, outcome);
    if (conditions.length > 0) {
      const r = evaluateConditions(conditions, env);
      outcome.conditions = { passed: r.passed, timestampUsec: at, failures: r.failures };
      if (!r.passed) {
        this.options.log.info(`${record.name} was skipped: ${r.failures.join('; ')}`, { unit: record.name });
        return { result: 'done', message: `Condition check resulted in ${record.name} being skipped: ${r.failures.join('; ')}.` };
      }
    }
    if (asserts.length > 0) {
      const r = evaluateConditions(asserts, env);
      outcome.asserts = { passed: r.passed, timestampUsec: at, failures: r.failures };
      if (!r.passed) return { result: 'assert', message: `Assertion failed for ${record.name}: ${r.failures.join('; ')}.` };
    }
    return null;
  }

  /** A start was refused by the limit: the unit is failed with result start-limit-hit (systemd). */
  private startLimitHit(record: UnitRecord): void {
    const before = record.status;
    this.limitOverride.add(record.name);
    if (before.active_state !== 'failed' || before.result !== 'start-limit-hit') {
      this.setStatus(record, before, { ...before, active_state: 'failed', result: 'start-limit-hit' });
    }
    const s = record.def.settings;
    this.emergency(s.startLimitAction, record.name, `${record.name} hit its start limit (StartLimitAction=${s.startLimitAction})`, s.rebootArgument);
  }

  private conditionEnv(): ConditionEnv {
    if (this.options.conditionEnv) return this.options.conditionEnv();
    this.conditionEnvCache ??= realConditionEnv();
    return this.conditionEnvCache;
  }

  private checkLoaded(record: UnitRecord, name: string): void {
    switch (record.loadState) {
      case 'loaded': return;
      case 'not-found': throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      case 'masked': throw new SysmasterError('ERR_UNIT_MASKED', `Unit ${record.name} is masked.`);
      default: throw new SysmasterError('ERR_BAD_SETTING', record.loadMessage || `Unit ${record.name} failed to load.`);
    }
  }

  /** RefuseManualStart=/RefuseManualStop=, AllowIsolate= and the start limit, for requests from users. */
  private checkManual(type: JobType, record: UnitRecord, mode: JobMode): void {
    const s = record.def.settings;
    const starts = type === 'start' || type === 'restart' || type === 'try-restart' || type === 'reload-or-restart';
    const stops = type === 'stop' || type === 'restart' || type === 'try-restart';
    if ((starts && s.refuseManualStart) || (stops && s.refuseManualStop)) {
      throw new SysmasterError('ERR_REFUSED', `Operation refused, unit ${record.name} may be requested by dependency only (it is configured to refuse manual start/stop).`);
    }
    if (mode === 'isolate' && !s.allowIsolate) {
      // systemd's words, then which unit and why.
      throw new SysmasterError('ERR_REFUSED', 'Operation refused, unit may not be isolated.', { hint: `${record.name} does not have AllowIsolate=yes.` });
    }
    if (starts && !UP.has(record.status.active_state) && this.limiter.wouldRefuse(record.name, this.startLimit(record))) {
      this.startLimitHit(record);
      throw new SysmasterError('ERR_START_LIMIT', startLimitMessage(record.name));
    }
  }

  /** What the unit's type declared: reload only where it can work, no second start of a once_only unit. */
  private checkCapabilities(type: JobType, record: UnitRecord): void {
    const unit = this.capabilityUnit(record);
    if (type === 'reload') this.capabilities.refuseReload(unit);
    const starts = type === 'start' || type === 'restart' || type === 'reload-or-restart';
    const once = starts && !UP.has(record.status.active_state) ? this.capabilities.onceOnlyRefusal(unit) : null;
    if (once) throw new SysmasterError('ERR_REFUSED', once);
  }

  private capabilityUnit(record: UnitRecord): { name: string; type: string; canReload: boolean } {
    return { name: record.name, type: record.def.type, canReload: record.canReload };
  }

  /** The transaction request an API job type means for this unit. */
  private requestType(type: JobType, record: UnitRecord, running: boolean): RequestJobType {
    switch (type) {
      case 'start': case 'stop': case 'restart': case 'reload': case 'verify-active': case 'try-restart': return type;
      case 'reload-or-restart': return running && this.canReload(record) ? 'reload' : 'restart';
    }
  }

  /** Whether the unit can reload: its type's capability and the worker's per-unit LoadResponse.can_reload. */
  private canReload(record: UnitRecord): boolean {
    return this.capabilities.canReload(this.capabilityUnit(record));
  }

  private view(r: UnitRecord): UnitView {
    let fileState = '';
    if (r.loadState === 'masked') fileState = 'masked';
    else if (r.def.fragmentPath !== null) {
      try {
        fileState = (this.options.unitFileState ?? installUnitFileState)(r.name, this.options.searchPath);
      } catch (error) {
        this.options.log.debug(`${r.name}: unit file state: ${(error as Error).message}`);
      }
    }
    const outcome = this.conditionOutcomes.get(r.name);
    const notices = [
      ...(this.options.workers.notices?.(r.def.type) ?? []), ...r.loadWarnings, ...(this.hostWarnings.get(r.name) ?? []),
    ];
    const record = notices.length > 0 ? { ...r, status: { ...r.status, notices: [...r.status.notices, ...notices] } } : r;
    return unitView(record, {
      canReload: this.canReload(r),
      dependencies: this.table.deps.all(r.name), job: this.engine.jobOf(r.name), unitFileState: fileState,
      conditions: outcome?.conditions ?? null, asserts: outcome?.asserts ?? null, startLimit: this.startLimit(r),
    });
  }
}
