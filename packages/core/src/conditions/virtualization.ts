// Virtualization detection for ConditionVirtualization=, after systemd-detect-virt.
//
// systemd considers only the innermost technology: a container is looked for first, and only
// when there is none, a virtual machine. (A docker container inside a KVM guest is "docker";
// ConditionVirtualization=vm is then false, exactly as under systemd.)
//
// Container, in order: OpenVZ (/proc/vz without /proc/bc), WSL (the kernel's osrelease says
// Microsoft/WSL), proot (our tracer is proot), the `container=` variable of our own environment
// when we are PID 1, the files a container manager leaves (/run/host/container-manager,
// /run/systemd/container), PID 1's environment (/proc/1/environ), then /run/.containerenv
// (podman) and /.dockerenv (docker).
//
// Virtual machine, in systemd's order: DMI vendors that must win even when they run on KVM
// (Oracle, Xen, Amazon, Parallels, Google); User-mode Linux; Xen's /sys/hypervisor; then the
// hypervisor itself — systemd asks CPUID, which a Node process cannot, so the paravirtual clock
// source the hypervisor offered stands in for it (kvm-clock, xen, hyperv_clocksource); then any
// other DMI vendor; the device tree (ARM, POWER); s390's /proc/sysinfo; and finally the CPU's
// "hypervisor" flag alone, which says "a VM of unknown kind" (vm-other).
//
// "private-users" is separate: we run in a user namespace when /proc/self/uid_map (or gid_map)
// is not the identity map of the initial namespace, or setgroups is denied.

import type { ConditionEnv } from './types';

export interface Virtualization {
  kind: 'none' | 'vm' | 'container';
  /** A systemd-detect-virt id: "kvm", "docker", "vm-other", … ("none" when kind is none). */
  id: string;
}

const CONTAINER_VALUES: Readonly<Record<string, string>> = {
  lxc: 'lxc', 'lxc-libvirt': 'lxc-libvirt', 'systemd-nspawn': 'systemd-nspawn', docker: 'docker',
  podman: 'podman', rkt: 'rkt', wsl: 'wsl', proot: 'proot', pouch: 'pouch', oci: 'container-other',
};

/** The innermost virtualization technology. */
export function detectVirtualization(env: ConditionEnv): Virtualization {
  const container = detectContainer(env);
  if (container !== null) return { kind: 'container', id: container };
  const vm = detectVm(env);
  if (vm !== null) return { kind: 'vm', id: vm };
  return { kind: 'none', id: 'none' };
}

function containerFromValue(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  return CONTAINER_VALUES[text] ?? 'container-other';
}

function environValue(environ: string, name: string): string | null {
  for (const entry of environ.split('\0')) {
    if (entry.startsWith(`${name}=`)) return entry.slice(name.length + 1);
  }
  return null;
}

export function detectContainer(env: ConditionEnv): string | null {
  if (env.stat('/proc/vz') !== null && env.stat('/proc/bc') === null) return 'openvz';
  const osrelease = env.readFile('/proc/sys/kernel/osrelease') ?? '';
  if (/Microsoft|WSL/.test(osrelease)) return 'wsl';
  const tracer = /^TracerPid:\s*(\d+)/m.exec(env.readFile('/proc/self/status') ?? '')?.[1];
  if (tracer !== undefined && tracer !== '0') {
    if ((env.readFile(`/proc/${tracer}/comm`) ?? '').startsWith('proot')) return 'proot';
  }
  if (env.credentials().pid === 1) {
    const own = environValue(env.environment().join('\0'), 'container');
    if (own !== null) return containerFromValue(own);
  }
  for (const file of ['/run/host/container-manager', '/run/systemd/container']) {
    const text = env.readFile(file);
    if (text !== null) {
      const found = containerFromValue(text);
      if (found !== null) return found;
    }
  }
  const pid1 = env.readFile('/proc/1/environ');
  if (pid1 !== null) {
    const value = environValue(pid1, 'container');
    if (value !== null) {
      const found = containerFromValue(value);
      if (found !== null) return found;
    }
  }
  if (env.stat('/run/.containerenv') !== null) return 'podman';
  if (env.stat('/.dockerenv') !== null) return 'docker';
  return null;
}

