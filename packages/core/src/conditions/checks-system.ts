// The machine, kernel and identity checks of systemd.unit(5): Architecture, Virtualization,
// Host, KernelCommandLine, KernelVersion, Security, Capability, ACPower, NeedsUpdate, FirstBoot,
// User, Group, Environment. Each entry validates its parameter at load time and tests it with
// systemd's meaning; where systemd asks the kernel something Node cannot (CPUID, an audit netlink
// socket), the nearest file the kernel exposes stands in, and the comment says so.
//
// As in systemd, load time refuses no name: an architecture, virtualization technology,
// security framework, user or group this manager does not know makes the test false with a
// warning, an unknown capability or an unparsable KernelVersion expression or boolean makes the
// result undeterminable (the check fails, negated or not) — check.ts has the two ways.

import { parseBoolean } from '@sysmaster/unit-file';
import type { CheckKind, UnknownName } from './check';
import { nonEmpty, unknownName } from './check';
import { isOnReadOnlyMount } from './checks-path';
import { fnmatch, parseOrder, splitCommandLine, testOrder, type Order } from './match';
import {
  ARCHITECTURES, CONTAINER_IDS, SECURITY_FRAMEWORKS, VM_IDS, architectureOfMachine,
  architectureOfNode, capabilityNumber,
} from './tables';
import type { ConditionEnv } from './types';
import { detectVirtualization, inUserNamespace } from './virtualization';

/** Highest uid/gid of a system user or group (Debian's SYS_UID_MAX / SYS_GID_MAX). */
const SYSTEM_ID_MAX = 999;

/**
 * A boolean check: passes when the machine fact equals the boolean written. A parameter that is
 * no boolean cannot be tested (systemd: parse_boolean's error is the result), so it fails.
 */
function booleanCheck(fact: (env: ConditionEnv) => boolean): CheckKind {
  return { parse: nonEmpty('a boolean'), test: (value, env) => fact(env) === parseBoolean(value) };
}

function testArchitecture(value: string, env: ConditionEnv): boolean | UnknownName {
  if (value !== 'native' && !ARCHITECTURES.has(value)) {
    return unknownName(`unknown architecture "${value}" (known: native, ${[...ARCHITECTURES].join(', ')})`);
  }
  const running = architectureOfMachine(env.machine(), env.endianness());
  if (running === null) throw new Error(`unknown machine type "${env.machine()}"`);
  const wanted = value === 'native' ? architectureOfNode(env.nativeArch(), env.endianness()) : value;
  return running === wanted;
}

/** A boolean, or null when the text is none of parseBoolean's spellings. */
function booleanOrNull(value: string): boolean | null {
  try {
    return parseBoolean(value);
  } catch {
    return null;
  }
}

function testVirtualization(value: string, env: ConditionEnv): boolean | UnknownName {
  if (value === 'private-users') return inUserNamespace(env);
  const wanted = booleanOrNull(value);
  if (wanted === null && value !== 'vm' && value !== 'container' && !VM_IDS.has(value) && !CONTAINER_IDS.has(value)) {
    return unknownName(`unknown virtualization "${value}" (known: a boolean, vm, container, private-users, ` +
      `${[...VM_IDS, ...CONTAINER_IDS].join(', ')})`);
  }
  const detected = detectVirtualization(env);
  if (wanted !== null) return (detected.kind !== 'none') === wanted;
  if (value === 'vm' || value === 'container') return detected.kind === value;
  return detected.id === value;
}

/** A 128-bit id as systemd writes it: 32 hex digits, or the same as a dashed UUID. */
function asId128(text: string): string | null {
  const plain = /^[0-9a-f]{32}$/i.test(text) ? text : null;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text.replace(/-/g, '') : null;
  return (plain ?? uuid)?.toLowerCase() ?? null;
}

function testHost(value: string, env: ConditionEnv): boolean {
  const id = asId128(value);
  if (id !== null) return asId128((env.readFile('/etc/machine-id') ?? '').trim()) === id;
  return fnmatch(value, env.hostname(), true);
}

function testKernelCommandLine(value: string, env: ConditionEnv): boolean {
  const line = env.readFile('/proc/cmdline');
  if (line === null) throw new Error('/proc/cmdline is not readable');
  const exact = value.includes('=');
  return splitCommandLine(line).some((word) => exact ? word === value : word === value || word.startsWith(`${value}=`));
}

interface VersionExpression { order: Order | null; operand: string }

/**
 * The space-separated expressions of ConditionKernelVersion=: "OP VERSION" (the first one may
 * put a space after the operator) or a bare fnmatch pattern. All must hold.
 */
