// The flag unit type: active while its file exists. Start creates it (Create=yes) or waits for it; Stop
// removes a file it created. A vanished file fails the unit; Restart=yes then asks the core to restart it.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError, runtimePaths, type LoadRequest__Output, type LoadResponse, type UnitStatus } from '@sysmaster/proto';
import { parseBoolean } from '@sysmaster/unit-file';
import { DurableJsonRecords, SectionReader, defineStateMachine } from '@sysmaster/worker-kit';
import type { ActiveStateMap, UnitTypeWorker, WorkerDefinition, WorkerHost } from '@sysmaster/worker-kit';

type Sub = 'dead' | 'waiting' | 'up' | 'failed';
type Event = 'start' | 'appeared' | 'vanished' | 'stop' | 'reset';
const ACTIVE: ActiveStateMap<Sub> = { dead: 'inactive', waiting: 'activating', up: 'active', failed: 'failed' };
const TABLE = {
  dead: { start: 'waiting' },
  waiting: { appeared: 'up', stop: 'dead' },
  up: { vanished: 'failed', stop: 'dead' },
  failed: { start: 'waiting', reset: 'dead' },
} as const;

/** What is persisted per unit: enough to report and watch it again after the worker restarts. */
interface Unit { config: { path: string; create: boolean; restart: boolean }; sub: Sub; result: string }

export class FlagUnits implements UnitTypeWorker {
  private readonly units = new Map<string, Unit>();
  private readonly machine;
  private readonly store: DurableJsonRecords;

  constructor(private readonly host: WorkerHost, dir = path.join(runtimePaths().stateDir, 'worker-flag')) {
    this.machine = defineStateMachine<Sub, Event>(TABLE, { log: host.log, name: 'flag' });
    this.store = new DurableJsonRecords(dir, (name) => this.units.get(name), (e) => host.log.error(String(e)));
    for (const [name, saved] of this.store.readAll()) this.units.set(name, saved as Unit);
    setInterval(() => this.poll(), 100).unref(); // the files of every unit, ten times a second
  }

  load(request: LoadRequest__Output): LoadResponse {
    const r = new SectionReader(request, 'Flag', ['Path', 'Create', 'Restart'], this.host.log);
    const absolute = (value: string): string => { if (!path.isAbsolute(value)) throw new Error('expected an absolute path'); return value; };
    const config = { path: r.required('Path', absolute) ?? '', create: r.one('Create', parseBoolean, true), restart: r.one('Restart', parseBoolean, false) };
    const unit = this.units.get(request.name);
    if (unit) unit.config = config; // a running flag keeps its file; the next start uses the new one
    else this.units.set(request.name, { config, sub: 'dead', result: 'success' });
    this.store.markDirty(request.name);
    return { errors: r.errors.map((e) => e.toMessage()), warnings: r.warnings.map((e) => e.toMessage()), properties: { Path: config.path } };
  }

  unload(name: string): void {
    if (this.get(name).sub !== 'dead') throw new SysmasterError('ERR_WRONG_STATE', `${name} is not inactive; stop it first`);
    this.units.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void {
    const unit = this.get(name);
    if (!this.machine.can(unit.sub, 'start')) return; // already up or on its way
    if (!unit.config.path) throw new SysmasterError('ERR_BAD_SETTING', `${name} has no Path=`);
    if (unit.config.create) fs.writeFileSync(unit.config.path, `${name}\n`); // fails the request, not the unit
    this.move(name, 'start'); // to waiting; the next poll sees the file
  }

  stop(name: string): void {
    const unit = this.get(name);
    if (!this.machine.can(unit.sub, 'stop')) return; // inactive or failed: nothing to do
    if (unit.config.create) fs.rmSync(unit.config.path, { force: true });
    this.move(name, 'stop');
  }

  resetFailed(name: string): void { if (this.get(name).sub === 'failed') this.move(name, 'reset'); }
  list(): UnitStatus[] { return [...this.units.keys()].map((name) => this.status(name)); }
  shutdown(): void { this.store.flush(); } // before a graceful exit; every change is also written within one event-loop turn
  status(name: string): UnitStatus { const { sub, result } = this.get(name); return { name, active_state: ACTIVE[sub], sub_state: sub, result }; }

  private get(name: string): Unit {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `${name} is not loaded by the flag worker`);
    return unit;
  }

  private move(name: string, event: Event, spontaneous = false): void {
    const unit = this.get(name);
    unit.sub = this.machine.transition(unit.sub, event, event, name);
    unit.result = event === 'vanished' ? 'vanished' : 'success';
    this.store.markDirty(name);
    this.host.emit({ ...this.status(name), spontaneous });
  }

  private poll(): void {
    for (const [name, unit] of this.units) {
      const exists = fs.existsSync(unit.config.path);
      if (unit.sub === 'waiting' && exists) this.move(name, 'appeared');
      if (unit.sub !== 'up' || exists) continue;
      this.move(name, 'vanished', true);
      if (unit.config.restart) this.host.core.enqueueJob(name, 'restart').catch((e: Error) => this.host.log.error(`${name}: ${e.message}`));
    }
  }
}
/** The type as the core sees it. Every capability false: Reload, Kill, Reexec and Logs answer UNIMPLEMENTED. */
export const FLAG_WORKER: WorkerDefinition = {
  type: 'flag', sections: ['Flag'], version: '1.0.0', capabilities: {}, create: (host) => new FlagUnits(host),
};
