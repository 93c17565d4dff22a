// The engine of the core: the unit table, the job engine and the workers behind one object that
// implements ManagerCore (the seam the gRPC API is written against). It also runs the two
// system-wide sequences: boot (start default.target once per boot, surviving core crashes via
// the store) and shutdown (stop every unit in order, then hand over to init).
import { EventEmitter } from 'node:events';
import type { UnitStatus__Output, DescribeResponse__Output } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/proto';
import type {
  JobMode, JobType, JobView, ManagerCore, ManagerEvents, ShutdownKind, SystemState, UnitView,
} from './manager-core';
import type { Logger } from './log';
import type { CoreStore } from './store';
import type { SystemConfig } from './system-config';
import { JobEngine } from './job/engine';
import type { EngineJobType, JobGraph, UnitDriver } from './job/types';
import { UnitTable, type UnitRecord, type WorkerLoadPort } from './units/unit-table';

/** Everything the manager asks of the workers (the WorkerPool, or a fake in tests). */
export interface WorkerPort extends WorkerLoadPort, UnitDriver {
  kill(unit: string, signal: number, whom: string): Promise<void>;
  resetFailed(unit: string): Promise<void>;
  describe(type: string): DescribeResponse__Output | null;
}

export interface ManagerOptions {
  searchPath: string[];
  workers: WorkerPort;
  store: CoreStore;
  config: SystemConfig;
  log: Logger;
  /** The last step of shutdown: ask init (or exit when there is none). */
  finalStep: (kind: ShutdownKind) => Promise<void>;
}

const JOB_MODES: readonly JobMode[] = ['replace', 'fail', 'isolate', 'ignore-dependencies', 'ignore-requirements', 'flush', 'replace-irreversibly'];
const RUNNING_STATES = new Set(['active', 'activating', 'reloading', 'deactivating']);

export class Manager implements ManagerCore {
  readonly events = new EventEmitter<ManagerEvents>();
  readonly table: UnitTable;
  readonly engine: JobEngine;
  private phase: 'initializing' | 'starting' | 'booted' | 'stopping' = 'initializing';

  constructor(private readonly options: ManagerOptions) {
    this.events.setMaxListeners(0);
    const { config } = options;
    this.table = new UnitTable({
      searchPath: options.searchPath, workers: options.workers, log: options.log, defaultTarget: config.defaultTarget,
      defaults: { DefaultTimeoutStartUSec: String(config.defaultTimeoutStartUsec), DefaultTimeoutStopUSec: String(config.defaultTimeoutStopUsec) },
    });
    const table = this.table;
    const graph: JobGraph = {
      unit: (name) => {
        const r = table.find(name);
        return r && { name: r.name, loadState: r.loadState, loadMessage: r.loadMessage, activeState: r.status.active_state };
      },
      deps: (name, kind) => table.deps.get(table.find(name)?.name ?? name, kind),
      units: () => table.all().map((r) => ({ name: r.name, loadState: r.loadState, loadMessage: r.loadMessage, activeState: r.status.active_state })),
    };
    this.engine = new JobEngine({ graph, driver: options.workers, log: options.log, nextId: () => options.store.takeJobId() });
    this.engine.events.on('job', (job) => {
      this.events.emit('job', job);
      if (job.state === 'done' && this.engine.count() === 0 && this.phase === 'starting') this.bootFinished();
    });
  }

  /** A status from a worker (Watch or List): the unit's record follows it, jobs advance. */
  onStatus(status: UnitStatus__Output): void {
    let record: UnitRecord;
    try {
      record = this.table.ensure(status.name);
    } catch (error) {
      this.options.log.warn(`a worker reported unit "${status.name}", which has an invalid name: ${(error as Error).message}`);
      return;
    }
    record.status = status;
    this.events.emit('unit', status);
    this.engine.onStatus(status);
  }

  systemState(): SystemState {
    if (this.phase === 'booted') return this.table.all().some((r) => r.status.active_state === 'failed') ? 'degraded' : 'running';
    return this.phase === 'stopping' ? 'stopping' : this.phase;
  }

