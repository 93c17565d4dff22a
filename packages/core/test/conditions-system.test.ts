// The machine, kernel and identity checks, and virtualization detection, against an in-memory
// ConditionEnv: one table per check (each row also negated), plus triggering groups across kinds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectVirtualization, evaluateConditions, memoryConditionEnv, parseConditions, type ConditionEnv,
  type MemoryEnvSpec,
} from '../src/conditions';
import { holds, line, table } from './conditions-helpers';


/** The load errors of one assignment. */
function errorsOf(key: string, value: string): string[] {
  return parseConditions([line(key, value)]).errors.map((e) => e.message);
}

const MACHINE_ID = '3d1219c7c4c5404aaa1f6d2a48adfda4';

test('Architecture compares uname with systemd names, and "native" with the build of the manager', () => {
  table('Architecture', memoryConditionEnv({ machine: 'x86_64', nativeArch: 'x64' }), [
    ['x86-64', true], ['native', true], ['arm64', false], ['x86', false],
  ]);
  table('Architecture', memoryConditionEnv({ machine: 'aarch64', nativeArch: 'arm64' }), [['arm64', true], ['x86-64', false]]);
  table('Architecture', memoryConditionEnv({ machine: 'i686', nativeArch: 'x64' }), [['x86', true], ['native', false]]);
  table('Architecture', memoryConditionEnv({ machine: 'ppc64le' }), [['ppc64-le', true], ['ppc64', false]]);
  table('Architecture', memoryConditionEnv({ machine: 'mips', endianness: 'LE' }), [['mips-le', true], ['mips', false]]);
});


const DOCKER_IN_KVM: MemoryEnvSpec = {
  files: {
    '/.dockerenv': '',
    '/sys/devices/system/clocksource/clocksource0/available_clocksource': 'tsc kvm-clock \n',
    '/proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n',
    '/proc/self/uid_map': '         0          0 4294967295\n',
    '/proc/self/gid_map': '         0          0 4294967295\n',
    '/proc/self/setgroups': 'allow\n',
  },
};

test('virtualization detection prefers the innermost technology, a container, over the VM around it', () => {
  assert.deepEqual(detectVirtualization(memoryConditionEnv(DOCKER_IN_KVM)), { kind: 'container', id: 'docker' });
  table('Virtualization', memoryConditionEnv(DOCKER_IN_KVM), [
    ['yes', true], ['no', false], ['container', true], ['vm', false], ['docker', true], ['kvm', false], ['podman', false],
    ['private-users', false],
  ]);
});

test('virtualization detection reads each source systemd-detect-virt reads', () => {
  const cases: Array<[MemoryEnvSpec, string, string]> = [
    [{ files: { '/run/systemd/container': 'systemd-nspawn\n' } }, 'container', 'systemd-nspawn'],
    [{ files: { '/run/host/container-manager': 'podman' } }, 'container', 'podman'],
    [{ files: { '/proc/1/environ': 'PATH=/bin\0container=lxc\0' } }, 'container', 'lxc'],
    [{ files: { '/proc/1/environ': 'container=something-new\0' } }, 'container', 'container-other'],
    [{ environment: ['container=docker'], credentials: { pid: 1 } }, 'container', 'docker'],
    [{ environment: ['container=docker'], credentials: { pid: 7 } }, 'none', 'none'],
    [{ files: { '/run/.containerenv': '' } }, 'container', 'podman'],
    [{ files: { '/proc/vz': { dir: true } } }, 'container', 'openvz'],
    [{ files: { '/proc/vz': { dir: true }, '/proc/bc': { dir: true } } }, 'none', 'none'],
    [{ files: { '/proc/sys/kernel/osrelease': '5.15.90.1-microsoft-standard-WSL2' } }, 'container', 'wsl'],
    [{ files: { '/sys/class/dmi/id/sys_vendor': 'QEMU\n' } }, 'vm', 'qemu'],
    [{ files: { '/sys/class/dmi/id/product_name': 'KVM\n' } }, 'vm', 'kvm'],
    [{ files: { '/sys/class/dmi/id/sys_vendor': 'innotek GmbH\n',
      '/sys/devices/system/clocksource/clocksource0/available_clocksource': 'kvm-clock' } }, 'vm', 'oracle'],
    [{ files: { '/sys/class/dmi/id/sys_vendor': 'QEMU\n',
      '/sys/devices/system/clocksource/clocksource0/available_clocksource': 'kvm-clock tsc' } }, 'vm', 'kvm'],
    [{ files: { '/sys/hypervisor/type': 'xen\n' } }, 'vm', 'xen'],
    [{ files: { '/proc/device-tree/hypervisor/compatible': 'linux,kvm\0' } }, 'vm', 'kvm'],
    [{ files: { '/proc/sysinfo': 'VM00 Control Program: z/VM    7.1.0\n' } }, 'vm', 'zvm'],
    [{ files: { '/proc/cpuinfo': 'vendor_id\t: User Mode Linux\n' } }, 'vm', 'uml'],
    [{ files: { '/proc/cpuinfo': 'flags\t: fpu hypervisor\n' } }, 'vm', 'vm-other'],
    [{ files: { '/proc/cpuinfo': 'flags\t: fpu sse\n' } }, 'none', 'none'],
    [{}, 'none', 'none'],
  ];
  for (const [spec, kind, id] of cases) {
    assert.deepEqual(detectVirtualization(memoryConditionEnv(spec)), { kind, id }, JSON.stringify(spec));
  }
  table('Virtualization', memoryConditionEnv({ files: { '/sys/class/dmi/id/sys_vendor': 'QEMU' } }), [
    ['vm', true], ['container', false], ['qemu', true], ['kvm', false], ['true', true], ['0', false],
  ]);
  table('Virtualization', memoryConditionEnv(), [['yes', false], ['no', true], ['vm', false]]);
});

