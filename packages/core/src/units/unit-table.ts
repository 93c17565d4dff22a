// The loaded units: one record per unit, loaded lazily the first time a name is referenced.
// Loading has two halves: the file half (unit-definition.ts, synchronous) and the worker half
// (LoadRequest to the worker owning the type, asynchronous), so a view of any unit is available
// at once while `load()` waits for the worker's verdict (its ConfigErrors, implied
// dependencies and properties). A unit that fails to load stays in the table with its load
// state and message; the rest of the system carries on.
import type { ConfigError__Output, DescribeResponse__Output, LoadRequest, LoadResponse__Output, UnitStatus__Output } from '@sysmaster/proto';
import { SysmasterError } from '@sysmaster/proto';
import { SPECIAL_DEFAULT_TARGET, UnitNameError, isUnitName, type Assignment } from '@sysmaster/unit-file';
import type { LoadState } from '../manager-core';
import type { Logger } from '../log';
import { DependencyIndex } from './dependency-index';
import { readUnitDefinition, formatConfigError, type UnitDefinition } from './unit-definition';
import { workerEdges } from './worker-dependencies';

/** What the table needs from the workers (implemented by the worker pool, faked in tests). */
export interface WorkerLoadPort {
  /** Resolves once the worker of `type` is ready (its owned sections) or known to be unusable. */
  worker(type: string): Promise<{ sections: string[] } | { error: string }>;
  load(type: string, request: LoadRequest): Promise<LoadResponse__Output>;
  /** What the worker of `type` declared (null until it answered Describe). */
  describe(type: string): DescribeResponse__Output | null;
}

export interface UnitRecord {
  /** The unit's real name. */
  readonly name: string;
  def: UnitDefinition;
  loadState: LoadState;
  loadMessage: string;
  loadErrors: ConfigError__Output[];
  properties: Record<string, string>;
  /** Dependencies the worker implied, defaults included (kept apart so a re-Load can replace them). */
  implied: Array<{ kind: string; unit: string }>;
  /** The worker's LoadResponse.warnings, as "file:line: key: message" sentences. */
  loadWarnings: string[];
  /** The worker's LoadResponse.can_reload (systemd's CanReload=) of the latest load. */
  canReload: boolean;
  status: UnitStatus__Output;
  /** Settles when the worker half of the latest load is done. */
  loading: Promise<void>;
}

/** The status of a unit no worker has reported on: inactive (dead). */
export function inactiveStatus(name: string): UnitStatus__Output {
  return {
    name, active_state: 'inactive', sub_state: 'dead', result: 'success', main_pid: 0, control_pid: 0, exit_code: '',
    exit_status: 0, inactive_exit_usec: 0, active_enter_usec: 0, active_exit_usec: 0, inactive_enter_usec: 0,
    state_change_usec: 0, cgroup: '', status_text: '', restarts: 0, log_path: '', spontaneous: false,
    accounting: false, tasks_current: 0, memory_current: 0, cpu_usage_nsec: 0, notices: [], status_errno: 0,
    invocation_id: '', exec_main_pid: 0, active_enter_monotonic_usec: 0, inactive_exit_monotonic_usec: 0, runtime_properties: {},
    type_condition: null,
  };
}

/** The dependencies a transaction over a unit may follow, loaded before it is built. */
const CLOSURE_KINDS = [
  'Requires', 'Requisite', 'Wants', 'BindsTo', 'Upholds', 'Conflicts', 'ConflictedBy', 'After', 'Before', 'PropagatesReloadTo',
  'RequiresMountsFor', 'OnFailure', 'OnSuccess',
];

export interface UnitTableOptions {
  searchPath: string[];
  workers: WorkerLoadPort;
  log: Logger;
  /** Extra unit_settings handed to every worker (the system.conf defaults). */
  defaults?: Record<string, string>;
  /** Overrides what default.target resolves to. */
  defaultTarget?: string | null;
}

export class UnitTable {
  readonly deps = new DependencyIndex();
  private readonly records = new Map<string, UnitRecord>();
  private readonly aliases = new Map<string, string>();
  private searchPath: string[];

  constructor(private readonly options: UnitTableOptions) {
    this.searchPath = options.searchPath;
  }

  /** The search path the units were last read from. */
  currentSearchPath(): string[] {
    return this.searchPath;
  }

  /** The record of a loaded unit (by name or alias), without loading. */
  find(name: string): UnitRecord | undefined {
    return this.records.get(this.aliases.get(name) ?? name);
  }

  all(): UnitRecord[] {
    return [...this.records.values()];
  }

