// runWorker: the process shell every unit-type worker (ours or a third party's) runs in.
//
// A worker type supplies a WorkerDefinition: its type name, the sections it owns, its
// capabilities, and a factory for the object that holds its units (UnitTypeWorker). runWorker
// does everything else the contract (protos/sysmaster/v1/worker.proto) asks of every worker:
// - names the process `sm-<type>` and marks inherited fds close-on-exec, so nothing the worker
//   was started with leaks into the processes it spawns;
// - serves UnitWorker on workerSocket(type) (SYSMASTER_WORKER_SOCKET overrides), every handler
//   wrapped so that an error becomes a gRPC status and the worker carries on;
// - answers UNIMPLEMENTED for an RPC whose capability is false or whose hook is absent, so
//   nothing succeeds silently;
// - runs the Watch plumbing: a new stream first receives one UnitStatus per unit (the snapshot
//   from list()), then every status the type passes to host.emit();
// - on SIGTERM/SIGINT lets the type persist its state, ends the streams and exits 0, leaving the
//   units' processes running (a new worker re-adopts them); an uncaught error is logged, never
//   fatal.
import { parseUnitName } from '@sysmaster/unit-file';
import { grpc } from '@sysmaster/proto';
import {
  Admission, KILL_WHOM, SysmasterError, cleanNothing, createServer, implement, isKillWhom, serveOnPath, signalFromWire, toServiceError, workerSocket,
  type Capabilities, type CleanWhat__Output, type DependencyRules, type Handlers,
  type LoadRequest__Output, type LoadResponse, type LogLine, type LogsRequest__Output, type UnitStatus,
} from '@sysmaster/proto';
import { createHostClient, type HostClient } from './host-client';
import { createLogger, type Logger } from './logger';

import type { KillWhom } from '@sysmaster/proto';
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
  /** Called before a graceful exit (SIGTERM): persist state; units' processes stay running. */
  shutdown?(): void | Promise<void>;
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
}

export interface RunningWorker {
  socketPath: string;
  units: UnitTypeWorker;
  host: WorkerHost;
  /** Ends the Watch streams and stops serving (the units are left as they are). */
  close(): Promise<void>;
}

interface SysCloexec { markFdsCloexec?: (from?: number) => void }

/** Sets CLOEXEC on every fd above stderr; the addon is optional so a worker runs without it. */
function markInheritedFdsCloexec(log: Logger): void {
  try {
    // Loaded lazily: a third-party worker may run where the addon is not built.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sys = require('@sysmaster/sys') as SysCloexec;
    if (typeof sys.markFdsCloexec === 'function') sys.markFdsCloexec(3);
    else log.warn('@sysmaster/sys has no markFdsCloexec; inherited fds are left as they are');
  } catch (error) {
    log.warn(`cannot mark inherited fds close-on-exec: ${(error as Error).message}`);
  }
}

/**
 * The unit a request names, checked as a unit name (systemd.unit(5): at most 255 characters of
 * the allowed set, NAME.TYPE): a name with a NUL or of a megabyte is ERR_BAD_UNIT_NAME here,
 * before a worker uses it as a file name for its state (ENAMETOOLONG) or echoes it.
 */
function requireName(name: string): string {
  if (!name) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'the request names no unit');
  parseUnitName(name);
  return name;
}


