// The fixed vocabularies of the checks, as systemd.unit(5) names them: architectures,
// virtualization technologies, security frameworks and capabilities. A check tests its value
// against these lists when it runs: a misspelt value loads (as in systemd) and makes the check
// false or undeterminable with a warning that names the value (checks-system.ts).

/** ConditionArchitecture= values (systemd's architecture table), besides "native". */
export const ARCHITECTURES: ReadonlySet<string> = new Set([
  'x86', 'x86-64', 'ppc', 'ppc-le', 'ppc64', 'ppc64-le', 'ia64', 'parisc', 'parisc64', 's390',
  's390x', 'sparc', 'sparc64', 'mips', 'mips-le', 'mips64', 'mips64-le', 'alpha', 'arm', 'arm-be',
  'arm64', 'arm64-be', 'sh', 'sh64', 'm68k', 'tilegx', 'cris', 'arc', 'arc-be', 'loongarch64',
  'riscv32', 'riscv64',
]);

/** The systemd architecture of a `uname -m` string; null when unknown. */
export function architectureOfMachine(machine: string, endianness: 'BE' | 'LE'): string | null {
  const big = endianness === 'BE';
  if (machine === 'x86_64' || machine === 'amd64') return 'x86-64';
  if (/^i[3-6]86$/.test(machine) || machine === 'x86') return 'x86';
  if (machine === 'aarch64' || machine === 'arm64') return 'arm64';
  if (machine === 'aarch64_be') return 'arm64-be';
  if (/^arm/.test(machine)) return machine.endsWith('b') || big ? 'arm-be' : 'arm';
  if (machine === 'ppc64le') return 'ppc64-le';
  if (machine === 'ppc64') return big ? 'ppc64' : 'ppc64-le';
  if (machine === 'ppcle') return 'ppc-le';
  if (machine === 'ppc') return big ? 'ppc' : 'ppc-le';
  if (machine === 'mips64') return big ? 'mips64' : 'mips64-le';
  if (machine === 'mips') return big ? 'mips' : 'mips-le';
  if (machine === 'parisc' || machine === 'parisc64' || machine === 'ia64' || machine === 's390' ||
      machine === 's390x' || machine === 'sparc' || machine === 'sparc64' || machine === 'alpha' ||
      machine === 'm68k' || machine === 'tilegx' || machine === 'cris' || machine === 'loongarch64' ||
      machine === 'riscv32' || machine === 'riscv64') return machine;
  if (machine === 'arc') return big ? 'arc-be' : 'arc';
  if (machine === 'arceb') return 'arc-be';
  if (/^sh/.test(machine)) return machine.startsWith('sh64') ? 'sh64' : 'sh';
  return null;
}

/** The systemd architecture of a Node `process.arch` (what "native" means for this manager). */
export function architectureOfNode(arch: string, endianness: 'BE' | 'LE'): string | null {
  const table: Readonly<Record<string, string>> = {
    x64: 'x86-64', ia32: 'x86', arm64: 'arm64', arm: 'arm', s390x: 's390x', s390: 's390',
    riscv64: 'riscv64', loong64: 'loongarch64', mips: 'mips', mipsel: 'mips-le',
    ppc: 'ppc', ppc64: endianness === 'BE' ? 'ppc64' : 'ppc64-le',
  };
  return table[arch] ?? null;
}

/** Virtual machine technologies systemd-detect-virt reports. */
export const VM_IDS: ReadonlySet<string> = new Set([
  'qemu', 'kvm', 'amazon', 'zvm', 'vmware', 'microsoft', 'oracle', 'powervm', 'xen', 'bochs', 'uml',
  'parallels', 'bhyve', 'qnx', 'acrn', 'apple', 'sre', 'google', 'vm-other',
]);

/** Container technologies systemd-detect-virt reports. */
export const CONTAINER_IDS: ReadonlySet<string> = new Set([
  'openvz', 'lxc', 'lxc-libvirt', 'systemd-nspawn', 'docker', 'podman', 'rkt', 'wsl', 'proot',
  'pouch', 'container-other',
]);

/** ConditionSecurity= values. */
export const SECURITY_FRAMEWORKS: ReadonlySet<string> = new Set([
  'selinux', 'apparmor', 'tomoyo', 'smack', 'ima', 'audit', 'uefi-secureboot', 'tpm2', 'cvm',
  'measured-uki',
]);

/** Linux capabilities by number (linux/capability.h), spelt as ConditionCapability= takes them. */
const CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER',
  'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** A capability's number from its name (any case) or number; null when unknown. */
export function capabilityNumber(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n <= 62 ? n : null;
  }
  const index = CAPABILITIES.indexOf(text.toUpperCase());
  return index < 0 ? null : index;
}