  /**
   * The record of `name`, reading it from disk on first use (the worker half continues in the
   * background; await `load()` for it). Throws ERR_BAD_UNIT_NAME for a malformed name.
   */
  ensure(name: string): UnitRecord {
    if (name === SPECIAL_DEFAULT_TARGET && this.options.defaultTarget) name = this.options.defaultTarget;
    const known = this.find(name);
    if (known) return known;
    let def: UnitDefinition;
    try {
      def = readUnitDefinition(name, this.searchPath);
    } catch (error) {
      if (error instanceof UnitNameError) throw new SysmasterError('ERR_BAD_UNIT_NAME', `Invalid unit name "${name}": ${error.message}`);
      throw error;
    }
    const existing = this.records.get(def.id);
    if (existing) {
      this.noteAlias(name, def.id);
      return existing;
    }
    const record: UnitRecord = {
      name: def.id, def, loadState: def.loadState, loadMessage: def.loadMessage, loadErrors: [...def.loadErrors],
      properties: {}, implied: [], loadWarnings: [], canReload: false, status: inactiveStatus(def.id), loading: Promise.resolve(),
    };
    this.records.set(def.id, record);
    if (name !== def.id) this.noteAlias(name, def.id);
    for (const alias of def.aliases) this.noteAlias(alias, def.id);
    this.indexDefinition(record);
    for (const warning of def.warnings) this.options.log.warn(`${def.id}: ${warning}`, { unit: def.id });
    if (record.loadState !== 'loaded' && record.loadState !== 'not-found') {
      this.options.log.warn(record.loadMessage, { unit: def.id, loadState: record.loadState });
    }
    record.loading = this.loadInWorker(record);
    return record;
  }

  /**
   * Drops the record of a unit that is inactive (not failed: CollectMode=inactive keeps a
   * failure until reset-failed) and named by no other unit's dependencies — what a mere lookup
   * (`sctl status NAME`) loaded, so that it is not listed afterwards, as systemd collects it.
   * Returns whether it was dropped; a later reference loads it again from disk.
   */
  forgetIfUnreferenced(name: string): boolean {
    const record = this.find(name);
    if (!record || record.status.active_state !== 'inactive' || this.referencedByOthers(record)) return false;
    this.records.delete(record.name);
    for (const [alias, id] of this.aliases) if (id === record.name) this.aliases.delete(alias);
    return true;
  }

  /** Whether another unit's dependencies name the record's unit (an edge it did not declare itself). */
  private referencedByOthers(record: UnitRecord): boolean {
    const own = new Set<string>();
    for (const [kind, set] of record.def.dependencies) for (const other of set) own.add(`${kind} ${this.resolve(other)}`);
    for (const d of record.implied) own.add(`${d.kind} ${this.resolve(d.unit)}`);
    const pulled = new Set([...this.deps.get(record.name, 'Requires'), ...this.deps.get(record.name, 'Wants')]);
    for (const [kind, others] of Object.entries(this.deps.all(record.name))) {
      for (const other of others) {
        // After= on what it pulls in is its own (order_after_wanted, applyOrderingRules).
        if (!own.has(`${kind} ${other}`) && !(kind === 'After' && pulled.has(other))) return true;
      }
    }
    return false;
  }

  /** The record of `name` once both halves of loading are done. */
  async load(name: string): Promise<UnitRecord> {
    const record = this.ensure(name);
    await record.loading;
    return record;
  }

  /**
   * Loads `names` and, recursively, every unit they pull in or are ordered against (Requires,
   * Wants, Conflicts, After, Before), so a transaction over them sees a complete graph.
   */
  async loadClosure(names: string[]): Promise<void> {
    const seen = new Set<string>();
    let frontier = names;
    while (frontier.length > 0) {
      const records = await Promise.all(frontier.filter((n) => !seen.has(n)).map((n) => {
        seen.add(n);
        return this.load(n);
      }));
      const next: string[] = [];
      for (const record of records) {
        seen.add(record.name);
        if (record.loadState !== 'loaded') continue;
        for (const kind of CLOSURE_KINDS) {
          for (const other of this.deps.get(record.name, kind)) if (!seen.has(other)) next.push(other);
        }
      }
      frontier = [...new Set(next)];
    }
  }

  /** Re-Loads every loaded unit of `type` in its (new) worker. */
  async reloadType(type: string): Promise<void> {
    const records = this.all().filter((r) => r.def.type === type && r.def.loadState === 'loaded');
    await Promise.all(records.map((r) => (r.loading = this.loadInWorker(r))));
  }

  /** daemon-reload: re-reads every unit from disk and re-Loads it; statuses are kept. */
  async reloadAll(searchPath: string[]): Promise<void> {
    this.searchPath = searchPath;
    this.deps.clear();
    for (const record of this.records.values()) {
      let def: UnitDefinition;
      try {
        def = readUnitDefinition(record.name, searchPath);
      } catch (error) {
        this.options.log.error(`${record.name}: cannot re-read: ${(error as Error).message}`);
        continue;
      }
      record.def = def;
      record.loadState = def.loadState;
      record.loadMessage = def.loadMessage;
      record.loadErrors = [...def.loadErrors];
      record.implied = [];
      record.loadWarnings = [];
      record.canReload = false;
      record.properties = {};
    }
    for (const record of this.records.values()) this.indexDefinition(record);
    await Promise.all(this.all().map((r) => (r.loading = this.loadInWorker(r))));
  }