test('private-users is true in a user namespace: a non-identity uid map or denied setgroups', () => {
  table('Virtualization', memoryConditionEnv({ files: { '/proc/self/uid_map': '0 100000 65536\n' } }), [['private-users', true]]);
  table('Virtualization', memoryConditionEnv({
    files: { '/proc/self/uid_map': '0 0 4294967295', '/proc/self/gid_map': '0 0 4294967295', '/proc/self/setgroups': 'deny' },
  }), [['private-users', true]]);
});


test('Host matches the hostname with case-insensitive globs, or the machine id', () => {
  const env = memoryConditionEnv({ hostname: 'web-01.example', files: { '/etc/machine-id': `${MACHINE_ID}\n` } });
  table('Host', env, [
    ['web-01.example', true], ['WEB-01.example', true], ['web-*', true], ['db-*', false], ['web-0[12].*', true],
    [MACHINE_ID, true], [MACHINE_ID.toUpperCase(), true], ['3d1219c7-c4c5-404a-aa1f-6d2a48adfda4', true],
    ['00000000000000000000000000000001', false],
  ]);
});

test('KernelCommandLine matches a whole word, or an option with any value when no "=" is given', () => {
  const env = memoryConditionEnv({ files: { '/proc/cmdline': 'BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro quiet "opt=a b" rd.debug\n' } });
  table('KernelCommandLine', env, [
    ['quiet', true], ['ro', true], ['root', true], ['root=/dev/vda1', true], ['root=/dev/vda2', false],
    ['opt=a b', true], ['opt', true], ['rd', false], ['rd.debug', true], ['qui', false], ['splash', false],
  ]);
});

test('KernelVersion compares with every operator, globs without one, and needs all expressions', () => {
  const env = memoryConditionEnv({ kernelRelease: '6.1.0-18-amd64' });
  table('KernelVersion', env, [
    ['>=6.1', true], ['>= 6.1', true], ['>6.1', true], ['<6.1', false], ['<=6.1.0', false], ['<6.2', true],
    ['=6.1.0-18-amd64', true], ['!=6.1.0-18-amd64', false], ['>5.10.0', true], ['<5.10', false],
    ['6.*', true], ['5.*', false], ['*-amd64', true], ['=$6.1.*', true], ['!=$6.1.*', false],
    ['>=5.10 <6.2', true], ['>=5.10 <6.0', false], ['>=6 6.1.*', true],
  ]);
});