const DMI_FILES = [
  '/sys/class/dmi/id/product_name', '/sys/class/dmi/id/sys_vendor',
  '/sys/class/dmi/id/board_vendor', '/sys/class/dmi/id/bios_vendor',
  '/sys/class/dmi/id/product_version',
];

// Prefixes of the DMI strings, as systemd matches them.
const DMI_VENDORS: ReadonlyArray<readonly [string, string]> = [
  ['KVM', 'kvm'], ['OpenStack', 'kvm'], ['KubeVirt', 'kvm'], ['Amazon EC2', 'amazon'],
  ['QEMU', 'qemu'], ['VMware', 'vmware'], ['VMW', 'vmware'], ['innotek GmbH', 'oracle'],
  ['VirtualBox', 'oracle'], ['Oracle Corporation', 'oracle'], ['Xen', 'xen'], ['Bochs', 'bochs'],
  ['Parallels', 'parallels'], ['BHYVE', 'bhyve'], ['Hyper-V', 'microsoft'],
  ['Apple Virtualization', 'apple'], ['Google Compute Engine', 'google'],
];

function detectDmi(env: ConditionEnv): string | null {
  for (const file of DMI_FILES) {
    const text = env.readFile(file);
    if (text === null) continue;
    for (const [prefix, id] of DMI_VENDORS) if (text.startsWith(prefix)) return id;
  }
  return null;
}

function detectClockSource(env: ConditionEnv): string | null {
  const text = env.readFile('/sys/devices/system/clocksource/clocksource0/available_clocksource') ??
    env.readFile('/sys/devices/system/clocksource/clocksource0/current_clocksource') ?? '';
  const sources = text.split(/\s+/);
  if (sources.includes('kvm-clock')) return 'kvm';
  if (sources.includes('xen')) return 'xen';
  if (sources.some((s) => s.startsWith('hyperv_clocksource'))) return 'microsoft';
  return null;
}

export function detectVm(env: ConditionEnv): string | null {
  const dmi = detectDmi(env);
  if (dmi === 'oracle' || dmi === 'xen' || dmi === 'amazon' || dmi === 'parallels' || dmi === 'google') return dmi;
  const cpuinfo = env.readFile('/proc/cpuinfo') ?? '';
  if (/^vendor_id\s*:\s*User Mode Linux/m.test(cpuinfo)) return 'uml';
  if ((env.readFile('/sys/hypervisor/type') ?? '').trim() === 'xen') return 'xen';
  const hypervisor = detectClockSource(env);
  if (hypervisor !== null) return hypervisor;
  if (dmi !== null) return dmi;
  const compatible = env.readFile('/proc/device-tree/hypervisor/compatible');
  if (compatible !== null) {
    if (compatible.includes('linux,kvm')) return 'kvm';
    if (compatible.includes('xen')) return 'xen';
    if (compatible.includes('vmware')) return 'vmware';
    return 'vm-other';
  }
  if (env.stat('/proc/device-tree/ibm,partition-name') !== null &&
      env.stat('/proc/device-tree/hmc-managed?') !== null) return 'powervm';
  const sysinfo = env.readFile('/proc/sysinfo');
  if (sysinfo !== null) {
    if (/VM00 Control Program:\s*z\/VM/.test(sysinfo)) return 'zvm';
    if (/VM00 Control Program:\s*KVM/.test(sysinfo)) return 'kvm';
  }
  if (/^flags\s*:.*\bhypervisor\b/m.test(cpuinfo)) return 'vm-other';
  return null;
}

/** Does the manager run inside a user namespace (ConditionVirtualization=private-users)? */
export function inUserNamespace(env: ConditionEnv): boolean {
  const identity = (file: string): boolean | null => {
    const text = env.readFile(file);
    if (text === null) return null;
    const lines = text.trim().split('\n');
    return lines.length === 1 && (lines[0] ?? '').trim().split(/\s+/).join(' ') === '0 0 4294967295';
  };
  const uid = identity('/proc/self/uid_map');
  if (uid === null) return false; // no user namespace support at all
  if (!uid || identity('/proc/self/gid_map') === false) return true;
  return (env.readFile('/proc/self/setgroups') ?? '').trim() === 'deny';
}