/** Serves the worker described by `def` until SIGTERM; see the header for what it takes care of. */
export async function runWorker(def: WorkerDefinition, options: RunWorkerOptions = {}): Promise<RunningWorker> {
  const ownProcess = options.ownProcess ?? true;
  const log = options.log ?? createLogger(`sm-${def.type}`);
  if (ownProcess) {
    process.title = `sm-${def.type}`;
    markInheritedFdsCloexec(log);
    process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
    process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  }

  const watchers = new Set<grpc.ServerWritableStream<unknown, UnitStatus>>();
  const host: WorkerHost = {
    log,
    core: options.core ?? createHostClient({ fromType: def.type, log }),
    emit(status) {
      for (const call of watchers) {
        try { call.write(status); } catch (error) { log.warn(`dropping a Watch stream: ${(error as Error).message}`); watchers.delete(call); }
      }
    },
  };
  const units = await def.create(host);
  const caps = def.capabilities;
  const unimplemented = (what: string): SysmasterError =>
    new SysmasterError('ERR_UNIMPLEMENTED', `${what} is not supported by units of type '${def.type}'`);

  const server = createServer('UnitWorker');
  const handlers: Handlers<'UnitWorker'> = {
    Describe: async () => ({
      type: def.type, sections: def.sections, capabilities: caps, version: def.version ?? '0.1.0', pid: process.pid,
      dependency_rules: def.dependencyRules ?? { order_after_wanted: false, expand_in_tree: false },
    }),
    Load: async (request) => units.load({ ...request, name: requireName(request.name) }),
    Unload: async (request) => { await units.unload(requireName(request.name)); return {}; },
    Start: async (request) => { await units.start(requireName(request.name)); return {}; },
    Stop: async (request) => { await units.stop(requireName(request.name), { restart: request.restart }); return {}; },
    ResetFailed: async (request) => { await units.resetFailed(requireName(request.name)); return {}; },
    Status: async (request) => units.status(requireName(request.name)),
    List: async () => ({ units: units.list() }),
    Reload: async (request) => {
      if (!caps.can_reload || !units.reload) throw unimplemented('Reload');
      await units.reload(requireName(request.name));
      return {};
    },
    Kill: async (request) => {
      if (!caps.can_kill || !units.kill) throw unimplemented('Kill');
      const whom = request.whom;
      if (!isKillWhom(whom)) throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid kill target (${String(whom)}).`, { hint: `Valid targets: ${KILL_WHOM.join(', ')}.` });
      await units.kill(requireName(request.name), signalFromWire(request.signal), whom);
      return {};
    },
    Clean: async (request) => {
      if (!units.clean) throw unimplemented('Clean');
      await units.clean(requireName(request.name), request.what ?? cleanNothing());
      return {};
    },
    Reexec: async () => { throw unimplemented('Reexec'); },
    Logs: async (call) => {
      if (!caps.has_logs || !units.logs) throw unimplemented('Logs');
      const request = { ...call.request, name: requireName(call.request.name) };
      let closed = false;
      const listeners: Array<() => void> = [];
      const close = (): void => {
        if (closed) return;
        closed = true;
        for (const listener of listeners) listener();
      };
      call.on('cancelled', close);
      call.on('close', close);
      call.on('error', close);
      await units.logs(request, {
        write: (line) => { if (!closed) call.write(line); },
        end: () => { if (!closed) { closed = true; call.end(); } },
        fail: (error) => { if (!closed) { closed = true; call.emit('error', toServiceError(error)); } },
        onClose: (listener) => { if (closed) listener(); else listeners.push(listener); },
      });
    },
    Watch: (call) => {
      const stream = call as grpc.ServerWritableStream<unknown, UnitStatus>;
      const drop = (): void => { watchers.delete(stream); };
      call.on('cancelled', drop);
      call.on('close', drop);
      call.on('error', drop);
      for (const status of units.list()) call.write(status);
      watchers.add(stream);
    },
  };
  implement(server, 'UnitWorker', handlers, {
    report: (method, error) => log.error(`${method} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    admission: new Admission(),
  });

  const socketPath = options.socketPath ?? process.env.SYSMASTER_WORKER_SOCKET ?? workerSocket(def.type);
  await serveOnPath(server, socketPath);
  log.info(`serving UnitWorker for type '${def.type}' on ${socketPath}`, { pid: process.pid });

  const close = async (): Promise<void> => {
    host.core.close();
    for (const call of watchers) { try { call.end(); } catch { /* already gone */ } }
    watchers.clear();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => { server.forceShutdown(); resolve(); }, 2000);
      server.tryShutdown(() => { clearTimeout(force); resolve(); });
    });
  };

  if (ownProcess) {
    let exiting = false;
    const exit = (signal: string): void => {
      if (exiting) return;
      exiting = true;
      log.info(`${signal} received: saving state and exiting, units keep running`);
      // void: the chain cannot end unhandled in a way that matters, every path ends in exit(0).
      void Promise.resolve()
        .then(() => units.shutdown?.())
        .catch((error: unknown) => log.error(`shutdown hook failed: ${(error as Error).message}`))
        .then(() => close())
        .finally(() => process.exit(0));
    };
    process.on('SIGTERM', () => exit('SIGTERM'));
    process.on('SIGINT', () => exit('SIGINT'));
    process.on('SIGHUP', () => log.info('SIGHUP ignored'));
  }
  return { socketPath, units, host, close };
}

/**
 * The whole of a worker's start(): runWorker as its own process, and when it cannot serve at all
 * (the socket cannot be bound, create() throws) the reason logged and exit status 1, so the core
 * reports the worker failed instead of waiting for a process that serves nothing.
 */
export async function runWorkerProcess(def: WorkerDefinition, options: RunWorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? createLogger(`sm-${def.type}`);
  try {
    return await runWorker(def, { ...options, log });
  } catch (error) {
    log.error(`cannot start the ${def.type} worker: ${error instanceof Error ? error.message : String(error)}`);
    return process.exit(1);
  }
}
