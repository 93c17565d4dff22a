// The unit names the manager itself must know (systemd's src/basic/special.h): the boot goal,
// the shutdown targets, and the rule for what may be a default target. They live here, beside
// the name grammar, so that the core names no unit type: it asks this module for "the unit that
// shutdown of kind K starts" instead of spelling a suffix. Every other special unit
// (sysinit.target, basic.target, sockets.target, …) is named only by the workers, in the
// default dependencies they return from Load.
import { parseUnitName } from './names';

/** The unit boot starts; a symlink to the chosen target (set-default). */
export const SPECIAL_DEFAULT_TARGET = 'default.target';
/** The unit shutdown pulls in; every unit with default dependencies conflicts with it. */
export const SPECIAL_SHUTDOWN_TARGET = 'shutdown.target';
/** The type of the units boot and shutdown aim at (and of every default target). */
export const GOAL_UNIT_TYPE = 'target';
/**
 * The ways the manager can end, each started as its own goal unit: the four ends of the system
 * (by the final isolate), and exit (exit.target, started replace-irreversibly as systemd does).
 */
export type ShutdownGoal = 'poweroff' | 'reboot' | 'halt' | 'kexec' | 'exit';

/** The unit a shutdown of `kind` starts (poweroff → "poweroff.target", exit → "exit.target"). */
export function shutdownGoalUnit(kind: ShutdownGoal): string {
  return `${kind}.${GOAL_UNIT_TYPE}`;
}

/** The example set-default and the DefaultTarget= setting name in their messages. */
export const EXAMPLE_DEFAULT_TARGET = 'multi-user.target';

/**
 * Why `name` cannot be the default target (set-default, DefaultTarget=), or null when it can: it
 * must be a goal unit and not default.target itself. `name` is a valid unit name.
 */
export function defaultTargetProblem(name: string): string | null {
  if (parseUnitName(name).type !== GOAL_UNIT_TYPE) return `${name} is not a target unit: the default must be a .${GOAL_UNIT_TYPE}.`;
  if (name === SPECIAL_DEFAULT_TARGET) {
    return `${SPECIAL_DEFAULT_TARGET} cannot be its own default: name the target it should be, e.g. ${EXAMPLE_DEFAULT_TARGET}.`;
  }
  return null;
}

/**
 * systemd-escape --path --suffix=mount: the name of the mount unit for an absolute path
 * ("/" → "-.mount", "/var/lib" → "var-lib.mount"; bytes other than [A-Za-z0-9:_.] become \xNN).
 * RequiresMountsFor= needs it; the naming rule is systemd's, not the core's.
 */
export function mountUnitForPath(p: string): string {
  const trimmed = p.split('/').filter((s) => s !== '' && s !== '.').join('/');
  if (trimmed === '') return '-.mount';
  let out = '';
  const bytes = Buffer.from(trimmed, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const c = String.fromCharCode(bytes[i]!);
    if (c === '/') out += '-';
    else if (/[A-Za-z0-9:_]/.test(c) || (c === '.' && i > 0)) out += c;
    else out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
  }
  return `${out}.mount`;
}
