// The core's engine behind one object that implements ManagerCore (the seam the gRPC API is
// written against). Manager is wiring: it builds the parts and connects them, and a request
// flows one way through them without coming back here:
//
//   API ─→ admission.ts ─→ job engine (job/transaction.ts, job/engine.ts) ─→ worker port
//          (mode, load,        │ beforeStart hook: start-gate.ts (start limit, Condition*=, Assert*=)
//           RefuseManual*,     │ a job ended: job/reactions.ts ─→ admission (admitReaction) ─→ engine
//           AllowIsolate=,     │ timeouts, limits, Success-/FailureAction=:
//           start limit)       └─→ job/emergency-action.ts ─→ system-sequences.ts (shutdown)
//
// Worker reports come in through onStatus (Watch, List) and hostEvent (ReportEvent): the unit's
// record follows them, the start gate may override them with its own verdict (start-limit-hit),
// then the engine and the reactions see them. Boot and shutdown are system-sequences.ts, moving
// the phases of manager-phases.ts.
import { EventEmitter } from 'node:events';
import type { CleanWhat, UnitStatus__Output, DescribeResponse__Output, HostEventKind, ManagerProcess } from '@sysmaster/proto';
import { DOWN_STATES, SysmasterError } from '@sysmaster/proto';
import type {
  JobMode, JobOrigin, JobType, JobView, LogRequest, LogSink, ManagerCore, ManagerEvents, ShutdownKind, ShutdownLevel, SystemState, UnitView,
} from './manager-core';
import type { Logger } from './log';
import type { CoreStore } from './store';
import type { SystemConfig } from './system-config';
import { Admission } from './admission';
import type { ConditionEnv } from './conditions';
import { unitFileState as installUnitFileState } from './install';
import { JobEngine, type SetTimer } from './job/engine';
import { runEmergencyAction } from './job/emergency-action';
import { UnitReactions } from './job/reactions';
import type { JobGraph, UnitDriver } from './job/types';
import { ManagerPhases } from './manager-phases';
import { StartGate, withTypeCondition } from './start-gate';
import { SystemSequences } from './system-sequences';
import { UnitTable, type UnitRecord, type WorkerLoadPort } from './units/unit-table';
import { sourceChanged } from './units/unit-definition';
import type { EmergencyAction } from './units/unit-settings';
import { unitView } from './units/unit-view';
import { TypeCapabilities, capabilityUnit } from './units/type-capabilities';
import { forwardLogs, lastLogLines, type LogPort } from './unit-logs';

/** Everything the manager asks of the workers (the WorkerPool, or a fake in tests). */
export interface WorkerPort extends WorkerLoadPort, UnitDriver, LogPort {
  kill(unit: string, signal: number, whom: string): Promise<void>;
  resetFailed(unit: string): Promise<void>;
  /** UnitWorker.Clean of the unit's worker. */
  clean(unit: string, what: CleanWhat): Promise<void>;
  describe(type: string): DescribeResponse__Output | null;
  /** The registered unit types (the suffixes unit names may end in). */
  types(): string[];
  /** Sentences about the worker of `type` that its units show (it is restarting, it failed), [] when none. */
  notices?(type: string): string[];
  /** daemon-reload: applies the worker registrations as they are on disk now. */
  reloadRegistrations?(): Promise<void>;
  /** Each worker as GetManagerProcesses shows it. */
  processes?(): ManagerProcess[];
  /** The worker's live status of a unit (optional: fakes may leave it out). */
  status?(unit: string): Promise<UnitStatus__Output>;
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
  /** daemon-reexec of every manager process (reexec.ts reexecute); absent: ERR_UNIMPLEMENTED. */
  reexecute?: () => Promise<string[]>;
  /** init's and the core's own entries of GetManagerProcesses (the workers' come from the pool). */
  managerProcesses?: () => Promise<ManagerProcess[]>;
  /** The clock of start limits, in microseconds. */
  nowUsec?: () => number;
  setTimer?: SetTimer;
}

const MAX_HOST_WARNINGS = 5;

/** The unit table as the job engine's graph. */
function graphOf(table: UnitTable): JobGraph {
  const graphUnit = (r: UnitRecord): NonNullable<ReturnType<JobGraph['unit']>> => ({
    name: r.name, loadState: r.loadState, loadMessage: r.loadMessage, activeState: r.status.active_state,
    ignoreOnIsolate: r.def.settings.ignoreOnIsolate, jobTimeoutUsec: r.def.settings.jobTimeoutUsec,
    jobRunningTimeoutUsec: r.def.settings.jobRunningTimeoutUsec,
  });
  return {
    unit: (name) => {
      const r = table.find(name);
      return r && graphUnit(r);
    },
    deps: (name, kind) => table.deps.get(table.find(name)?.name ?? name, kind),
    hasDep: (from, kind, to) => table.deps.has(from, kind, to),
    units: () => table.all().map(graphUnit),
  };
}