  jobCount(): number {
    return this.engine.count();
  }

  unit(name: string): UnitView {
    return this.view(this.table.ensure(name));
  }

  units(): UnitView[] {
    return this.table.all().map((r) => this.view(r));
  }

  async enqueue(type: JobType, names: string[], mode: JobMode): Promise<JobView[]> {
    if (!JOB_MODES.includes(mode)) throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid job mode "${mode}"; valid modes: ${JOB_MODES.join(', ')}.`);
    if (names.length === 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', 'No unit named.');
    await this.table.loadClosure(names);
    const anchors: Array<{ unit: string; type: EngineJobType }> = [];
    for (const name of names) {
      const record = this.table.ensure(name);
      const running = RUNNING_STATES.has(record.status.active_state);
      if (type === 'stop') {
        if (record.loadState === 'not-found' && !running) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      } else {
        this.checkLoaded(record, name);
      }
      const engineType = this.engineType(type, record, running);
      if (engineType) anchors.push({ unit: record.name, type: engineType });
    }
    if (anchors.length === 0) return [];
    const jobs = this.engine.enqueue(anchors, mode === 'flush' || mode === 'replace-irreversibly' ? 'replace' : mode, { shownType: type });
    if (type === 'stop' || type === 'start') {
      const stopped = this.options.store.userStopped();
      for (const a of anchors) {
        if (type === 'stop') stopped.add(a.unit);
        else stopped.delete(a.unit);
      }
      this.options.store.setUserStopped(stopped);
    }
    return jobs;
  }

  waitJobs(ids: number[]): Promise<JobView[]> {
    return this.engine.waitJobs(ids);
  }

  jobs(): JobView[] {
    return this.engine.jobs();
  }

  cancelJobs(ids: number[]): void {
    this.engine.cancel(ids);
  }

  async kill(names: string[], signal: number, whom: 'main' | 'control' | 'all'): Promise<void> {
    for (const name of names) {
      const record = await this.table.load(name);
      if (record.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      await this.options.workers.kill(record.name, signal, whom);
    }
  }

  async resetFailed(names: string[]): Promise<void> {
    const records = names.length === 0
      ? this.table.all().filter((r) => r.status.active_state === 'failed')
      : await Promise.all(names.map((n) => this.table.load(n)));
    for (const record of records) {
      if (record.loadState === 'not-found') throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${record.name} not found.`);
      if (record.status.active_state === 'failed') await this.options.workers.resetFailed(record.name);
    }
  }

  async reload(): Promise<void> {
    this.options.log.info('reloading unit files');
    await this.table.reloadAll(this.options.searchPath);
  }

  shutdown(kind: ShutdownKind): void {
    if (this.phase === 'stopping') return;
    this.phase = 'stopping';
    this.options.log.info(`shutting down (${kind}): stopping every unit`);
    void this.stopEverything()
      .catch((error: unknown) => this.options.log.error(`stopping units for ${kind} failed: ${(error as Error).message}`))
      .then(() => this.options.finalStep(kind))
      .catch((error: unknown) => this.options.log.error(`the final step of ${kind} failed: ${(error as Error).message}`));
  }

  /**
   * Starts default.target once per boot. A boot transaction that a previous core already
   * completed is not run again (a new core after a crash starts nothing twice); one that was
   * enqueued but not completed is enqueued again, leaving out what the user stopped since.
   */
  async boot(): Promise<void> {
    const { store, log } = this.options;
    const stored = store.boot();
    if (stored.completed) {
      log.info('the boot transaction completed before this core started; starting nothing');
      this.phase = 'booted';
      return;
    }
    const exclude = stored.enqueued ? store.userStopped() : undefined;
    store.setBoot({ ...stored, enqueued: true });
    this.phase = 'starting';
    try {
      await this.table.loadClosure(['default.target']);
      const target = this.table.ensure('default.target');
      this.checkLoaded(target, 'default.target');
      log.info(`starting ${target.name} (default.target)`);
      this.engine.enqueue([{ unit: target.name, type: 'start' }], 'replace', exclude ? { exclude } : {});
    } catch (error) {
      log.error(`cannot start default.target: ${(error as Error).message}`);
    }
    if (this.engine.count() === 0) this.bootFinished();
  }

  private bootFinished(): void {
    this.phase = 'booted';
    this.options.store.setBoot({ ...this.options.store.boot(), enqueued: true, completed: true });
    this.options.log.info(`startup finished: system is ${this.systemState()}`);
  }

  private async stopEverything(): Promise<void> {
    // Every unit that is up, on its way up, or has a job (a queued start is replaced by the stop).
    const active = this.table.all().filter((r) => RUNNING_STATES.has(r.status.active_state) || this.engine.jobOf(r.name) !== null);
    if (active.length === 0) return;
    let jobs: JobView[] = [];
    try {
      jobs = this.engine.enqueue(active.map((r) => ({ unit: r.name, type: 'stop' as const })), 'replace');
    } catch (error) {
      this.options.log.warn(`one stop transaction for every unit failed (${(error as Error).message}); stopping them one by one`);
      for (const r of active) {
        try {
          jobs.push(...this.engine.enqueue([{ unit: r.name, type: 'stop' }], 'replace'));
        } catch (inner) {
          this.options.log.error(`cannot stop ${r.name}: ${(inner as Error).message}`);
        }
      }
    }
    await this.engine.waitJobs(jobs.map((j) => j.id));
  }

  private checkLoaded(record: UnitRecord, name: string): void {
    switch (record.loadState) {
      case 'loaded': return;
      case 'not-found': throw new SysmasterError('ERR_UNIT_NOT_FOUND', `Unit ${name} not found.`);
      case 'masked': throw new SysmasterError('ERR_UNIT_MASKED', `Unit ${record.name} is masked.`);
      default: throw new SysmasterError('ERR_BAD_SETTING', record.loadMessage || `Unit ${record.name} failed to load.`);
    }
  }

  /** The engine job an API job type means for this unit now; null when there is nothing to do. */
  private engineType(type: JobType, record: UnitRecord, running: boolean): EngineJobType | null {
    switch (type) {
      case 'start': case 'stop': case 'restart': case 'reload': case 'verify-active': return type;
      case 'try-restart': return running ? 'restart' : null;
      case 'reload-or-restart': return running && this.options.workers.describe(record.def.type)?.capabilities?.can_reload ? 'reload' : 'restart';
    }
  }

  private view(r: UnitRecord): UnitView {
    const { def } = r;
    const properties: Record<string, string> = {
      Id: r.name, Names: [r.name, ...def.aliases].join(' '), Description: def.description || r.name, LoadState: r.loadState,
      ActiveState: r.status.active_state, SubState: r.status.sub_state, FragmentPath: def.fragmentPath ?? '',
      DropInPaths: def.dropinPaths.join(' '), DefaultDependencies: def.defaultDependencies ? 'yes' : 'no',
      WantedBy: def.install.wantedBy.join(' '), RequiredBy: def.install.requiredBy.join(' '),
      ...r.properties,
    };
    const hasInstall = def.install.wantedBy.length + def.install.requiredBy.length + def.install.alias.length + def.install.also.length > 0;
    return {
      name: r.name, type: def.type, description: def.description || r.name, loadState: r.loadState, loadErrors: r.loadErrors,
      fragmentPath: def.fragmentPath, dropinPaths: def.dropinPaths,
      unitFileState: r.loadState === 'masked' ? 'masked' : def.fragmentPath === null ? '' : hasInstall ? '' : 'static',
      status: r.status, dependencies: this.table.deps.all(r.name), properties, documentation: def.documentation,
      job: this.engine.jobOf(r.name),
      conditions: null, asserts: null, needDaemonReload: false,
    };
  }
}