  private noteAlias(alias: string, id: string): void {
    if (alias === id) return;
    this.aliases.set(alias, id);
    this.deps.mergeAlias(alias, id);
  }

  private resolve(name: string): string {
    return this.aliases.get(name) ?? name;
  }

  private indexDefinition(record: UnitRecord): void {
    for (const [kind, set] of record.def.dependencies) for (const other of set) this.deps.add(record.name, kind, this.resolve(other));
    this.applyOrderingRules(record);
  }

  /**
   * Describe.dependency_rules.order_after_wanted (systemd's rule for targets): a unit of such a
   * type with DefaultDependencies=yes is ordered After= every unit it Requires or Wants that has
   * DefaultDependencies=yes too, unless it is explicitly ordered Before= it (no loop is ever
   * created). Applied from both ends, since either unit may load first, and again once a
   * worker's Describe is known.
   */
  private applyOrderingRules(record: UnitRecord): void {
    const ordersAfterWanted = (r: UnitRecord | undefined): r is UnitRecord =>
      r !== undefined && r.def.defaultDependencies && r.loadState === 'loaded'
      && (this.options.workers.describe(r.def.type)?.dependency_rules?.order_after_wanted ?? false);
    const orderAfter = (puller: UnitRecord, other: UnitRecord): void => {
      if (!other.def.defaultDependencies || other.loadState !== 'loaded') return;
      if (this.deps.has(puller.name, 'Before', other.name)) return;
      this.deps.add(puller.name, 'After', other.name);
    };
    const pulled = (name: string): string[] => [...this.deps.get(name, 'Requires'), ...this.deps.get(name, 'Wants')];
    if (ordersAfterWanted(record)) {
      for (const other of pulled(record.name)) {
        const o = this.find(other);
        if (o) orderAfter(record, o);
      }
    }
    for (const by of [...this.deps.get(record.name, 'RequiredBy'), ...this.deps.get(record.name, 'WantedBy')]) {
      const puller = this.find(by);
      if (ordersAfterWanted(puller)) orderAfter(puller, record);
    }
  }

  /** The worker half of loading: hands the type's sections to its worker. Never rejects. */
  private async loadInWorker(record: UnitRecord): Promise<void> {
    if (record.def.loadState !== 'loaded') return;
    const { def } = record;
    const fail = (state: LoadState, message: string, errors: ConfigError__Output[] = []): void => {
      record.loadState = state;
      record.loadMessage = message;
      record.loadErrors = [...def.loadErrors, ...errors];
      this.options.log.warn(message, { unit: record.name, loadState: state });
    };
    try {
      const worker = await this.options.workers.worker(def.type);
      if ('error' in worker) {
        fail('error', `Unit ${record.name} cannot be loaded: ${worker.error}`);
        return;
      }
      const owned = new Set(worker.sections);
      const sections: Array<{ name: string; file: string; line: number; entries: Array<Pick<Assignment, 'key' | 'value' | 'file' | 'line'>> }> = [];
      for (const [name, entries] of def.typeSections) {
        if (!owned.has(name)) {
          const where = entries[0] ? `${entries[0].file}:${entries[0].line}: ` : '';
          this.options.log.warn(`${record.name}: ${where}section [${name}] is not owned by the ${def.type} worker; ignored`, { unit: record.name });
          continue;
        }
        const header = def.typeSectionHeaders.get(name) ?? { file: entries[0]?.file ?? '', line: 0 };
        sections.push({ name, ...header, entries: entries.map((e) => ({ key: e.key, value: e.value, file: e.file, line: e.line })) });
      }
      const response = await this.options.workers.load(def.type, {
        name: record.name, fragment_path: def.fragmentPath ?? '', dropin_paths: def.dropinPaths, sections,
        specifiers: def.specifiers, unit_settings: { ...this.options.defaults, ...def.unitSettings },
      });
      record.properties = { ...response.properties };
      const { edges, warnings } = workerEdges(def, def.type, response, isUnitName);
      for (const w of warnings) this.options.log.warn(w, { unit: record.name, worker: def.type });
      record.implied = edges;
      for (const d of edges) this.deps.add(record.name, d.kind, this.resolve(d.unit));
      record.loadWarnings = response.warnings.map(formatConfigError);
      for (const w of record.loadWarnings) this.options.log.warn(`${record.name}: ${w}`, { unit: record.name });
      record.canReload = response.can_reload;
      if (response.errors.length > 0) {
        fail('bad-setting', `Unit ${record.name} has a bad setting: ${formatConfigError(response.errors[0]!)}`, response.errors);
        return;
      }
      record.loadState = 'loaded';
      record.loadMessage = '';
      record.loadErrors = [];
      this.applyOrderingRules(record);
    } catch (error) {
      fail('error', `Unit ${record.name} cannot be loaded: the ${def.type} worker failed: ${(error as Error).message}`);
    }
  }
}
