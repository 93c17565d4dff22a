// Every socket unit the worker holds: the UnitTypeWorker that runWorker serves.
//
// Load parses [Socket] (config.ts) and answers with the implied dependencies of
// systemd.socket(5): Triggers= and Before= on the service (none with Accept=yes, whose
// instances are made per connection) (the service's After= on its socket is
// the mirror the core records; no Requires= is added, as systemd adds none for a service that is
// merely triggered), and the default dependencies (Requires=/After= sysinit.target, Before=
// sockets.target, Conflicts=/Before= shutdown.target). A Load of a unit that listens replaces
// the config for its next start; the open fds keep the config they were opened with.
//
// The runtime of each unit (state, result, timestamps, the config the fds came from and the pid
// of their holder) is persisted after every change, with the LoadRequest of the unit's current
// config; a new worker (after a crash, or the same process after UnitWorker.Reexec, when the core
// Loads nothing again) restores both before it serves.
import path from 'node:path';
import {
  SysmasterError, runtimePaths, type ImpliedDependency, type LoadRequest__Output, type LoadResponse, type UnitStatus,
} from '@sysmaster/proto';
import { DurableJsonRecords, type Logger, type UnitTypeWorker, type WorkerHost } from '@sysmaster/worker-kit';
import { parseSocketConfig, socketProperties } from './config';
import type { SocketOs } from './os';
import { SocketUnit, type SocketRuntime } from './socket-unit';
import { ACTIVE_STATE } from './states';

export interface SocketUnitsOptions {
  host: WorkerHost;
  os: SocketOs;
  /** The folder of per-unit state records; default runtimePaths().stateDir/worker-socket. */
  stateDir?: string;
}

/** systemd.socket(5) "Default Dependencies". */
const DEFAULT_DEPENDENCIES: ImpliedDependency[] = [
  { kind: 'Requires', unit: 'sysinit.target' }, { kind: 'After', unit: 'sysinit.target' },
  { kind: 'Before', unit: 'sockets.target' },
  { kind: 'Conflicts', unit: 'shutdown.target' }, { kind: 'Before', unit: 'shutdown.target' },
];

const STATES = new Set(Object.keys(ACTIVE_STATE));

export class SocketUnits implements UnitTypeWorker {
  private readonly units = new Map<string, SocketUnit>();
  private readonly log: Logger;
  private readonly store: DurableJsonRecords;
  /** The LoadRequest each unit's config came from, saved in its record. */
  private readonly requests = new Map<string, LoadRequest__Output>();

  constructor(private readonly options: SocketUnitsOptions) {
    this.log = options.host.log;
    const dir = options.stateDir ?? path.join(runtimePaths().stateDir, 'worker-socket');
    this.store = new DurableJsonRecords(dir, (name) => this.record(name),
      (error) => this.log.error(`state in ${dir}: ${(error as Error).message}`));
    this.restore();
  }

  private record(name: string): (SocketRuntime & { request?: LoadRequest__Output }) | undefined {
    const runtime = this.units.get(name)?.runtime;
    const request = this.requests.get(name);
    return runtime && request ? { ...runtime, request } : runtime;
  }

  private restore(): void {
    for (const [name, value] of this.store.readAll()) {
      const { request, ...saved } = (value ?? {}) as Partial<SocketRuntime> & { request?: LoadRequest__Output };
      if (typeof saved.sub !== 'string' || !STATES.has(saved.sub)) continue;
      const unit = this.unit(name);
      unit.restore(saved as SocketRuntime);
      if (request?.name !== name) continue;
      const parsed = parseSocketConfig(request);
      if (parsed.errors.length === 0) { unit.config = parsed.config; this.requests.set(name, request); }
    }
    this.log.info(`restored ${this.units.size} socket(s) from ${this.store.dir}`);
  }

  private unit(name: string): SocketUnit {
    let unit = this.units.get(name);
    if (unit === undefined) {
      unit = new SocketUnit(name, {
        os: this.options.os, host: this.options.host, log: this.log, dirty: (n) => this.store.markDirty(n),
      });
      this.units.set(name, unit);
    }
    return unit;
  }

  load(request: LoadRequest__Output): LoadResponse {
    const parsed = parseSocketConfig(request);
    for (const w of parsed.warnings) this.log.warn(w.describe(), { unit: request.name });
    for (const e of parsed.errors) this.log.error(e.describe(), { unit: request.name });
    const unit = this.unit(request.name);
    if (parsed.errors.length === 0) { unit.config = parsed.config; this.requests.set(request.name, request); }
    else if (unit.runtime.sub === 'dead' || unit.runtime.sub === 'failed') { unit.config = null; this.requests.delete(request.name); }
    this.store.markDirty(request.name);
    const service = parsed.config.service;
    return {
      errors: parsed.errors.map((e) => e.toMessage()),
      warnings: parsed.warnings.map((w) => w.toMessage()),
      // Accept=yes names a template, which no dependency can name: its instances come per connection.
      dependencies: parsed.config.accept ? [] : [{ kind: 'Triggers', unit: service }, { kind: 'Before', unit: service }],
      default_dependencies: DEFAULT_DEPENDENCIES,
      properties: socketProperties(parsed.config),
      can_reload: false,
    };
  }

  unload(name: string): void {
    const unit = this.get(name);
    if (unit.runtime.sub === 'listening' || unit.runtime.sub === 'running') {
      throw new SysmasterError('ERR_WRONG_STATE', `${name} is listening; stop it before unloading`);
    }
    this.units.delete(name);
    this.requests.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void {
    const unit = this.get(name);
    if (unit.config === null) throw new SysmasterError('ERR_BAD_SETTING', `${name} has a bad configuration and cannot start`);
    unit.start();
  }

  stop(name: string): void {
    this.get(name).stop();
  }

  resetFailed(name: string): void {
    this.get(name).resetFailed();
  }

  status(name: string): UnitStatus {
    return this.get(name).status();
  }

  list(): UnitStatus[] {
    return [...this.units.keys()].sort().map((name) => this.get(name).status());
  }

  /** SIGTERM: persist, keep the holders (the next worker takes the fds back). */
  shutdown(): void {
    for (const unit of this.units.values()) unit.detach();
    this.store.flush();
  }

  private get(name: string): SocketUnit {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${name} is not loaded by the socket worker`);
    return unit;
  }
}
