// runWorker: the process shell every unit-type worker (ours or a third party's) runs in.
//
// A worker type supplies a WorkerDefinition: its type name, the sections it owns, its
// capabilities, and a factory for the object that holds its units (UnitTypeWorker). runWorker
// does everything else the contract (protos/sysmaster/v1/worker.proto) asks of every worker:
// - names the process `sm-<type>` and marks inherited fds close-on-exec, so nothing the worker
//   was started with leaks into the processes it spawns;
// - serves UnitWorker on workerSocket(type) (SYSMASTER_WORKER_SOCKET overrides), a listening fd
//   made natively so it can cross a re-exec (listener.ts), every handler wrapped so that an error
//   becomes a gRPC status and the worker carries on (handlers.ts);
// - answers UNIMPLEMENTED for an RPC whose capability is false or whose hook is absent, so
//   nothing succeeds silently;
// - runs the Watch plumbing: a new stream first receives one UnitStatus per unit (the snapshot
//   from list()), then every status the type passes to host.emit();
// - on SIGTERM/SIGINT lets the type persist its state, ends the streams and exits 0, leaving the
//   units' processes running (a new worker re-adopts them); an uncaught error is logged, never
//   fatal;
// - with can_reexec, serves Reexec: answers the pid, then persists, ends the streams and
//   execve's the code now on disk in the same pid, keeping the listening socket and the fds the
//   type names (reexec.ts has the whole story, failure included).
import { grpc } from '@sysmaster/proto';
import { Admission, SysmasterError, createServer, implement, workerSocket, type UnitStatus } from '@sysmaster/proto';
import { UnitsSlot, unitWorkerHandlers } from './handlers';
import { createHostClient } from './host-client';
import { realNativeListen, serveWorkerSocket, type WorkerListener } from './listener';
import { createLogger, type Logger } from './logger';
import { checkReexecCommand, execKeeping, realReexecSys, reexecCommand, takeHandedOver, type HandedOver, type ReexecSys } from './reexec';
import type { RunWorkerOptions, RunningWorker, UnitTypeWorker, WorkerDefinition, WorkerHost } from './worker-types';

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

