// Assembling the engine: the worker pool, the store and the Manager wired together, without the
// gRPC API (start.ts adds it). The real-process tests build the same thing with temp paths.
import { defaultUnitPath } from '@sysmaster/unit-file';
import type { ShutdownKind } from './manager-core';
import type { Logger } from './log';
import type { CoreStore } from './store';
import type { SystemConfig } from './system-config';
import { Manager } from './manager';
import { WorkerPool, type PoolSys } from './workers/pool';
import type { WorkerRegistration } from './workers/registry';

export interface CoreOptions {
  log: Logger;
  config: SystemConfig;
  store: CoreStore;
  sys: PoolSys;
  registrations: Map<string, WorkerRegistration>;
  finalStep: (kind: ShutdownKind) => Promise<void>;
  searchPath?: string[];
  readyTimeoutMs?: number;
  writeRebootArgument?: (argument: string) => void;
}

export interface CoreRuntime {
  manager: Manager;
  pool: WorkerPool;
  /** Adopts or starts every worker, resyncs from their List, then runs the boot transaction. */
  bringUp(): Promise<void>;
  /** Stops watching the workers (they keep running) and closes the store. */
  close(): void;
}

export function createCore(options: CoreOptions): CoreRuntime {
  const { log } = options;
  // The pool reports statuses to the manager, which is built on the pool: late-bound through this box.
  const box: { manager?: Manager } = {};
  const pool = new WorkerPool({
    registrations: options.registrations, sys: options.sys, log,
    ...(options.readyTimeoutMs !== undefined ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
    onStatus: (_type, status) => box.manager?.onStatus(status),
    onRestarted: async (type) => {
      await box.manager?.table.reloadType(type);
    },
  });
  const m = new Manager({
    searchPath: options.searchPath ?? defaultUnitPath(), workers: pool, store: options.store, config: options.config, log,
    finalStep: options.finalStep,
    ...(options.writeRebootArgument ? { writeRebootArgument: options.writeRebootArgument } : {}),
  });
  box.manager = m;
  return {
    manager: m,
    pool,
    bringUp: async () => {
      await pool.startAll();
      for (const type of pool.types()) {
        if (!pool.describe(type)) continue;
        try {
          await pool.resync(type);
        } catch (error) {
          log.warn(`cannot List the units of the ${type} worker: ${(error as Error).message}`);
        }
      }
      await m.boot();
    },
    close: () => {
      pool.close();
      options.store.close();
    },
  };
}
