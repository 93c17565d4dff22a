// The closed sets of sysmaster-ts — active states, job types, job modes, kill targets, dependency
// kinds — defined once, as enums in the protos, and given here the spelling systemd prints
// ("try-restart", "ignore-dependencies"). Every package imports these instead of writing its own
// list: the proto is the one definition, these are its typed views, and the two conversions
// below are the only place where "_" (a proto identifier cannot hold "-") becomes "-".
import { ActiveState as WireActiveState, type ActiveState__Output } from './generated/sysmaster/v1/ActiveState';
import { DependencyKind as WireDependencyKind, type DependencyKind__Output } from './generated/sysmaster/v1/DependencyKind';
import { JobMode as WireJobMode, type JobMode__Output } from './generated/sysmaster/v1/JobMode';
import { JobType as WireJobType, type JobType__Output } from './generated/sysmaster/v1/JobType';
import { KillWhom as WireKillWhom, type KillWhom__Output } from './generated/sysmaster/v1/KillWhom';
import { SysmasterError } from '@sysmaster/errors';
import type { CleanWhat__Output } from './generated/sysmaster/v1/CleanWhat';

/** "ignore_dependencies" → "ignore-dependencies", as a type. */
type Kebab<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}-${Kebab<Tail>}` : S;

function kebab<S extends string>(value: S): Kebab<S> {
  return value.replaceAll('_', '-') as Kebab<S>;
}

function snake<S extends string>(value: Kebab<S>): S {
  return value.replaceAll('-', '_') as S;
}

/** A unit's generic state (common.proto ActiveState). */
export type ActiveState = ActiveState__Output;
export const ACTIVE_STATES: readonly ActiveState[] = Object.values(WireActiveState);
/** States in which a unit is up or coming up: a start job on it has nothing left to do or is under way. */
export const UP_STATES: ReadonlySet<ActiveState> = new Set<ActiveState>(['active', 'activating', 'reloading']);
/** States in which a unit is down: nothing of it runs. */
export const DOWN_STATES: ReadonlySet<ActiveState> = new Set<ActiveState>(['inactive', 'failed', 'maintenance']);
/** States in which something of the unit may still run (up, or on the way down). */
export const RUNNING_STATES: ReadonlySet<ActiveState> = new Set<ActiveState>(['active', 'activating', 'reloading', 'deactivating']);

export function isActiveState(value: unknown): value is ActiveState {
  return (ACTIVE_STATES as readonly unknown[]).includes(value);
}
/**
 * Whether `state` is one of `group` (UP_STATES, DOWN_STATES, RUNNING_STATES): the one test for
 * any string a status, a graph or a peer reports, so callers need not narrow it to ActiveState
 * first. A string outside the enum is in no group.
 */
export function inStates(state: string, group: ReadonlySet<ActiveState>): boolean {
  return (group as ReadonlySet<string>).has(state);
}

/** A job type as systemctl spells it (worker.proto JobType, without no_job). */
export type JobType = Kebab<Exclude<JobType__Output, 'no_job'>>;
export const JOB_TYPES: readonly JobType[] = Object.values(WireJobType)
  .filter((t): t is Exclude<JobType__Output, 'no_job'> => t !== 'no_job').map((t) => kebab(t));
export function isJobType(value: string): value is JobType {
  return (JOB_TYPES as readonly string[]).includes(value);
}
/**
 * A job type received on the wire; null for no_job and for a number outside the enum (a peer
 * built from a newer proto, or garbage), which callers refuse as INVALID_ARGUMENT.
 */
export function jobTypeFromWire(value: JobType__Output | number): JobType | null {
  if (typeof value !== 'string' || value === 'no_job') return null;
  const type = kebab(value);
  return isJobType(type) ? type : null;
}
export function jobTypeToWire(value: JobType): JobType__Output {
  return snake<JobType__Output>(value);
}
/**
 * Which job types start their unit, stated once: start, restart and reload-or-restart bring it up
 * whatever its state; try-restart restarts a unit that is up (active, activating, reloading) and
 * does nothing to one that is not; reload, verify-active and stop never start it.
 */
const STARTS_UNIT: Readonly<Record<JobType, 'always' | 'if-up' | 'never'>> = {
  start: 'always', restart: 'always', 'reload-or-restart': 'always', 'try-restart': 'if-up',
  reload: 'never', 'verify-active': 'never', stop: 'never',
};
/**
 * Whether a job of `type` starts its unit. Without `unitIsUp`: whether the type is a start at all
 * (what RefuseManualStart= and a user's start are about, and what a job that exists does); with
 * it, whether a request of the type starts the unit as it is now, so `startsUnit('try-restart',
 * false)` is false: a try-restart of a unit that is not up starts nothing.
 */
export function startsUnit(type: JobType, unitIsUp?: boolean): boolean {
  const when = STARTS_UNIT[type];
  return when === 'always' || (when === 'if-up' && unitIsUp !== false);
}

/** A job mode as systemctl spells it (worker.proto JobMode). */
export type JobMode = Kebab<JobMode__Output>;
export const JOB_MODES: readonly JobMode[] = Object.values(WireJobMode).map((m) => kebab(m));
export function isJobMode(value: string): value is JobMode {
  return (JOB_MODES as readonly string[]).includes(value);
}
/** A job mode received on the wire; null for a number outside the enum. */
export function jobModeFromWire(value: JobMode__Output | number): JobMode | null {
  if (typeof value !== 'string') return null;
  const mode = kebab(value);
  return isJobMode(mode) ? mode : null;
}
export function jobModeToWire(value: JobMode): JobMode__Output {
  return snake<JobMode__Output>(value);
}

/** Whom a kill signals (worker.proto KillWhom). */
export type KillWhom = KillWhom__Output;
export const KILL_WHOM: readonly KillWhom[] = Object.values(WireKillWhom);
export function isKillWhom(value: unknown): value is KillWhom {
  return (KILL_WHOM as readonly unknown[]).includes(value);
}

/** The highest signal number Linux has (SIGRTMAX). */
const MAX_SIGNAL = 64;
/**
 * A signal number received on the wire (Manager.KillUnits, UnitWorker.Kill): 1 to SIGRTMAX, or
 * ERR_INVALID_ARGUMENT. The one check both boundaries apply.
 */
export function signalFromWire(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SIGNAL) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `Invalid signal number ${String(value)}: a signal is a number from 1 to ${MAX_SIGNAL}.`);
  }
  return value;
}

/**
 * A CleanWhat that selects nothing (a fresh object each time, to be filled in): what a Clean
 * request without `what` means, and where sctl starts from --what=.
 */
export function cleanNothing(): CleanWhat__Output {
  return { runtime: false, state: false, cache: false, logs: false, configuration: false, fdstore: false };
}

/** A dependency kind a worker may imply (worker.proto DependencyKind, without NoDependency). */
export type DependencyKind = Exclude<DependencyKind__Output, 'NoDependency'>;
export const DEPENDENCY_KINDS: readonly DependencyKind[] = Object.values(WireDependencyKind).filter((k): k is DependencyKind => k !== 'NoDependency');
