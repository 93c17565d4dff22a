// The types of the worker-kit contract: what a unit type gives runWorker (WorkerDefinition,
// UnitTypeWorker) and what runWorker gives it back (WorkerHost, RunningWorker). worker.ts serves
// them; handlers.ts maps UnitWorker's RPCs onto them.
import type { Capabilities, DependencyRules, KillWhom, LoadRequest__Output, LoadResponse, LogLine, LogsRequest__Output, UnitStatus, CleanWhat__Output } from '@sysmaster/proto';
import type { HostClient } from './host-client';
import type { Logger } from './logger';
import type { HandedOver, ReexecSys } from './reexec';
import type { NativeListen } from './listener';

export type { KillWhom };

/** Where a Logs hook writes its lines; end() closes the stream, fail() ends it with an error. */
export interface LogSink {
  write(line: LogLine): void;
  end(): void;
  /** Ends the stream with `error` (a SysmasterError keeps its code), e.g. when following the file fails. */
  fail(error: unknown): void;
  /** Called once when the client goes away (a follow must stop then). */
  onClose(listener: () => void): void;
}

/** What runWorker gives a worker type: the way to publish state changes, the core, and a logger. */
export interface WorkerHost {
  /** Publishes a unit's new status to every Watch stream. Call it on every change. */
  emit(status: UnitStatus): void;
  /** The core's WorkerHost service (jobs, events, other units' states); connected on first use. */
  core: HostClient;
  log: Logger;
  /**
   * What the previous image of this process handed over across UnitWorker.Reexec, null on a
   * fresh start (or after a crash): the fds the type kept (keptFds()), by name. A type that
   * finds its fd here uses it instead of making a new one, and may resume what a crash would end.
   */
  handedOver?: HandedOver | null;
}

/**
 * The units of one type. Each method may throw a SysmasterError (ERR_UNIT_NOT_FOUND for an
 * unknown unit, ERR_WRONG_STATE for a request that does not fit the unit's state, …), which the
 * caller receives as the matching gRPC status. Optional hooks are UNIMPLEMENTED when absent.
 */
export interface UnitTypeWorker {
  load(request: LoadRequest__Output): LoadResponse | Promise<LoadResponse>;
  unload(name: string): void | Promise<void>;
  start(name: string): void | Promise<void>;
  /** restart: the stop is the first half of a restart job (UnitRequest.restart). */
  stop(name: string, options?: { restart?: boolean }): void | Promise<void>;
  resetFailed(name: string): void | Promise<void>;
  status(name: string): UnitStatus;
  list(): UnitStatus[];
  reload?(name: string): void | Promise<void>;
  kill?(name: string, signal: number, whom: KillWhom): void | Promise<void>;
  /** Serves UnitWorker.Clean: removes what `what` selects of an inactive unit (UNIMPLEMENTED when absent). */
  clean?(name: string, what: CleanWhat__Output): void | Promise<void>;
  /** Serves UnitWorker.Logs (capability has_logs): the backlog, then with follow new lines until closed. */
  logs?(request: LogsRequest__Output, sink: LogSink): void | Promise<void>;
  /**
   * Called before a graceful exit (SIGTERM) and before a re-exec (`reexec`): persist state and let
   * go of timers and watches; units' processes stay running. For a re-exec, leave open the fds
   * keptFds() names: the next image takes them over.
   */
  shutdown?(options?: { reexec: boolean }): void | Promise<void>;
  /**
   * The fds to keep across UnitWorker.Reexec, by name (after shutdown({ reexec: true })); the next
   * image finds them in host.handedOver.fds. Absent: none (the state files carry everything).
   */
  keptFds?(): Record<string, number>;
}

export interface WorkerDefinition {
  /** The unit type, equal to the unit-file suffix, e.g. "service". */
  type: string;
  /** The sections the type owns, e.g. ["Service"]; [] for none. */
  sections: string[];
  /** What the type can do; a false capability makes the matching RPC answer UNIMPLEMENTED. */
  capabilities: Capabilities;
  /** Rules the core applies to dependencies of units of this type (Describe's dependency_rules). */
  dependencyRules?: DependencyRules;
  version?: string;
  /** Builds the type's unit table; called once, before the socket is served. */
  create(host: WorkerHost): UnitTypeWorker | Promise<UnitTypeWorker>;
}

export interface RunWorkerOptions {
  /** Where to serve; default SYSMASTER_WORKER_SOCKET, else workerSocket(type). */
  socketPath?: string;
  /** The core's WorkerHost client (default: one on runtimePaths().hostSocket); tests pass a fake. */
  core?: HostClient;
  /** Install SIGTERM/SIGINT and uncaught-error handlers and set process.title (default true). */
  ownProcess?: boolean;
  log?: Logger;
  /** The system calls of Reexec (default @sysmaster/sys; null: Reexec answers UNIMPLEMENTED); tests pass a fake. */
  reexecSys?: ReexecSys | null;
  /** How the UnitWorker socket is made as an fd (default @sysmaster/sys listen and dupFd; null: net.Server binds it). */
  nativeListen?: NativeListen | null;
  /** What a previous image handed over (default: read from, and removed from, the environment). */
  handedOver?: HandedOver | null;
}

export interface RunningWorker {
  socketPath: string;
  /** The type's units (built again when a failed re-exec carried on with the old code). */
  readonly units: UnitTypeWorker;
  host: WorkerHost;
  /** Ends the Watch streams and stops serving (the units are left as they are). */
  close(): Promise<void>;
}