test('Security detects each framework from the files the kernel exposes', () => {
  const efi = '8be4df61-93ca-11d2-aa0d-00e098032b8c';
  const env = memoryConditionEnv({
    files: {
      '/sys/module/apparmor/parameters/enabled': 'Y\n',
      '/proc/self/loginuid': '4294967295',
      [`/sys/firmware/efi/efivars/SecureBoot-${efi}`]: '\u0006\u0000\u0000\u0000\u0001',
      '/sys/class/tpmrm/tpmrm0/dev': '253:65536',
    },
  });
  table('Security', env, [
    ['apparmor', true], ['audit', true], ['uefi-secureboot', true], ['tpm2', true], ['selinux', false],
    ['smack', false], ['tomoyo', false], ['ima', false], ['cvm', false], ['measured-uki', false],
  ]);
  const off = memoryConditionEnv({
    files: {
      '/sys/module/apparmor/parameters/enabled': 'N\n',
      [`/sys/firmware/efi/efivars/SecureBoot-${efi}`]: '\u0006\u0000\u0000\u0000\u0000',
      '/sys/fs/selinux/enforce': '1', '/proc/cpuinfo': 'flags\t: fpu hypervisor sev sev_es\n',
    },
  });
  table('Security', off, [['apparmor', false], ['uefi-secureboot', false], ['selinux', true], ['cvm', true], ['audit', false]]);
});

test('Capability tests the bounding set, by name in any case or by number', () => {
  // Every capability but CAP_SYS_MODULE (16) and CAP_SYS_BOOT (22).
  const bounding = ((1n << 41n) - 1n) & ~(1n << 16n) & ~(1n << 22n);
  const env = memoryConditionEnv({ files: { '/proc/self/status': `Name:\tnode\nCapBnd:\t${bounding.toString(16).padStart(16, '0')}\n` } });
  table('Capability', env, [
    ['CAP_NET_ADMIN', true], ['cap_chown', true], ['CAP_SYS_MODULE', false], ['CAP_SYS_BOOT', false], ['21', true], ['16', false],
  ]);
});

test('ACPower: online mains means AC; offline mains or a lone battery means battery; nothing known means AC', () => {
  const supply = (files: Record<string, string>): ConditionEnv => memoryConditionEnv({ files });
  table('ACPower', supply({}), [['true', true], ['false', false]]);
  table('ACPower', supply({ '/sys/class/power_supply/AC/type': 'Mains\n', '/sys/class/power_supply/AC/online': '1\n' }), [['yes', true]]);
  table('ACPower', supply({
    '/sys/class/power_supply/AC/type': 'Mains\n', '/sys/class/power_supply/AC/online': '0\n',
    '/sys/class/power_supply/BAT0/type': 'Battery\n',
  }), [['yes', false], ['no', true]]);
  table('ACPower', supply({ '/sys/class/power_supply/BAT0/type': 'Battery\n' }), [['yes', false]]);
  table('ACPower', supply({
    '/sys/class/power_supply/hid-mouse/type': 'Battery\n', '/sys/class/power_supply/hid-mouse/scope': 'Device\n',
  }), [['yes', true]]);
});

test('FirstBoot is true while /etc/machine-id is absent, empty or "uninitialized"', () => {
  table('FirstBoot', memoryConditionEnv({ files: { '/etc/machine-id': `${MACHINE_ID}\n` } }), [['yes', false], ['no', true]]);
  table('FirstBoot', memoryConditionEnv({ files: { '/etc/machine-id': 'uninitialized\n' } }), [['yes', true]]);
  table('FirstBoot', memoryConditionEnv({ files: { '/etc/machine-id': '' } }), [['yes', true]]);
  table('FirstBoot', memoryConditionEnv(), [['true', true], ['false', false]]);
});