function kernelVersionExpressions(value: string): VersionExpression[] {
  const words = splitCommandLine(value);
  if (words.length === 0) throw new Error('no version comparison such as ">=5.10" or glob such as "6.*"');
  const out: VersionExpression[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] ?? '').trim();
    const parsed = parseOrder(word);
    if (parsed === null) {
      out.push({ order: null, operand: word });
      continue;
    }
    let operand = parsed.rest;
    if (operand === '' && i === 0 && words.length > 1) operand = words[++i] ?? '';
    if (operand === '') {
      throw new Error(`unexpected end of expression after "${parsed.order}": expected a version, as in "${parsed.order}5.10"`);
    }
    out.push({ order: parsed.order, operand });
  }
  return out;
}

function testKernelVersion(value: string, env: ConditionEnv): boolean {
  const release = env.kernelRelease();
  return kernelVersionExpressions(value).every(({ order, operand }) =>
    order === null ? fnmatch(operand, release) : testOrder(release, order, operand));
}

const EFI_GLOBAL = '8be4df61-93ca-11d2-aa0d-00e098032b8c';
const EFI_LOADER = '4a67b082-0a4c-41cf-b6c7-440b29bb8c4f';

function cpuFlags(env: ConditionEnv): string[] {
  const match = /^flags\s*:(.*)$/m.exec(env.readFile('/proc/cpuinfo') ?? '');
  return (match?.[1] ?? '').trim().split(/\s+/);
}

const SECURITY_TESTS: Readonly<Record<string, (env: ConditionEnv) => boolean>> = {
  selinux: (env) => env.stat('/sys/fs/selinux/enforce') !== null,
  apparmor: (env) => (env.readFile('/sys/module/apparmor/parameters/enabled') ?? '').startsWith('Y'),
  tomoyo: (env) => env.stat('/sys/kernel/security/tomoyo/version') !== null,
  smack: (env) => env.stat('/sys/fs/smackfs')?.kind === 'directory',
  ima: (env) => env.stat('/sys/kernel/security/ima') !== null,
  // systemd opens an audit netlink socket; the per-process login uid exists exactly when the
  // kernel has audit support built in.
  audit: (env) => env.stat('/proc/self/loginuid') !== null,
  'uefi-secureboot': (env) => {
    const data = env.readFile(`/sys/firmware/efi/efivars/SecureBoot-${EFI_GLOBAL}`);
    return data !== null && data.length >= 5 && data.charCodeAt(data.length - 1) === 1;
  },
  tpm2: (env) => (env.readdir('/sys/class/tpmrm') ?? []).length > 0,
  // systemd asks CPUID; a confidential guest's kernel shows the same in its CPU flags.
  cvm: (env) => {
    const flags = cpuFlags(env);
    return flags.includes('tdx_guest') ||
      (flags.includes('hypervisor') && ['sev', 'sev_es', 'sev_snp'].some((f) => flags.includes(f)));
  },
  'measured-uki': (env) => env.stat(`/sys/firmware/efi/efivars/StubPcrKernelImage-${EFI_LOADER}`) !== null,
};

function testSecurity(value: string, env: ConditionEnv): boolean | UnknownName {
  const test = Object.hasOwn(SECURITY_TESTS, value) ? SECURITY_TESTS[value] : undefined;
  if (test === undefined) return unknownName(`unknown security framework "${value}" (known: ${[...SECURITY_FRAMEWORKS].join(', ')})`);
  return test(env);
}

/** An unknown capability is systemd's -EINVAL: the result cannot be determined, so it throws. */
function testCapability(value: string, env: ConditionEnv): boolean {
  const number = capabilityNumber(value);
  if (number === null) throw new Error(`unknown capability "${value}": expected a name such as CAP_SYS_ADMIN or a number 0-62`);
  const status = env.readFile('/proc/self/status');
  const hex = status === null ? undefined : /^CapBnd:\s*([0-9a-f]+)/m.exec(status)?.[1];
  if (hex === undefined) throw new Error('the capability bounding set is not readable from /proc/self/status');
  return ((BigInt(`0x${hex}`) >> BigInt(number)) & 1n) === 1n;
}

/**
 * On AC power: some mains or USB supply is online; or there is no information at all (a
 * desktop or a VM). Off AC: a mains supply is present but offline, or only batteries are.
 */
function onACPower(env: ConditionEnv): boolean {
  const base = '/sys/class/power_supply';
  let online = false;
  let offline = false;
  let battery = false;
  for (const name of env.readdir(base) ?? []) {
    const type = (env.readFile(`${base}/${name}/type`) ?? '').trim();
    if (type === 'Battery') {
      if ((env.readFile(`${base}/${name}/scope`) ?? '').trim() !== 'Device') battery = true;
      continue;
    }
    if (type !== 'Mains' && type !== 'USB') continue;
    if ((env.readFile(`${base}/${name}/online`) ?? '').trim() === '1') online = true;
    else offline = true;
  }
  return online || (!offline && !battery);
}

