// The table of service units the worker holds: Load/Start/Stop/… by name, routing of reaped
// children to their unit, and the state file that lets a new worker take over.
//
// Persistence: every change marks runtimePaths().stateDir/worker-service.json dirty; the changes
// of one event-loop turn are written together, atomically (worker-kit DurableJsonFile). The file
// holds, per unit, the LoadRequest it was configured with and its runtime (states, pids, result,
// timestamps, restarts). A new worker reads it before serving: it rebuilds each unit from its
// request, then lets the unit recover (ServiceUnit.recover: a live main pid in the unit's cgroup
// is re-adopted and watched by pidfd; an interrupted step ends like a failed one).
import path from 'node:path';
import {
  SysmasterError, runtimePaths,
  type LoadRequest__Output, type LoadResponse, type UnitStatus,
} from '@sysmaster/proto';
import { DurableJsonFile, type KillWhom, type Logger, type UnitTypeWorker, type WorkerHost } from '@sysmaster/worker-kit';
import { parseServiceConfig } from './config';
import type { ServiceOs } from './os';
import { ServiceUnit, freshRuntime, type ServiceRuntime, type UnitContext } from './service-unit';
import { SERVICE_ACTIVE_STATE, type ServiceState } from './states';

interface SavedUnit { request: LoadRequest__Output; runtime: ServiceRuntime }
interface SavedState { version: 1; units: Record<string, SavedUnit> }

export interface ServiceUnitsOptions {
  host: WorkerHost;
  os: ServiceOs;
  /** Default runtimePaths().stateDir/worker-service.json. */
  stateFile?: string;
}

export class ServiceUnits implements UnitTypeWorker {
  private readonly units = new Map<string, ServiceUnit>();
  private readonly requests = new Map<string, LoadRequest__Output>();
  private readonly owners = new Map<number, ServiceUnit>();
  private readonly log: Logger;
  private readonly store: DurableJsonFile;
  private readonly context: UnitContext;
  private readonly stopReaping: () => void;

  constructor(private readonly options: ServiceUnitsOptions) {
    const { host, os } = options;
    this.log = host.log;
    const file = options.stateFile ?? path.join(runtimePaths().stateDir, 'worker-service.json');
    this.store = new DurableJsonFile(file, () => this.snapshot(), (error) => this.log.error(`cannot save ${file}: ${(error as Error).message}`));
    this.context = {
      os,
      log: this.log,
      changed: (unit, spontaneous) => { host.emit(unit.status(spontaneous)); this.store.markDirty(); },
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

  private snapshot(): SavedState {
    const units: Record<string, SavedUnit> = {};
    for (const [name, unit] of this.units) {
      const request = this.requests.get(name);
      if (request) units[name] = { request, runtime: unit.runtime };
    }
    return { version: 1, units };
  }

  private restore(): void {
    let saved: unknown;
    try {
      saved = this.store.read();
    } catch (error) {
      this.log.error(`${(error as Error).message}; starting with no saved state`);
      return;
    }
    const units = (saved as Partial<SavedState> | undefined)?.units;
    if (!units || typeof units !== 'object') return;
    const restored: ServiceUnit[] = [];
    for (const [name, entry] of Object.entries(units)) {
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
    this.log.info(`restored ${restored.length} service(s) from ${this.store.file}`);
    this.store.markDirty();
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
    this.store.markDirty();
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
    this.store.markDirty();
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
