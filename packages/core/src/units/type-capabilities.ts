// What each unit type can do, as its worker declared it in Describe (worker.proto Capabilities),
// turned into the core's decisions: a request a type cannot serve is refused up front with a
// sentence naming the unit, never sent to the worker to fail there. The core learns types only
// from here; it never names one.
//
// once_only (systemd's UnitVTable.once_only): a unit of such a type that has been active once
// this boot refuses another start. The record is kept in memory: a new core after a crash
// learns it again from the first status of each unit that is still active.
import { SysmasterError, type Capabilities__Output, type DescribeResponse__Output, type UnitStatus__Output } from '@sysmaster/proto';
import type { UnitRecord } from './unit-table';

const NONE: Capabilities__Output = { can_reload: false, can_kill: false, can_reexec: false, once_only: false, has_processes: false, has_logs: false };

/** The few facts about a unit the checks need. */
export interface CapabilityUnit { name: string; type: string; canReload: boolean }

/** A unit record as the checks see it: its name, its type and whether its worker said it can reload. */
export function capabilityUnit(record: UnitRecord): CapabilityUnit {
  return { name: record.name, type: record.def.type, canReload: record.canReload };
}

export class TypeCapabilities {
  private readonly activeOnce = new Set<string>();

  constructor(private readonly describe: (type: string) => DescribeResponse__Output | null) {}

  /** The declared capabilities of `type`; all false while its worker has not answered Describe. */
  of(type: string): Capabilities__Output {
    return this.describe(type)?.capabilities ?? NONE;
  }

  /** Reload can work for this unit: its type can reload and its worker said so at Load. */
  canReload(unit: CapabilityUnit): boolean {
    return this.of(unit.type).can_reload && unit.canReload;
  }

  /** systemd's refusal of a reload job for a unit that cannot reload. */
  refuseReload(unit: CapabilityUnit): void {
    if (this.canReload(unit)) return;
    const why = this.of(unit.type).can_reload
      ? `${unit.name} has no way to reload (e.g. no ExecReload=)`
      : `the ${unit.type} worker does not support Reload (capability can_reload is false)`;
    throw new SysmasterError('ERR_UNIMPLEMENTED', `Job type reload is not applicable for unit ${unit.name}.`, { hint: `${why}; use restart instead.` });
  }

  refuseKill(unit: CapabilityUnit): void {
    if (this.of(unit.type).can_kill) return;
    throw new SysmasterError('ERR_UNIMPLEMENTED', `Unit ${unit.name} cannot be killed: units of type ${unit.type} have no processes to signal (capability can_kill is false).`);
  }

  /** Units of the type run processes: only then are live counters and the process tree asked for. */
  hasProcesses(type: string): boolean {
    return this.of(type).has_processes;
  }

  refuseLogs(unit: Pick<CapabilityUnit, 'name' | 'type'>): void {
    if (this.of(unit.type).has_logs) return;
    throw new SysmasterError('ERR_UNIMPLEMENTED', `Units of type ${unit.type} have no log (${unit.name}).`, { hint: `The ${unit.type} worker does not declare capability has_logs.` });
  }

  /** Follows each status: a unit of a once_only type that became active is remembered. */
  noteStatus(type: string, status: UnitStatus__Output): void {
    if (status.active_state === 'active' && this.of(type).once_only) this.activeOnce.add(status.name);
  }

  /** The sentence refusing a second start of a once_only unit, or null when it may start. */
  onceOnlyRefusal(unit: Pick<CapabilityUnit, 'name' | 'type'>): string | null {
    if (!this.activeOnce.has(unit.name) || !this.of(unit.type).once_only) return null;
    return `Unit ${unit.name} was already started once this boot: units of type ${unit.type} may only be started once (capability once_only).`;
  }
}