/** First boot: /etc/machine-id is absent, empty or "uninitialized" (machine-id(5)). */
function isFirstBoot(env: ConditionEnv): boolean {
  const text = env.readFile('/etc/machine-id');
  return text === null || text.trim() === '' || text.trim() === 'uninitialized';
}

function parseNeedsUpdate(value: string): string {
  if (!value.startsWith('/')) throw new Error(`"${value}" is not an absolute path: expected /etc or /var`);
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

/** /usr is newer than DIR/.updated (or that is missing), and DIR can be written. */
function testNeedsUpdate(dir: string, env: ConditionEnv): boolean {
  if (env.stat('/etc/initrd-release') !== null) return false;
  if (isOnReadOnlyMount(dir, env) === true) return false;
  const usr = env.stat('/usr');
  if (usr === null) throw new Error('/usr does not exist');
  const stamp = `${dir === '/' ? '' : dir}/.updated`;
  const updated = env.stat(stamp);
  if (updated === null) return true;
  const recorded = /^TimestampNsec=(\d+)\s*$/m.exec(env.readFile(stamp) ?? '')?.[1];
  if (recorded !== undefined) return usr.mtimeNs > BigInt(recorded);
  const second = 1_000_000_000n;
  // A file system without sub-second timestamps: compare whole seconds, as systemd does.
  if (updated.mtimeNs % second === 0n) return usr.mtimeNs / second > updated.mtimeNs / second;
  return usr.mtimeNs > updated.mtimeNs;
}

/** The id of a name in /etc/passwd or /etc/group (root is always 0); null when unknown. */
function lookupId(env: ConditionEnv, database: '/etc/passwd' | '/etc/group', name: string): number | null {
  if (name === 'root') return 0;
  for (const line of (env.readFile(database) ?? '').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return null;
}

/** A user: a uid, @system or a name; a name /etc/passwd does not list is no user of ours. */
function testUser(value: string, env: ConditionEnv): boolean | UnknownName {
  const { uid, euid } = env.credentials();
  if (value === '@system') return uid <= SYSTEM_ID_MAX || euid <= SYSTEM_ID_MAX;
  const wanted = /^\d+$/.test(value) ? Number(value) : lookupId(env, '/etc/passwd', value);
  if (wanted === null) return unknownName(`no user "${value}" in /etc/passwd`);
  return wanted === uid || wanted === euid;
}

/** A group: a gid or a name; a name /etc/group does not list is no group of ours. */
function testGroup(value: string, env: ConditionEnv): boolean | UnknownName {
  const { gid, egid, groups } = env.credentials();
  const wanted = /^\d+$/.test(value) ? Number(value) : lookupId(env, '/etc/group', value);
  if (wanted === null) return unknownName(`no group "${value}" in /etc/group`);
  return wanted === gid || wanted === egid || groups.includes(wanted);
}

function parseEnvironment(value: string): string {
  if (value === '' || value.startsWith('=')) throw new Error(`invalid "${value}": expected VARIABLE or VARIABLE=VALUE`);
  return value;
}

function testEnvironment(value: string, env: ConditionEnv): boolean {
  const exact = value.includes('=');
  return env.environment().some((entry) => exact ? entry === value : entry.split('=', 1)[0] === value);
}

export const SYSTEM_CHECKS: Readonly<Record<string, CheckKind>> = {
  Architecture: { parse: nonEmpty('an architecture such as x86-64, or native'), test: testArchitecture },
  Virtualization: { parse: nonEmpty('a boolean, vm, container, private-users or a technology'), test: testVirtualization },
  Host: { parse: nonEmpty('a host name (globs allowed) or a machine id'), test: testHost },
  KernelCommandLine: { parse: nonEmpty('a kernel command line word, OPTION or OPTION=VALUE'), test: testKernelCommandLine },
  KernelVersion: { parse: nonEmpty('a version comparison such as ">=5.10" or a glob'), test: testKernelVersion },
  Security: { parse: nonEmpty('a security framework such as selinux'), test: testSecurity },
  Capability: { parse: nonEmpty('a capability such as CAP_SYS_ADMIN'), test: testCapability },
  ACPower: booleanCheck(onACPower),
  NeedsUpdate: { parse: parseNeedsUpdate, test: testNeedsUpdate },
  FirstBoot: booleanCheck(isFirstBoot),
  User: { parse: nonEmpty('a user name, a numeric uid, or @system'), test: testUser },
  Group: { parse: nonEmpty('a group name or a numeric gid'), test: testGroup },
  Environment: { parse: parseEnvironment, test: testEnvironment },
};
