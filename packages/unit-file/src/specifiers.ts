// '%' specifiers (systemd.unit(5), "Specifiers") for the system manager.
//
// specifiersFor() builds the table once per unit; expandSpecifiers() applies it to a value.
// Unit-name parts come in an escaped form (as written in the name) and an unescaped one, where
// "\xNN" is decoded and '-' becomes '/', e.g. for "systemd-fsck@dev-sda1.service": %i "dev-sda1",
// %I "dev/sda1", %f "/dev/sda1". Directories are the system manager's: runtime /run, state
// /var/lib, cache /var/cache, logs /var/log, config /etc. User specifiers are root's (the
// manager's own user). Host facts come from `host` when given, otherwise from the machine
// (os module, /etc/machine-id, /proc/sys/kernel/random/boot_id); an unknown fact is "".

import { readFileSync } from 'node:fs';
import { arch as osArch, hostname as osHostname, release as osRelease } from 'node:os';
import { ValueError } from './errors';
import { parseUnitName, type UnitName } from './names';

export interface HostFacts { hostname?: string; machineId?: string; bootId?: string; kernelRelease?: string; arch?: string }

/** Decode "\xNN" escapes and turn '-' into '/' (systemd's unit name unescaping). */
function unescapeUnitText(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})|-/g, (match, hex: string | undefined) =>
    hex === undefined ? '/' : String.fromCharCode(parseInt(hex, 16)));
}

/** Unescape as a path: a leading '/' added, "-" alone is "/". */
function unescapePath(text: string): string {
  if (text === '-' || text === '') return '/';
  const unescaped = unescapeUnitText(text);
  return unescaped.startsWith('/') ? unescaped : `/${unescaped}`;
}

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Node's arch names mapped to systemd's (what ConditionArchitecture= and %a use). */
const ARCHES: Readonly<Record<string, string>> = {
  x64: 'x86-64', ia32: 'x86', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64-le', s390x: 's390x',
  riscv64: 'riscv64', loong64: 'loongarch64', mips: 'mips', mipsel: 'mips-le',
};

/** The specifier table for `unit` (which must be a valid unit name; throws ValueError otherwise). */
export function specifiersFor(unit: string, fragmentPath: string | null, host: HostFacts = {}): Record<string, string> {
  let name: UnitName;
  try {
    name = parseUnitName(unit);
  } catch (error) {
    throw new ValueError(`cannot build specifiers for "${unit}": ${(error as Error).message}`);
  }
  const stem = name.full.slice(0, name.full.length - name.type.length - 1);
  const instance = name.instance ?? '';
  const dash = name.prefix.lastIndexOf('-');
  const lastComponent = dash < 0 ? name.prefix : name.prefix.slice(dash + 1);
  const hostname = host.hostname ?? osHostname();
  const table: Record<string, string> = {
    n: name.full,
    N: stem,
    p: name.prefix,
    P: unescapeUnitText(name.prefix),
    i: instance,
    I: unescapeUnitText(instance),
    j: lastComponent,
    J: unescapeUnitText(lastComponent),
    f: name.isInstance ? unescapePath(instance) : unescapePath(name.prefix),
    t: '/run',
    S: '/var/lib',
    C: '/var/cache',
    L: '/var/log',
    E: '/etc',
    T: '/tmp',
    V: '/var/tmp',
    // The credentials directory (LoadCredential=, SetCredential=): $CREDENTIALS_DIRECTORY.
    d: `/run/credentials/${name.full}`,
    h: '/root',
    s: '/bin/sh',
    u: 'root',
    U: '0',
    g: 'root',
    G: '0',
    H: hostname,
    l: hostname.split('.')[0] ?? hostname,
    m: host.machineId ?? readTrimmed('/etc/machine-id'),
    b: host.bootId ?? readTrimmed('/proc/sys/kernel/random/boot_id').replace(/-/g, ''),
    v: host.kernelRelease ?? osRelease(),
    a: host.arch ?? ARCHES[osArch()] ?? osArch(),
    '%': '%',
  };
  if (fragmentPath !== null) {
    table.y = fragmentPath;
    table.Y = fragmentPath.slice(0, Math.max(fragmentPath.lastIndexOf('/'), 1));
  }
  return table;
}

/** Replace every %X in `value` from `specifiers`; "%%" is '%'. An unknown specifier is a ValueError naming it. */
export function expandSpecifiers(value: string, specifiers: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const key = value[i + 1];
    if (key === undefined) throw new ValueError(`"${value}" ends in a lone '%': write "%%" for a literal percent sign`);
    if (key === '%') {
      out += '%';
    } else {
      const replacement = Object.hasOwn(specifiers, key) ? specifiers[key] : undefined;
      if (replacement === undefined) {
        throw new ValueError(`unknown specifier "%${key}" in "${value}": known are ${Object.keys(specifiers).map((k) => `%${k}`).join(' ')}`);
      }
      out += replacement;
    }
    i++;
  }
  return out;
}
