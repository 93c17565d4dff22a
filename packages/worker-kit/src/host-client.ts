// The worker's client of WorkerHost (worker.proto): the calls a worker makes on the core.
//
// A worker outlives the core. While init replaces a core (a crash, a hang, a live upgrade) the
// host socket refuses connections for up to about a second, so every call here rides that out:
// - enqueueJob retries UNAVAILABLE with a short backoff until its deadline (default 30 s), then
//   fails with the last error; any other error (unknown unit, start limit, shutdown) is final and
//   returned at once, so a caller can tell "the core said no" from "no core yet";
// - reportEvent is best effort: it retries like enqueueJob but never rejects; a lost event is
//   logged, never fatal;
// - watchUnits keeps a WatchUnits stream open: when it ends (the core went away) it is opened
//   again after a backoff, and the new core's snapshot arrives through the same callback, so a
//   watcher always ends up with the current state of every unit it named.
// - watchJobQueue keeps a WatchJobQueue stream open the same way (Type=idle's wait).
// The channel is created on first use, so a worker that never calls the core opens no socket.
import {
  SysmasterError, connect, fromServiceError, jobModeToWire, jobTypeToWire, runtimePaths,
  type Client, type HostEventKind, type JobMode, type JobQueueState__Output, type JobType, type UnitStatus__Output,
} from '@sysmaster/proto';

/** A server stream of WorkerHost as grpc-js hands it out. */
interface HostStream<T> {
  cancel(): void;
  on(event: 'data', listener: (data: T) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}
import type { Logger } from './logger';

export interface HostClientOptions {
  /** The worker's type, sent as from_type for the core's log. */
  fromType: string;
  log: Logger;
  /** The host socket; default runtimePaths().hostSocket. */
  socketPath?: string;
  /** How long enqueueJob and reportEvent keep retrying while the core is away (ms, default 30,000). */
  retryForMs?: number;
}

/** A WatchUnits subscription; close() ends it for good. */
export interface UnitWatch {
  close(): void;
}

export interface HostClient {
  /** Enqueues a job on the core as sctl would; resolves with the job id. */
  enqueueJob(unit: string, type: JobType, mode?: JobMode): Promise<number>;
  /** Tells the core something about a unit (worker.proto HostEventKind); never rejects. */
  reportEvent(unit: string, kind: HostEventKind, message: string, fields?: Record<string, string>): Promise<void>;
  /** Calls onStatus with the current state of each unit, then with every change, across core restarts. */
  watchUnits(units: string[], onStatus: (status: UnitStatus__Output) => void): UnitWatch;
  /** Calls onJobs with the number of jobs in the core's queue not of `exceptUnits`, then with every change, across core restarts. */
  watchJobQueue(exceptUnits: string[], onJobs: (jobs: number) => void): UnitWatch;
  /** Ends every watch and closes the channel. */
  close(): void;
}

const CHANNEL_OPTIONS = { 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 500 };
const CALL_TIMEOUT_MS = 5_000;
const MIN_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function transient(error: unknown): boolean {
  const code = fromServiceError(error).code;
  return code === 'ERR_UNAVAILABLE' || code === 'ERR_TIMEOUT';
}

export function createHostClient(options: HostClientOptions): HostClient {
  const { fromType, log } = options;
  const retryForMs = options.retryForMs ?? 30_000;
  let client: Client<'WorkerHost'> | null = null;
  let closed = false;
  const watches = new Set<() => void>();
  const host = (): Client<'WorkerHost'> => {
    client ??= connect('WorkerHost', options.socketPath ?? runtimePaths().hostSocket, CHANNEL_OPTIONS);
    return client;
  };

  /** Runs `call` until it succeeds, fails for good, or the core stayed away for retryForMs. */
  const withRetry = async <T>(what: string, call: (c: Client<'WorkerHost'>) => Promise<T>): Promise<T> => {
    const deadline = Date.now() + retryForMs;
    let backoff = MIN_BACKOFF_MS;
    for (;;) {
      if (closed) throw new SysmasterError('ERR_UNAVAILABLE', `${what}: the host client is closed`);
      try {
        return await call(host());
      } catch (error) {
        if (!transient(error) || Date.now() + backoff > deadline) throw fromServiceError(error);
        log.debug(`${what}: the core is not answering (${(error as Error).message}); retrying in ${backoff} ms`);
        await sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  };

  /**
   * Keeps a server stream of WorkerHost open across core restarts: `openStream` opens it again
   * after a backoff whenever it ends; an INVALID_ARGUMENT refusal ends it for good.
   */
  const keepOpen = <T>(what: string, openStream: (c: Client<'WorkerHost'>) => HostStream<T>, onData: (data: T) => void): UnitWatch => {
    let ended = false;
    let cancel: (() => void) | null = null;
    let backoff = MIN_BACKOFF_MS;
    const open = (): void => {
      if (ended || closed) return;
      const stream = openStream(host());
      let lost = false;
      cancel = () => stream.cancel();
      const reopen = (why: string): void => {
        if (lost || ended || closed) return;
        lost = true;
        log.debug(`${what} ended (${why}); opening it again in ${backoff} ms`);
        const wait = backoff;
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        void sleep(wait).then(open);
      };
      stream.on('data', (data: T) => {
        backoff = MIN_BACKOFF_MS;
        try {
          onData(data);
        } catch (error) {
          log.error(`a ${what} callback failed: ${(error as Error).message}`);
        }
      });
      stream.on('error', (error: Error) => {
        const e = fromServiceError(error);
        if (e.code === 'ERR_INVALID_ARGUMENT') {
          ended = true;
          log.error(`${what} refused: ${e.message}`);
          return;
        }
        reopen(e.message);
      });
      stream.on('end', () => reopen('end of stream'));
    };
    const stop = (): void => {
      ended = true;
      cancel?.();
      watches.delete(stop);
    };
    watches.add(stop);
    open();
    return { close: stop };
  };

  const watchUnits = (units: string[], onStatus: (status: UnitStatus__Output) => void): UnitWatch =>
    keepOpen('WatchUnits', (c) => c.WatchUnits({ units }), onStatus);
  const watchJobQueue = (exceptUnits: string[], onJobs: (jobs: number) => void): UnitWatch =>
    keepOpen('WatchJobQueue', (c) => c.WatchJobQueue({ except_units: exceptUnits }), (state: JobQueueState__Output) => onJobs(state.jobs));

  return {
    enqueueJob: async (unit, type, mode = 'replace') => {
      const reply = await withRetry(`EnqueueJob ${unit}/${type}`, (c) => c.EnqueueJob(
        { unit, type: jobTypeToWire(type), mode: jobModeToWire(mode), from_type: fromType }, { timeoutMs: CALL_TIMEOUT_MS },
      ));
      return reply.job_id;
    },
    reportEvent: async (unit, kind, message, fields = {}) => {
      try {
        await withRetry(`ReportEvent ${unit}`, (c) => c.ReportEvent({ unit, kind, message, fields }, { timeoutMs: CALL_TIMEOUT_MS }));
      } catch (error) {
        log.warn(`could not report "${message}" about ${unit} to the core: ${(error as Error).message}`);
      }
    },
    watchUnits,
    watchJobQueue,
    close: () => {
      closed = true;
      for (const stop of [...watches]) stop();
      client?.close();
      client = null;
    },
  };
}
