// The target unit type: a synchronisation point with no processes and no section of its own.
// Start makes a target active at once and Stop makes it inactive at once; the ordering and
// requirement logic that gives targets their meaning lives in the core's job engine. The states
// are persisted like every worker's, so a restarted worker reports the same targets as active.
import path from 'node:path';
import {
  SysmasterError, runtimePaths, type ImpliedDependency, type LoadRequest__Output, type LoadResponse, type UnitStatus,
} from '@sysmaster/proto';
import {
  DurableJsonRecords, defineStateMachine,
  type ActiveStateMap, type Logger, type UnitTypeWorker, type WorkerHost,
} from '@sysmaster/worker-kit';

export type TargetState = 'dead' | 'active';

const SHUTDOWN_TARGET = 'shutdown.target';

/**
 * systemd.target(5), "Default Dependencies": Conflicts= and Before= shutdown.target (not for
 * shutdown.target itself), added by the core unless DefaultDependencies=no. The After= on what a
 * target Wants=/Requires= involves the other unit too: it is Describe's order_after_wanted rule.
 */
function targetDefaultDependencies(name: string): ImpliedDependency[] {
  if (name === SHUTDOWN_TARGET) return [];
  return [{ kind: 'Conflicts', unit: SHUTDOWN_TARGET }, { kind: 'Before', unit: SHUTDOWN_TARGET }];
}
type TargetEvent = 'start' | 'stop' | 'reset-failed';

const ACTIVE_STATE: ActiveStateMap<TargetState> = { dead: 'inactive', active: 'active' };

interface TargetRuntime {
  sub: TargetState;
  activeEnter: number;
  activeExit: number;
  inactiveEnter: number;
  inactiveExit: number;
  stateChange: number;
}

/** Microseconds since the epoch, realtime (common.proto's timestamp unit). */
export type Clock = () => number;
const realtimeUsec: Clock = () => Date.now() * 1000;

function fresh(): TargetRuntime {
  return { sub: 'dead', activeEnter: 0, activeExit: 0, inactiveEnter: 0, inactiveExit: 0, stateChange: 0 };
}

export interface TargetUnitsOptions {
  host: WorkerHost;
  /** The folder of per-unit state records; default runtimePaths().stateDir/worker-target. */
  stateDir?: string;
  clock?: Clock;
}

/** Every target unit the worker holds. */
export class TargetUnits implements UnitTypeWorker {
  private readonly units = new Map<string, TargetRuntime>();
  private readonly host: WorkerHost;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly machine;
  private readonly store: DurableJsonRecords;

  constructor(options: TargetUnitsOptions) {
    this.host = options.host;
    this.log = options.host.log;
    this.clock = options.clock ?? realtimeUsec;
    this.machine = defineStateMachine<TargetState, TargetEvent>({
      dead: { start: 'active', 'reset-failed': 'dead' },
      active: { stop: 'dead' },
    }, { log: this.log, name: 'target' });
    const dir = options.stateDir ?? path.join(runtimePaths().stateDir, 'worker-target');
    this.store = new DurableJsonRecords(dir, (name) => this.units.get(name),
      (error) => this.log.error(`state in ${dir}: ${(error as Error).message}`));
    this.restore();
  }

  private restore(): void {
    for (const [name, value] of this.store.readAll()) {
      const saved = value as Partial<TargetRuntime> | undefined;
      if (saved?.sub !== 'dead' && saved?.sub !== 'active') continue;
      this.units.set(name, { ...fresh(), ...saved });
    }
    this.log.info(`restored ${this.units.size} target(s) from ${this.store.dir}`);
  }

  load(request: LoadRequest__Output): LoadResponse {
    const warnings: LoadResponse['warnings'] = [];
    for (const section of request.sections) {
      for (const entry of section.entries) {
        const message = `targets have no section [${section.name}]; '${entry.key}' ignored`;
        this.log.warn(`${entry.file}:${entry.line}: ${message}`, { unit: request.name });
        warnings.push({ file: entry.file, line: entry.line, section: section.name, key: entry.key, message });
      }
    }
    if (!this.units.has(request.name)) {
      this.units.set(request.name, fresh());
      this.store.markDirty(request.name);
    }
    return {
      errors: [], warnings, dependencies: [], default_dependencies: targetDefaultDependencies(request.name),
      can_reload: false, properties: {},
    };
  }

  unload(name: string): void {
    const unit = this.get(name);
    if (unit.sub !== 'dead') throw new SysmasterError('ERR_WRONG_STATE', `${name} is active; stop it before unloading`);
    this.units.delete(name);
    this.store.markDirty(name);
  }

  start(name: string): void {
    const unit = this.get(name);
    if (unit.sub === 'active') { this.host.emit(this.status(name)); return; }
    this.move(name, unit, 'start', 'start requested');
  }

  stop(name: string): void {
    const unit = this.get(name);
    if (unit.sub === 'dead') { this.host.emit(this.status(name)); return; }
    this.move(name, unit, 'stop', 'stop requested');
  }

  resetFailed(name: string): void {
    // A target never fails; there is nothing to reset, but the unit must exist.
    this.get(name);
  }

  status(name: string): UnitStatus {
    const unit = this.get(name);
    return {
      name,
      active_state: ACTIVE_STATE[unit.sub],
      sub_state: unit.sub,
      result: 'success',
      main_pid: 0,
      control_pid: 0,
      exit_code: '',
      exit_status: 0,
      inactive_exit_usec: unit.inactiveExit,
      active_enter_usec: unit.activeEnter,
      active_exit_usec: unit.activeExit,
      inactive_enter_usec: unit.inactiveEnter,
      state_change_usec: unit.stateChange,
      cgroup: '',
      status_text: '',
      restarts: 0,
      log_path: '',
      spontaneous: false,
    };
  }

  list(): UnitStatus[] {
    return [...this.units.keys()].sort().map((name) => this.status(name));
  }

  shutdown(): void {
    this.store.flush();
  }

  private get(name: string): TargetRuntime {
    const unit = this.units.get(name);
    if (!unit) throw new SysmasterError('ERR_UNIT_NOT_FOUND', `unit ${name} is not loaded by the target worker`);
    return unit;
  }

  private move(name: string, unit: TargetRuntime, event: TargetEvent, reason: string): void {
    const to = this.machine.transition(unit.sub, event, reason, name);
    const now = this.clock();
    if (to === 'active') { unit.inactiveExit = now; unit.activeEnter = now; }
    else { unit.activeExit = now; unit.inactiveEnter = now; }
    unit.sub = to;
    unit.stateChange = now;
    this.store.markDirty(name);
    this.host.emit(this.status(name));
  }
}
