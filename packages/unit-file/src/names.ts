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
 * Types that normalizeUnitName() recognises as already present on a name typed without thinking
 * of suffixes ("sshd" gets ".service", "multi-user.target" stays). systemd's list; a third-party
 * type not in it must be typed with its suffix and the default type explicitly different, or
 * parsed with parseUnitName().
 */
const KNOWN_TYPES = new Set([
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

/**
 * Turn what a user typed into a unit name: trims it, appends ".<defaultType>" (default "service")
 * unless it already ends in a known unit type or the default type, and validates the result.
 */
export function normalizeUnitName(input: string, defaultType = 'service'): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new UnitNameError('empty unit name');
  const dot = trimmed.lastIndexOf('.');
  const suffix = dot > 0 ? trimmed.slice(dot + 1) : '';
  const name = KNOWN_TYPES.has(suffix) || suffix === defaultType ? trimmed : `${trimmed}.${defaultType}`;
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