test('NeedsUpdate is true when /usr is newer than DIR/.updated, or that is missing, unless DIR is read-only', () => {
  const s = 1_000_000_000n;
  const mountinfo = '1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 8:2 / /var ro - ext4 /dev/sda2 ro\n';
  const env = memoryConditionEnv({
    files: {
      '/proc/self/mountinfo': mountinfo, '/usr': { dir: true, mtimeNs: 200n * s + 5n },
      '/etc/.updated': { file: '# stamp\n', mtimeNs: 100n * s + 7n },
      '/var/.updated': { file: '', mtimeNs: 100n * s },
      '/srv/.updated': { file: '', mtimeNs: 200n * s + 9n },
      '/opt/.updated': { file: '', mtimeNs: 200n * s },
      '/home/.updated': { file: `TimestampNsec=${200n * s + 10n}\n`, mtimeNs: 100n * s },
      '/data': { dir: true },
    },
  });
  table('NeedsUpdate', env, [
    ['/etc', true], ['/var', false], ['/srv', false], ['/opt', false], ['/home', false], ['/data', true],
  ]);
  assert.equal(holds('ConditionNeedsUpdate', '/etc', memoryConditionEnv({ files: { ...{ '/proc/self/mountinfo': mountinfo, '/usr': { dir: true } }, '/etc/initrd-release': '' } })), false);
  assert.match(errorsOf('ConditionNeedsUpdate', 'etc')[0] ?? '', /not an absolute path/);
});

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nmessagebus:x:100:101::/nonexistent:/usr/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n';
const GROUP = 'root:x:0:\nadm:x:4:alice\nmessagebus:x:101:\nalice:x:1000:\n';

test('User matches the manager\'s uid or euid by number or name, and @system below 1000', () => {
  const root = memoryConditionEnv({ files: { '/etc/passwd': PASSWD } });
  table('User', root, [['root', true], ['0', true], ['@system', true], ['alice', false], ['1000', false]]);
  const alice = memoryConditionEnv({ files: { '/etc/passwd': PASSWD }, credentials: { uid: 1000, euid: 1000 } });
  table('User', alice, [['alice', true], ['1000', true], ['@system', false], ['root', false]]);
  const setuid = memoryConditionEnv({ files: { '/etc/passwd': PASSWD }, credentials: { uid: 1000, euid: 100 } });
  table('User', setuid, [['messagebus', true], ['alice', true], ['@system', true]]);
});

test('Group matches the gid, egid or a supplementary group, by number or name', () => {
  const env = memoryConditionEnv({ files: { '/etc/group': GROUP }, credentials: { uid: 1000, gid: 1000, egid: 1000, groups: [4, 1000] } });
  table('Group', env, [['alice', true], ['1000', true], ['adm', true], ['4', true], ['root', false], ['messagebus', false]]);
});

test('Environment matches VAR=VALUE exactly, or VAR being set to anything', () => {
  const env = memoryConditionEnv({ environment: ['LANG=C.UTF-8', 'EMPTY=', 'PATH=/usr/bin:/bin'] });
  table('Environment', env, [
    ['LANG', true], ['LANG=C.UTF-8', true], ['LANG=C', false], ['EMPTY', true], ['EMPTY=', true], ['TERM', false], ['LAN', false],
  ]);
  assert.match(errorsOf('ConditionEnvironment', '=x')[0] ?? '', /expected VARIABLE or VARIABLE=VALUE/);
});

test('triggering checks of different kinds form one group, beside the non-triggering ones', () => {
  const env = memoryConditionEnv({
    machine: 'x86_64', hostname: 'web-01', environment: ['MODE=prod'], files: { '/etc/enabled': '1' },
  });
  const evaluate = (...lines: Array<[string, string]>): ReturnType<typeof evaluateConditions> =>
    evaluateConditions(parseConditions(lines.map(([k, v]) => line(k, v))).conditions, env);
  assert.equal(evaluate(['ConditionArchitecture', '|arm64'], ['ConditionHost', '|web-*'], ['ConditionEnvironment', 'MODE=prod']).passed, true);
  assert.deepEqual(evaluate(['ConditionArchitecture', '|arm64'], ['ConditionHost', '|db-*'], ['ConditionPathExists', '/etc/enabled']), {
    passed: false, failures: ['ConditionArchitecture=|arm64 was not met', 'ConditionHost=|db-* was not met'], warnings: [],
  });
  assert.deepEqual(evaluate(['ConditionHost', '|web-*'], ['ConditionPathExists', '!/etc/enabled']), {
    passed: false, failures: ['ConditionPathExists=!/etc/enabled was not met'], warnings: [],
  });
  const asserts = parseConditions([line('AssertHost', '|db-*'), line('AssertArchitecture', '|x86-64')]).asserts;
  assert.deepEqual(evaluateConditions(asserts, env), { passed: true, failures: [], warnings: [] });
});