function message(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** How long Reexec lets its answer reach the client before the teardown begins. */
const ANSWER_GRACE_MS = 100;
/** How long the ended Watch streams get to flush before the exec. */
const STREAM_END_FLUSH_MS = 50;

interface Reexecutor {
  def: WorkerDefinition;
  slot: UnitsSlot;
  host: WorkerHost;
  listener: WorkerListener;
  sys: ReexecSys;
  endWatches(): void;
}

/**
 * The body of Reexec: checks the target, answers, then (after ANSWER_GRACE_MS) persists, ends the
 * streams and execve's; a failed execve builds the units again from their state files and serves on.
 */
function reexecHandler(r: Reexecutor): (execPath: string) => { pid: number } {
  let inProgress = false;
  const { def, slot, host, sys } = r;
  const run = async (command: ReturnType<typeof reexecCommand>): Promise<void> => {
    slot.hold();
    // From here a new connection waits in the backlog for the next image.
    const listenFd = r.listener.handOff();
    const units = slot.units;
    try { await units.shutdown?.({ reexec: true }); } catch (error) { host.log.error(`shutdown hook failed before re-exec: ${message(error)}`); }
    let kept: Record<string, number> = {};
    try { kept = units.keptFds?.() ?? {}; } catch (error) { host.log.error(`keptFds failed: ${message(error)}`); }
    r.endWatches();
    // Let the streams' trailers reach the clients: the core then sees the end of its Watch
    // stream, not a dropped connection.
    await new Promise((resolve) => setTimeout(resolve, STREAM_END_FLUSH_MS));
    host.log.info(`re-executing ${command.argv.join(' ')}`, { pid: process.pid, listenFd, kept });
    try {
      execKeeping(sys, command, listenFd, kept);
    } catch (error) {
      host.log.error(`re-exec failed, carrying on with the current code: ${message(error)}`);
      r.listener.resume();
      let again = units;
      try {
        again = await def.create({ ...host, handedOver: { listenFd, fds: kept } });
      } catch (rebuild) {
        host.log.error(`rebuilding the units after the failed re-exec failed; serving the table that was shut down: ${message(rebuild)}`);
      }
      slot.release(again);
    } finally {
      inProgress = false;
    }
  };
  return (execPath) => {
    if (inProgress) throw new SysmasterError('ERR_WRONG_STATE', 'a Reexec is already under way');
    if (r.listener.fd === null) throw new SysmasterError('ERR_UNIMPLEMENTED', 'the UnitWorker socket is not an fd this worker can keep across execve (@sysmaster/sys is not available)');
    const command = reexecCommand(execPath);
    checkReexecCommand(command, sys);
    inProgress = true;
    setTimeout(() => {
      run(command).catch((error: unknown) => host.log.error(`re-exec: ${message(error)}`));
    }, ANSWER_GRACE_MS);
    return { pid: process.pid };
  };
}

/** Installs SIGTERM/SIGINT (persist, end the streams, exit 0) and ignores SIGHUP. */
function exitOnSignals(slot: UnitsSlot, close: () => Promise<void>, log: Logger): void {
  let exiting = false;
  const exit = (signal: string): void => {
    if (exiting) return;
    exiting = true;
    log.info(`${signal} received: saving state and exiting, units keep running`);
    // void: the chain cannot end unhandled in a way that matters, every path ends in exit(0).
    void Promise.resolve()
      .then(() => slot.units.shutdown?.({ reexec: false }))
      .catch((error: unknown) => log.error(`shutdown hook failed: ${(error as Error).message}`))
      .then(() => close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => exit('SIGTERM'));
  process.on('SIGINT', () => exit('SIGINT'));
  process.on('SIGHUP', () => log.info('SIGHUP ignored'));
}

/** Serves the worker described by `def` until SIGTERM; see the header for what it takes care of. */
export async function runWorker(def: WorkerDefinition, options: RunWorkerOptions = {}): Promise<RunningWorker> {
  const ownProcess = options.ownProcess ?? true;
  const log = options.log ?? createLogger(`sm-${def.type}`);
  const handedOver: HandedOver | null = options.handedOver !== undefined ? options.handedOver : takeHandedOver();
  if (ownProcess) {
    process.title = `sm-${def.type}`;
    markInheritedFdsCloexec(log);
    process.on('uncaughtException', (error) => log.error(`uncaught exception: ${error.stack ?? error.message}`));
    process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  }
  if (handedOver) log.info('re-executed: taking over from the previous image', { pid: process.pid, listenFd: handedOver.listenFd, kept: handedOver.fds });

  const watchers = new Set<grpc.ServerWritableStream<unknown, UnitStatus>>();
  const host: WorkerHost = {
    log,
    core: options.core ?? createHostClient({ fromType: def.type, log }),
    handedOver,
    emit(status) {
      for (const call of watchers) {
        try { call.write(status); } catch (error) { log.warn(`dropping a Watch stream: ${(error as Error).message}`); watchers.delete(call); }
      }
    },
  };
  const slot = new UnitsSlot(await def.create(host));
  const endWatches = (): void => {
    for (const call of watchers) { try { call.end(); } catch { /* already gone */ } }
    watchers.clear();
  };

  const server = createServer('UnitWorker');
  const socketPath = options.socketPath ?? process.env.SYSMASTER_WORKER_SOCKET ?? workerSocket(def.type);
  const reexecSys = options.reexecSys !== undefined ? options.reexecSys : realReexecSys();
  // The handlers need the listener (Reexec keeps its fd) and serving needs the handlers: the
  // Reexec handler reads it through this binding, set before the first call can arrive.
  let listener: WorkerListener = { fd: null, handOff: () => { throw new Error('not serving yet'); }, resume: () => undefined, unlink: () => undefined };
  const reexec = def.capabilities.can_reexec && reexecSys
    ? reexecHandler({ def, slot, host, get listener() { return listener; }, sys: reexecSys, endWatches })
    : null;
  implement(server, 'UnitWorker', unitWorkerHandlers({ def, slot, watchers, reexec }), {
    report: (method, error) => log.error(`${method} failed: ${message(error)}`),
    admission: new Admission(),
  });
  listener = await serveWorkerSocket(server, socketPath, {
    inheritedFd: handedOver?.listenFd ?? null,
    native: options.nativeListen !== undefined ? options.nativeListen : realNativeListen(),
    log,
  });
  log.info(`serving UnitWorker for type '${def.type}' on ${socketPath}`, { pid: process.pid, fd: listener.fd });

  const close = async (): Promise<void> => {
    host.core.close();
    endWatches();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => { server.forceShutdown(); resolve(); }, 2000);
      server.tryShutdown(() => { clearTimeout(force); resolve(); });
    });
    listener.unlink();
  };

  if (ownProcess) exitOnSignals(slot, close, log);
  return { socketPath, get units(): UnitTypeWorker { return slot.units; }, host, close };
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