export class Manager implements ManagerCore {
  readonly events = new EventEmitter<ManagerEvents>();
  readonly table: UnitTable;
  readonly engine: JobEngine;
  private readonly phases: ManagerPhases;
  private readonly gate: StartGate;
  private readonly admission: Admission;
  private readonly reactions: UnitReactions;
  private readonly capabilities: TypeCapabilities;
  private readonly sequences: SystemSequences;
  /** The last warnings workers reported per unit (HostEventKind warning), shown by `sctl status`. */
  private readonly hostWarnings = new Map<string, string[]>();
  /** Requests with an id that are being admitted now: a retry of one waits for the same answer. */
  private readonly pendingRequests = new Map<string, Promise<JobView[]>>();
  private reexecuting = false;

  constructor(private readonly options: ManagerOptions) {
    this.events.setMaxListeners(0);
    const { config, workers, log, store } = options;
    this.phases = new ManagerPhases(log);
    const capabilities = this.capabilities = new TypeCapabilities((type) => workers.describe(type));
    const table = this.table = new UnitTable({
      searchPath: options.searchPath, workers, log, defaultTarget: config.defaultTarget,
      defaults: { DefaultTimeoutStartUSec: String(config.defaultTimeoutStartUsec), DefaultTimeoutStopUSec: String(config.defaultTimeoutStopUsec) },
    });
    const graph = graphOf(table);
    const emergency = (action: EmergencyAction, unit: string, why: string, argument: string): void => runEmergencyAction({
      log, ...(options.writeRebootArgument ? { writeRebootArgument: options.writeRebootArgument } : {}),
      shutdown: (kind, level) => this.sequences.shutdown(kind, level),
    }, action, unit, why, argument);
    this.gate = new StartGate({
      config, log, find: (unit) => table.find(unit), setStatus: (record, status) => this.setStatus(record, status), emergency,
      onceOnlyRefusal: (record) => capabilities.onceOnlyRefusal(capabilityUnit(record)),
      ...(options.nowUsec ? { nowUsec: options.nowUsec } : {}), ...(options.conditionEnv ? { conditionEnv: options.conditionEnv } : {}),
      startLimits: store,
    });
    this.admission = new Admission({
      table, gate: this.gate, stopping: () => this.phases.current === 'stopping', capabilities,
      userStopped: (unit) => store.userStopped().has(unit),
    });
    const engine = this.engine = new JobEngine({
      graph, driver: workers, log, nextId: () => store.takeJobId(), journal: store,
      ...(options.setTimer ? { setTimer: options.setTimer } : {}),
      hooks: {
        beforeStart: (unit) => this.gate.beforeStart(unit),
        onTimeout: (job) => {
          const s = table.find(job.unit)?.def.settings;
          if (s) emergency(s.jobTimeoutAction, job.unit, `the job of ${job.unit} timed out (JobTimeoutAction=${s.jobTimeoutAction})`, s.jobTimeoutRebootArgument);
        },
      },
    });
    this.reactions = new UnitReactions({
      settings: (unit) => table.find(unit)?.def.settings,
      activeState: (unit) => table.find(unit)?.status.active_state ?? 'inactive',
      deps: (unit, kind) => graph.deps(unit, kind),
      jobOf: (unit) => engine.jobOf(unit),
      enqueue: async (type, unit, mode) => {
        await this.admission.admitReaction(unit);
        engine.enqueue([{ unit, type }], mode);
      },
      action: emergency,
      collect: (unit) => this.resetFailed([unit]),
      log,
    });
    this.sequences = new SystemSequences({
      table, engine, phases: this.phases, store, log, searchPath: options.searchPath, finalStep: options.finalStep,
      ...(options.presetAll ? { presetAll: options.presetAll } : {}), systemState: () => this.systemState(),
    });
    engine.events.on('job', (job) => {
      this.events.emit('job', job);
      if (job.state !== 'done') return;
      this.reactions.onJobFinished(job);
      this.sequences.jobFinished();
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
    // The start limit is checked in one place, the start gate: a worker's automatic restart
    // arrives as a restart job (WorkerHost.EnqueueJob).
    this.capabilities.noteStatus(record.def.type, incoming);
    const status = this.gate.shownStatus(record, incoming);
    this.setStatus(record, status);
    this.engine.onStatus(status);
  }

  /** The unit's record takes `status`; subscribers and the reactions see the change. */
  private setStatus(record: UnitRecord, status: UnitStatus__Output): void {
    const before = record.status;
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
    this.events.emit('unit', this.statusOf(record));
  }

  systemState(): SystemState {
    return this.phases.systemState(() => this.table.all().some((r) => r.status.active_state === 'failed'));
  }

  jobCount(): number {
    return this.engine.count();
  }

  unit(name: string): UnitView {
    const known = this.table.find(name) !== undefined;
    const view = this.view(this.table.ensure(name));
    if (!known) this.collectLookup(view.name);
    return view;
  }

  /** A unit that a lookup alone brought in and that is not there is not kept (systemd collects it at once). */
  private collectLookup(name: string): void {
    if (this.engine.jobOf(name) === null) this.table.forgetIfUnreferenced(name);
  }

  /** The unit's status as view() shows it, without the rest of the view (which reads the unit file's state from disk). */
  unitStatus(name: string): UnitStatus__Output {
    return this.statusOf(this.table.ensure(name));
  }

  /**
   * The unit with live cgroup counters: Tasks/Memory/CPU change without a state change, so the
   * last Watch event is stale for them. Asks the worker when the unit has processes; on any
   * error the cached view is the answer. The unit's load is awaited, both halves: a unit that
   * was never referenced before is read now, and the answer must carry its worker's verdict on
   * its type section (bad-setting and the reason), not the file half's provisional "loaded".
   */
  async refreshUnit(name: string): Promise<UnitView> {
    const known = this.table.find(name) !== undefined;
    const record = await this.table.load(name);
    const running = record.loadState === 'loaded' && this.capabilities.hasProcesses(record.def.type) && !DOWN_STATES.has(record.status.active_state);
    if (running && this.options.workers.status) {
      try {
        const live = await this.options.workers.status(record.name);
        const { accounting, tasks_current, memory_current, cpu_usage_nsec, notices } = live;
        record.status = { ...record.status, accounting, tasks_current, memory_current, cpu_usage_nsec, notices };
      } catch (error) {
        this.options.log.debug(`${record.name}: live status unavailable: ${(error as Error).message}`);
      }
    }
    const view = this.view(record);
    if (!known) this.collectLookup(record.name);
    return view;
  }

  units(): UnitView[] {
    return this.table.all().map((r) => this.view(r, { fileState: false }));
  }

  async enqueue(type: JobType, names: string[], mode: JobMode, origin: JobOrigin = 'api', requestId = ''): Promise<JobView[]> {
    if (requestId === '') return this.enqueueNew(type, names, mode, origin);
    const pending = this.pendingRequests.get(requestId);
    if (pending) return pending;
    const answered = this.options.store.request(requestId);
    if (answered) return answered.map((id) => this.engine.job(id)).filter((v): v is JobView => v !== undefined);
    const request = this.enqueueNew(type, names, mode, origin).then((jobs) => {
      this.options.store.setRequest(requestId, jobs.map((j) => j.id));
      return jobs;
    }).finally(() => this.pendingRequests.delete(requestId));
    this.pendingRequests.set(requestId, request);
    return request;
  }

  private async enqueueNew(type: JobType, names: string[], mode: JobMode, origin: JobOrigin): Promise<JobView[]> {
    const anchors = await this.admission.admitJob(type, names, mode, origin);
    const jobs = this.engine.enqueue(anchors, mode, { shownType: type });
    this.sequences.noteRequest(type, anchors.map((a) => a.unit));
    // A client is answered only once its jobs are in the store: a core killed right after the
    // answer leaves them to the next one (job/journal.ts), never a job id nobody knows.
    if (origin === 'api') {
      await Promise.resolve(); // the engine writes its journal in a microtask: let it run first
      await this.options.store.flush();
    }
    return jobs;
  }

  /**
   * Takes over the job queue a previous core left in the store (job/journal.ts says how each job
   * is judged). Called once every worker's List showed the units' states, before the boot
   * sequence; the jobs' units (and what they pull in) are loaded first.
   */
  async restoreJobs(): Promise<void> {
    const { installed, finished } = this.options.store.jobs();
    this.engine.rememberFinished(finished);
    if (installed.length === 0) return;
    this.options.log.info(`taking over ${installed.length} job(s) from the previous manager`);
    try {
      await this.table.loadClosure([...new Set(installed.map((r) => r.unit))]);
    } catch (error) {
      this.options.log.warn(`cannot load every unit of the jobs taken over: ${(error as Error).message}`);
    }
    this.engine.restore(installed, (unit) => this.table.find(unit)?.status);
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
      const record = await this.admission.admitKill(name);
      await this.options.workers.kill(record.name, signal, whom);
    }
  }

  /**
   * systemctl clean: every unit must exist, be inactive or failed and have no job (refused with
   * ERR_WRONG_STATE otherwise, before anything is removed); its worker then removes what `what`
   * selects (a type without Clean answers ERR_UNIMPLEMENTED).
   */
  async clean(names: string[], what: CleanWhat): Promise<void> {
    const records = await Promise.all(names.map((name) => this.table.load(name)));
    for (const record of records) {
      if (record.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${record.name} not found.`);
      if (!DOWN_STATES.has(record.status.active_state) || this.engine.jobOf(record.name) !== null) {
        throw new SysmasterError('ERR_WRONG_STATE', `Unit ${record.name} is not inactive or has a pending job; refusing to clean it.`,
          { hint: `Stop it first: sctl stop ${record.name}` });
      }
    }
    for (const record of records) await this.options.workers.clean(record.name, what);
  }

  async resetFailed(names: string[]): Promise<void> {
    const records = names.length === 0
      ? this.table.all().filter((r) => r.status.active_state === 'failed' || this.gate.isHit(r.name))
      : await Promise.all(names.map((n) => this.table.load(n)));
    for (const record of records) {
      this.admission.admitResetFailed(record);
      // A failure the core decided itself (start-limit-hit) is cleared by the gate; the worker holds it as inactive.
      if (this.gate.reset(record)) continue;
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
    this.capabilities.refuseLogs(capabilityUnit(record));
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

  async reexecute(): Promise<string[]> {
    const run = this.options.reexecute;
    if (!run) throw new SysmasterError('ERR_UNIMPLEMENTED', 'This core was started without a way to re-execute (no main script).');
    if (this.phases.current === 'stopping') throw new SysmasterError('ERR_WRONG_STATE', 'The system is shutting down; daemon-reexec is refused.');
    if (this.reexecuting) throw new SysmasterError('ERR_WRONG_STATE', 'A daemon-reexec is already running.');
    this.reexecuting = true;
    try {
      return await run();
    } finally {
      this.reexecuting = false;
    }
  }

  async managerProcesses(): Promise<ManagerProcess[]> {
    const own = (await this.options.managerProcesses?.()) ?? [];
    return [...own, ...(this.options.workers.processes?.() ?? [])];
  }

  async reload(): Promise<void> {
    this.options.log.info('reloading worker registrations and unit files');
    await this.options.workers.reloadRegistrations?.();
    await this.table.reloadAll(this.options.searchPath);
  }

  shutdown(kind: ShutdownKind, level: ShutdownLevel = 'polite'): void {
    this.sequences.shutdown(kind, level);
  }

  /** See system-sequences.ts: presets at first boot, then default.target once per boot. */
  boot(): Promise<void> {
    return this.sequences.boot();
  }

  /**
   * The API's view of a record. `fileState: false` leaves unitFileState '' (masked excepted): it is
   * read from the unit's files on disk, and a listing of every unit that read them all made each
   * ListUnits cost milliseconds, enough for a flood of them to stall the core.
   */
  private view(r: UnitRecord, want: { fileState: boolean } = { fileState: true }): UnitView {
    let fileState = '';
    if (r.loadState === 'masked') fileState = 'masked';
    else if (want.fileState && r.def.fragmentPath !== null) {
      try {
        fileState = (this.options.unitFileState ?? installUnitFileState)(r.name, this.options.searchPath);
      } catch (error) {
        this.options.log.debug(`${r.name}: unit file state: ${(error as Error).message}`);
      }
    }
    const outcome = this.gate.outcome(r.name);
    const status = this.statusOf(r);
    return unitView(status === r.status ? r : { ...r, status }, {
      canReload: this.admission.canReload(r),
      dependencies: this.table.deps.all(r.name), job: this.engine.jobOf(r.name), unitFileState: fileState,
      conditions: withTypeCondition(outcome?.conditions ?? null, status), asserts: outcome?.asserts ?? null, startLimit: this.gate.startLimit(r),
      needDaemonReload: want.fileState && sourceChanged(r.def, this.table.currentSearchPath()),
    });
  }

  /** The named units whose files changed on disk since they were loaded (systemctl's warning before a job). */
  changedOnDisk(names: string[]): string[] {
    return names.map((n) => this.table.find(n)).filter((r): r is UnitRecord => r !== undefined && sourceChanged(r.def, this.table.currentSearchPath())).map((r) => r.name);
  }

  /**
   * The record's status with the notices the core adds: its worker's (restarting, failed), the
   * worker's load warnings and the last warnings it reported. Reads nothing from disk, so every
   * event may carry it.
   */
  private statusOf(r: UnitRecord): UnitStatus__Output {
    const notices = [
      ...(this.options.workers.notices?.(r.def.type) ?? []), ...r.loadWarnings, ...(this.hostWarnings.get(r.name) ?? []),
    ];
    return notices.length > 0 ? { ...r.status, notices: [...r.status.notices, ...notices] } : r.status;
  }
}
