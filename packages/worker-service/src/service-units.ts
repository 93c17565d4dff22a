// The table of service units the worker holds: Load/Start/Stop/… by name, routing of reaped
// children to their unit, and the state file that lets a new worker take over.
//
// Persistence: one record per unit in runtimePaths().stateDir/worker-service/ (worker-kit
// DurableJsonRecords): every change marks the unit's record dirty and the records that changed in
// one event-loop turn are written together, each atomically. A record holds the LoadRequest the
// unit was configured with and its runtime (states, pids, result, timestamps, restarts). A new
// worker reads them before serving: it rebuilds each unit from its request, then lets it recover (ServiceUnit.recover: a live main pid in the unit's cgroup
// is re-adopted and watched by pidfd; an interrupted step ends like a failed one).
import path from 'node:path';
import {
  SysmasterError, runtimePaths,
  type LoadRequest__Output, type LoadResponse, type UnitStatus,
} from '@sysmaster/proto';
import { DurableJsonRecords, type KillWhom, type Logger, type UnitTypeWorker, type WorkerHost } from '@sysmaster/worker-kit';
import { parseServiceConfig } from './config';
import type { ServiceOs } from './os';
import { ServiceUnit, freshRuntime, type ServiceRuntime, type UnitContext } from './service-unit';
import { SERVICE_ACTIVE_STATE, type ServiceState } from './states';

interface SavedUnit { version: 1; request: LoadRequest__Output; runtime: ServiceRuntime }

export interface ServiceUnitsOptions {
  host: WorkerHost;
  os: ServiceOs;
  /** The folder of the per-unit state records; default runtimePaths().stateDir/worker-service. */
  stateDir?: string;
}

export class ServiceUnits implements UnitTypeWorker {
  private readonly units = new Map<string, ServiceUnit>();
  private readonly requests = new Map<string, LoadRequest__Output>();
  private readonly owners = new Map<number, ServiceUnit>();
  private readonly log: Logger;
  private readonly store: DurableJsonRecords;
  private readonly context: UnitContext;
  private readonly stopReaping: () => void;

  constructor(private readonly options: ServiceUnitsOptions) {
    const { host, os } = options;
    this.log = host.log;
    const dir = options.stateDir ?? path.join(runtimePaths().stateDir, 'worker-service');
    this.store = new DurableJsonRecords(dir, (name) => this.snapshot(name), (error) => this.log.error(`state in ${dir}: ${(error as Error).message}`));
    this.context = {
      os,
      log: this.log,
      changed: (unit, spontaneous) => { host.emit(unit.status(spontaneous)); this.store.markDirty(unit.name); },
      track: (pid, unit) => { this.owners.set(pid, unit); },
    };
    this.stopReaping = os.onChildExit((pid, status) => {
      const owner = this.owners.get(pid);
      this.owners.delete(pid);
      try {
        if (owner) owner.processExited(pid, status);
        else for (const unit of this.units.values()) unit.checkDrained(); // a reparented grandchild
      } catch (error) {
        this.log.error(`handling the exit of pid ${pid} failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
    this.restore();
  }

  /** The record of one unit; undefined (delete the record) once it is unloaded. */
  private snapshot(name: string): SavedUnit | undefined {
    const unit = this.units.get(name);
    const request = this.requests.get(name);
    return unit && request ? { version: 1, request, runtime: unit.runtime } : undefined;
  }

  private restore(): void {
    const units = this.store.readAll();
    const restored: ServiceUnit[] = [];
    for (const [name, value] of units) {
      const entry = value as Partial<SavedUnit> | undefined;
      if (!entry?.request || !entry.runtime || !(entry.runtime.sub in SERVICE_ACTIVE_STATE)) {
        this.log.warn(`state file entry for ${name} is incomplete; ignoring it`);
        continue;
      }
      const parsed = parseServiceConfig(entry.request);
      const unit = new ServiceUnit(name, parsed.config, parsed.errors.map((e) => e.describe()), this.context,
        { ...freshRuntime(), ...entry.runtime, sub: entry.runtime.sub as ServiceState });
      this.units.set(name, unit);
      this.requests.set(name, entry.request);
      restored.push(unit);
    }
    for (const unit of restored) {
      try {
        unit.recover();
      } catch (error) {
        this.log.error(`${unit.name}: recovery failed: ${(error as Error).message}`);
      }
    }
    this.log.info(`restored ${restored.length} service(s) from ${this.store.dir}`);
    for (const unit of restored) this.store.markDirty(unit.name);
  }

  load(request: LoadRequest__Output): LoadResponse {
    const parsed = parseServiceConfig(request, this.log);
    const errors = parsed.errors.map((e) => e.describe());
    for (const e of errors) this.log.warn(`${request.name}: ${e}`);
    const unit = this.units.get(request.name);
    if (unit) {
      unit.config = parsed.config; // The running processes are left alone; the next start uses it.
      unit.loadErrors = errors;
    } else {
      this.units.set(request.name, new ServiceUnit(request.name, parsed.config, errors, this.context));
    }
    this.requests.set(request.name, request);
    this.store.markDirty(request.name);
    return { errors: parsed.errors.map((e) => e.toMessage()), dependencies: [], properties: parsed.properties };
  }

  unload(name: string): void {
    const unit = this.get(name);
    const active = SERVICE_ACTIVE_STATE[unit.runtime.sub];
    if (active !== 'inactive' && active !== 'failed') {
      throw new SysmasterError('ERR_WRONG_STATE', `${name} is ${active}; stop it before unloading`);
    }
    unit.detach();
    this.units.delete(name);
    this.requests.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void { this.get(name).start(); }
  stop(name: string): void { this.get(name).stop(); }
  resetFailed(name: string): void { this.get(name).resetFailed(); }
  kill(name: string, signal: number, whom: KillWhom): void { this.get(name).kill(signal, whom); }
  status(name: string): UnitStatus { return this.get(name).status(); }

  list(): UnitStatus[] {
    return [...this.units.keys()].sort().map((name) => this.get(name).status());
  }

  /** Saves the state and lets go of timers and watches; the services keep running. */
  shutdown(): void {
    this.store.flush();
    for (const unit of this.units.values()) unit.detach();
    this.stopReaping();
  }

  private get(name: string): ServiceUnit {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${name} is not loaded by the service worker`);
    return unit;
  }
}
