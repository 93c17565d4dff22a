// The seam between the core's engine (units, jobs, workers) and its public API (the Manager and
// WorkerHost gRPC services in src/api/). The engine implements ManagerCore; the API layer only
// translates between this interface and the protos, so each side is tested without the other.
import type { EventEmitter } from 'node:events';
import type {
  CleanWhat, ConfigError__Output, DescribeResponse__Output, JobMode, JobType, ManagerProcess, SysmasterError, UnitStatus__Output,
} from '@sysmaster/proto';

export type { JobMode, JobType };

export type LoadState = 'loaded' | 'not-found' | 'bad-setting' | 'error' | 'masked';

export type JobState = 'waiting' | 'running' | 'done';

/** systemd's job results; '' while the job is not finished. */
export type JobResult = '' | 'done' | 'canceled' | 'timeout' | 'failed' | 'dependency' | 'skipped' | 'invalid' | 'assert' | 'unsupported' | 'collected' | 'once';

export interface JobView {
  id: number;
  unit: string;
  type: JobType;
  state: JobState;
  result: JobResult;
  /** For a job that did not end 'done': why, in a sentence naming the unit. */
  message: string;
}

/** Everything the API shows about one unit. */
export interface UnitView {
  name: string;
  /** The unit type (the suffix without the dot). */
  type: string;
  description: string;
  loadState: LoadState;
  loadErrors: ConfigError__Output[];
  fragmentPath: string | null;
  dropinPaths: string[];
  /** enabled, disabled, static, masked, … ('' when unknown). */
  unitFileState: string;
  /** The worker's last report, or a synthesized inactive/dead status for a unit never started. */
  status: UnitStatus__Output;
  /** Dependencies by systemd key (Requires, Wants, After, Before, RequiredBy, WantedBy, …). */
  dependencies: Record<string, string[]>;
  /** systemd property names to printable values, for `sctl show`. */
  properties: Record<string, string>;
  documentation: string[];
  /** The job queued or running for the unit. */
  job: JobView | null;
  /** How its Condition*= checks evaluated at the last start (null: never checked). */
  conditions: ConditionOutcome | null;
  /** How its Assert*= checks evaluated at the last start (null: never checked). */
  asserts: ConditionOutcome | null;
  /** The unit's files changed on disk since they were loaded. */
  needDaemonReload: boolean;
}

export interface ConditionOutcome {
  passed: boolean;
  timestampUsec: number;
  /** "ConditionPathExists=/etc/foo was not met", one per failed check. */
  failures: string[];
}

export type SystemState = 'initializing' | 'starting' | 'running' | 'degraded' | 'stopping';

/** How the manager ends; 'exit' is SuccessAction=exit and friends (job/emergency-action.ts). */
export type ShutdownKind = 'poweroff' | 'reboot' | 'halt' | 'kexec' | 'exit';

/**
 * How shutdown proceeds: polite stops every unit first (isolate to the kind's target), force
 * and immediate go straight to init's final step (the -force/-immediate emergency actions).
 */
export type ShutdownLevel = 'polite' | 'force' | 'immediate';

/**
 * Who asks for a job: 'api' (a user, through sctl) or 'dependency' (a worker or the core
 * itself). RefuseManualStart=/RefuseManualStop= and the start-limit refusal apply to 'api' only.
 */
/** Who asks for a job: a user (sctl, the API), the core itself (a dependency, a reaction), or a worker (WorkerHost.EnqueueJob: an activation or an automatic restart, refused up front when over the start limit). */
export type JobOrigin = 'api' | 'dependency' | 'worker';

export interface ManagerEvents {
  unit: [UnitStatus__Output];
  job: [JobView];
}

/** What `sctl logs` asks for (LogsRequest without the name). */
export interface LogRequest { lines: number; follow: boolean; since_usec: number }

/** Where relayed log lines go; `end` or `error` ends the relay (once). */
export interface LogSink {
  line(text: string): void;
  end(): void;
  error(error: SysmasterError): void;
}

export interface ManagerCore {
  readonly events: EventEmitter<ManagerEvents>;
  systemState(): SystemState;
  /** How many jobs are waiting or running. */
  jobCount(): number;
  /**
   * One unit, loading it on demand. An unknown unit is a view with loadState 'not-found' (the
   * API decides whether that is an error). Throws SysmasterError ERR_BAD_UNIT_NAME for a
   * malformed name.
   */
  unit(name: string): UnitView;
  /** unit(), with the cgroup counters (Tasks, Memory, CPU) read from the worker now. */
  refreshUnit?(name: string): Promise<UnitView>;
  /**
   * Every unit currently loaded (referenced, running, or with a job), for listings: unitFileState
   * is '' unless the unit is masked (reading every unit's files per listing is what a listing must
   * not cost; unit() has it).
   */
  units(): UnitView[];
  /**
   * Builds and enqueues one transaction. Resolves with the jobs queued for the named units
   * (not the ones pulled in). Rejects with ERR_UNIT_NOT_FOUND, ERR_BAD_SETTING, ERR_UNIT_MASKED,
   * ERR_REFUSED, ERR_START_LIMIT, ERR_TRANSACTION or ERR_INVALID_ARGUMENT, with a message naming
   * the unit. `origin` defaults to 'api'. A non-empty `requestId` seen before (in this core or
   * a previous one, through the store) answers with that request's jobs and queues nothing.
   */
  enqueue(type: JobType, names: string[], mode: JobMode, origin?: JobOrigin, requestId?: string): Promise<JobView[]>;
  /** Of the named units, those whose files changed on disk since they were loaded. */
  changedOnDisk(names: string[]): string[];
  /** Resolves when every named job has finished (ERR_JOB_NOT_FOUND for an unknown id that never existed). */
  waitJobs(ids: number[]): Promise<JobView[]>;
  jobs(): JobView[];
  cancelJobs(ids: number[]): void;
  kill(names: string[], signal: number, whom: 'main' | 'control' | 'all'): Promise<void>;
  /** Removes the selected directories or fd store of inactive units (systemctl clean). */
  clean(names: string[], what: CleanWhat): Promise<void>;
  /** Every failed unit when names is empty. */
  resetFailed(names: string[]): Promise<void>;
  /** The registered unit types: a unit name may end in any of them. */
  unitTypes(): ReadonlySet<string>;
  /** What the worker of `type` declared in Describe (null while it has not answered). */
  typeInfo(type: string): DescribeResponse__Output | null;
  /**
   * Relays the unit's log from the worker of its type (Logs). Rejects with ERR_UNIMPLEMENTED for
   * a type without logs; resolves with the function that stops the relay.
   */
  logs(name: string, request: LogRequest, sink: LogSink): Promise<() => void>;
  /** The last `count` lines of the unit's log; [] when its type has none or its worker cannot answer. */
  logLines(name: string, count: number): Promise<string[]>;
  /** daemon-reload: re-reads unit files and worker registrations; running units keep running. */
  reload(): Promise<void>;
  /** daemon-reexec (reexec.ts): one sentence per process; the core's own exec follows the answer. */
  reexecute(): Promise<string[]>;
  /** init, the core and the workers: pids, code load times, replacements (manager.proto ManagerProcess). */
  managerProcesses(): Promise<ManagerProcess[]>;
  /** Begins shutdown: stops every unit (unless `level` says otherwise), then asks init for the final step. */
  shutdown(kind: ShutdownKind, level?: ShutdownLevel): void;
}
