// Unit names (systemd.unit(5)): "prefix[@instance].type". The prefix is one or more of
// [A-Za-z0-9:_.\-] and "\xNN" escapes (plain characters here); a template has an empty instance
// ("getty@.service"), an instance a non-empty one ("getty@tty1.service"). The type is the text
// after the last dot. At most 255 characters.

import { UnitNameError } from './errors';

/** A unit name taken apart. `instance` is null for plain names and for templates. */
export interface UnitName {
  full: string;
  prefix: string;
  instance: string | null;
  type: string;
  isTemplate: boolean;
  isInstance: boolean;
}

const MAX_LENGTH = 255;
const PREFIX_CHARS = /^[A-Za-z0-9:_.\\-]+$/;
const INSTANCE_CHARS = /^[A-Za-z0-9:_.\\@-]+$/;
const TYPE_CHARS = /^[a-z][a-z0-9_-]*$/;

/**
 * systemd's fixed list of unit types: suffixes normalizeUnitName() always recognises ("sshd"
 * gets ".service", "multi-user.target" stays). A caller that knows more types (the core, from
 * its registered workers) passes them in NormalizeOptions.types.
 */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'service', 'socket', 'target', 'timer', 'mount', 'automount', 'swap', 'path', 'slice', 'scope', 'device',
]);

/** Parse and validate a unit name; throws UnitNameError saying why it is not one. */
export function parseUnitName(name: string): UnitName {
  if (name === '') throw new UnitNameError('empty unit name');
  if (name.length > MAX_LENGTH) throw new UnitNameError(`unit name "${name.slice(0, 40)}…" is longer than ${MAX_LENGTH} characters`);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) throw new UnitNameError(`"${name}" is not a unit name: expected NAME.TYPE, e.g. "${name || 'foo'}.service"`);
  const type = name.slice(dot + 1);
  if (!TYPE_CHARS.test(type)) throw new UnitNameError(`"${name}" has an invalid unit type "${type}": expected lower-case letters, digits, '-' or '_'`);
  const stem = name.slice(0, dot);
  const at = stem.indexOf('@');
  const prefix = at < 0 ? stem : stem.slice(0, at);
  if (prefix === '') throw new UnitNameError(`"${name}" has an empty name before the type or '@'`);
  if (!PREFIX_CHARS.test(prefix)) throw new UnitNameError(`"${name}" contains characters not allowed in a unit name: only letters, digits and ":_.\\-" are`);
  if (at < 0) return { full: name, prefix, instance: null, type, isTemplate: false, isInstance: false };
  const instance = stem.slice(at + 1);
  if (instance === '') return { full: name, prefix, instance: null, type, isTemplate: true, isInstance: false };
  if (!INSTANCE_CHARS.test(instance)) throw new UnitNameError(`"${name}" has an instance with characters not allowed in a unit name: only letters, digits and ":_.\\-@" are`);
  return { full: name, prefix, instance, type, isTemplate: false, isInstance: true };
}

export interface NormalizeOptions {
  /** The suffix given to a name without one (default "service"). */
  defaultType?: string;
  /**
   * The unit types that exist besides systemd's fixed list (the core's registered workers): a
   * name ending in one of them is taken as typed ("demo.flag"). A suffix that is neither is part
   * of the name and gets the default type ("org.cups.cupsd" → "org.cups.cupsd.service"), as
   * systemd's unit_name_mangle() does for a suffix that is no unit type.
   */
  types?: ReadonlySet<string>;
}

/**
 * Turn what a user typed into a unit name: trims it, appends ".<defaultType>" (see
 * NormalizeOptions for when) and validates the result. A string as the second argument is the
 * default type (the older form).
 */
export function normalizeUnitName(input: string, options: NormalizeOptions | string = {}): string {
  const { defaultType = 'service', types } = typeof options === 'string' ? { defaultType: options } : options;
  const trimmed = input.trim();
  if (trimmed === '') throw new UnitNameError('empty unit name');
  const dot = trimmed.lastIndexOf('.');
  const suffix = dot > 0 ? trimmed.slice(dot + 1) : '';
  const typed = KNOWN_TYPES.has(suffix) || suffix === defaultType || (types?.has(suffix) ?? false);
  const name = typed ? trimmed : `${trimmed}.${defaultType}`;
  parseUnitName(name);
  return name;
}

/** The template an instance is made from ("getty@tty1.service" → "getty@.service"), else null. */
export function templateOf(name: string): string | null {
  let parsed: UnitName;
  try {
    parsed = parseUnitName(name);
  } catch {
    return null;
  }
  return parsed.isInstance ? `${parsed.prefix}@.${parsed.type}` : null;
}

/** The instance of `template` named `instance` ("getty@.service", "tty1" → "getty@tty1.service"). */
export function instantiate(template: string, instance: string): string {
  const dot = template.lastIndexOf('.');
  return `${template.slice(0, dot - 1)}@${instance}${template.slice(dot)}`;
}

/** True when `name` is a valid unit name (no throw). */
export function isUnitName(name: string): boolean {
  try {
    parseUnitName(name);
    return true;
  } catch {
    return false;
  }
}
