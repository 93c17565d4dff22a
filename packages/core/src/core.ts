// Assembling the engine: the worker pool, the store and the Manager wired together, without the
// gRPC API (start.ts adds it). The real-process tests build the same thing with temp paths.
import { defaultUnitPath } from '@sysmaster/unit-file';
import type { ManagerProcess } from '@sysmaster/proto';
import type { ShutdownKind } from './manager-core';
import type { Logger } from './log';
import type { CoreStore } from './store';
import type { SystemConfig } from './system-config';
import { Manager } from './manager';
import { WorkerPool, type PoolSys } from './workers/pool';
import { readRegistrations, type WorkerRegistration } from './workers/registry';

export interface CoreOptions {
  log: Logger;
  config: SystemConfig;
  store: CoreStore;
  /** The OS seam of the pool; `kill` defaults to process.kill. */
  sys: Omit<PoolSys, 'kill'> & Partial<Pick<PoolSys, 'kill'>>;
  registrations: Map<string, WorkerRegistration>;
  finalStep: (kind: ShutdownKind) => Promise<void>;
  searchPath?: string[];
  readyTimeoutMs?: number;
  /** Re-reads the worker registrations at daemon-reload (default: the registry's search path). */
  readRegistrations?: () => ReturnType<typeof readRegistrations>;
  writeRebootArgument?: (argument: string) => void;
  /** daemon-reexec (reexec.ts); absent: the core answers ERR_UNIMPLEMENTED. */
  reexecute?: () => Promise<string[]>;
  /** init's and the core's own entries of GetManagerProcesses. */
  managerProcesses?: () => Promise<ManagerProcess[]>;
}

export interface CoreRuntime {
  manager: Manager;
  pool: WorkerPool;
  /**
   * Adopts or starts every worker, resyncs from their List, takes over the stored jobs (then
   * `synced` is called: the core shows the real state now), then runs the boot transaction.
   */
  bringUp(synced?: () => void): Promise<void>;
  /** Stops watching the workers (they keep running) and closes the store. */
  close(): void;
}

export function createCore(options: CoreOptions): CoreRuntime {
  const { log } = options;
  // The pool reports statuses to the manager, which is built on the pool: late-bound through this box.
  const box: { manager?: Manager } = {};
  const { spawn, watchProcessExit } = options.sys;
  const kill = options.sys.kill ?? ((pid: number, signal: NodeJS.Signals) => void process.kill(pid, signal));
  const pool = new WorkerPool({
    registrations: options.registrations, sys: { spawn, watchProcessExit, kill }, log,
    readRegistrations: options.readRegistrations ?? (() => readRegistrations()),
    hasUnits: (type) => box.manager?.table.all().some((r) => r.def.type === type) ?? false,
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
    ...(options.reexecute ? { reexecute: options.reexecute } : {}),
    ...(options.managerProcesses ? { managerProcesses: options.managerProcesses } : {}),
  });
  box.manager = m;
  return {
    manager: m,
    pool,
    bringUp: async (synced) => {
      try {
        await pool.startAll();
        for (const type of pool.types()) {
          if (!pool.describe(type)) continue;
          try {
            await pool.resync(type);
          } catch (error) {
            log.warn(`cannot List the units of the ${type} worker: ${(error as Error).message}`);
          }
        }
        await m.restoreJobs();
      } finally {
        synced?.(); // whatever failed above is logged; callers are never held forever
      }
      await m.boot();
    },
    close: () => {
      pool.close();
      void options.store.close();
    },
  };
}
