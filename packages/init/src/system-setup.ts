// What init does to the machine when it is PID 1, before anything else runs: mount the API
// filesystems that are missing, move itself out of the root of a fresh cgroup2 hierarchy, and
// find out which kind of PID 1 it is.
//
// Mounting is planned from /proc/self/mountinfo (a pure function, tested on its own) and then
// carried out through the seam; what is already mounted is never remounted, so the same code is
// right in a kernel's initramfs (nothing mounted), in a sandbox namespace (proc and a cgroup2
// mounted by the launcher) and in a container.
import fs from 'node:fs';
import path from 'node:path';
import { parseMountinfo as parseMountTable } from '@sysmaster/sys';
import type { InitSys, MountFlag } from './sys-seam';

/** One mount init may perform. */
export interface MountSpec {
  source: string;
  target: string;
  fstype: string;
  flags: MountFlag[];
  data?: string;
  /** Mode of the mount point when init must create it. */
  dirMode: number;
}

/** The API filesystems, in mount order (a later one may live inside an earlier one). */
export const API_MOUNTS: MountSpec[] = [
  { source: 'proc', target: '/proc', fstype: 'proc', flags: ['nosuid', 'nodev', 'noexec'], dirMode: 0o555 },
  { source: 'sysfs', target: '/sys', fstype: 'sysfs', flags: ['nosuid', 'nodev', 'noexec'], dirMode: 0o555 },
  { source: 'devtmpfs', target: '/dev', fstype: 'devtmpfs', flags: ['nosuid'], data: 'mode=0755', dirMode: 0o755 },
  { source: 'devpts', target: '/dev/pts', fstype: 'devpts', flags: ['nosuid', 'noexec'], data: 'gid=5,mode=0620,ptmxmode=0666', dirMode: 0o755 },
  { source: 'tmpfs', target: '/dev/shm', fstype: 'tmpfs', flags: ['nosuid', 'nodev'], data: 'mode=1777', dirMode: 0o1777 },
  { source: 'tmpfs', target: '/run', fstype: 'tmpfs', flags: ['nosuid', 'nodev'], data: 'mode=0755', dirMode: 0o755 },
  { source: 'cgroup2', target: '/sys/fs/cgroup', fstype: 'cgroup2', flags: ['nosuid', 'nodev', 'noexec', 'relatime'], dirMode: 0o755 },
];

/** One line of /proc/self/mountinfo, the fields init needs. */
export interface MountEntry {
  target: string;
  fstype: string;
}

/** Parses /proc/self/mountinfo text (@sysmaster/sys's parser); malformed lines are skipped. */
export function parseMountinfo(text: string): MountEntry[] {
  return parseMountTable(text).map((m) => ({ target: m.mountPoint, fstype: m.fstype }));
}

/**
 * The API mounts that are missing, given the current mount table (null: /proc is not mounted,
 * so nothing is). The cgroup2 hierarchy is skipped when /sys/fs/cgroup already holds cgroup2 or
 * a v1 (tmpfs) layout.
 */
export function planMounts(mounted: MountEntry[] | null): MountSpec[] {
  const targets = new Set((mounted ?? []).map((m) => m.target));
  return API_MOUNTS.filter((spec) => !targets.has(spec.target));
}

/** Reads the mount table, or null when /proc is not mounted. */
function readMountTable(): MountEntry[] | null {
  try {
    return parseMountinfo(fs.readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch {
    return null;
  }
}

/** Mounts what is missing; a failure is reported and the rest carries on. */
export function mountApiFilesystems(sys: Pick<InitSys, 'mount'>, report: (spec: MountSpec, error: unknown) => void): MountSpec[] {
  const done: MountSpec[] = [];
  // /proc first, so that the table of the rest can be read.
  for (const spec of planMounts(readMountTable()).filter((s) => s.target === '/proc')) {
    if (tryMount(sys, spec, report)) done.push(spec);
  }
  for (const spec of planMounts(readMountTable()).filter((s) => s.target !== '/proc')) {
    if (tryMount(sys, spec, report)) done.push(spec);
  }
  return done;
}

function tryMount(sys: Pick<InitSys, 'mount'>, spec: MountSpec, report: (spec: MountSpec, error: unknown) => void): boolean {
  try {
    fs.mkdirSync(spec.target, { recursive: true, mode: spec.dirMode });
    sys.mount(spec.source, spec.target, spec.fstype, spec.flags, spec.data);
    return true;
  } catch (error) {
    report(spec, error);
    return false;
  }
}

/**
 * When init sits in the root of a cgroup2 hierarchy mounted at /sys/fs/cgroup (a fresh boot or
 * a sandbox with its own cgroup namespace), it moves itself into <root>/init.scope: a cgroup with
 * controllers enabled for its children may hold no processes ("no internal processes").
 * Returns the scope joined, or null when nothing had to be done.
 */
export function enterInitScope(cgroupMount = '/sys/fs/cgroup'): string | null {
  let own: string;
  try {
    own = fs.readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return null;
  }
  const unified = own.split('\n').find((line) => line.startsWith('0::'));
  if (unified === undefined || unified.slice(3).trim() !== '/') return null;
  const table = readMountTable() ?? [];
  if (!table.some((m) => m.target === cgroupMount && m.fstype === 'cgroup2')) return null;
  const scope = path.join(cgroupMount, 'init.scope');
  fs.mkdirSync(scope, { recursive: true });
  fs.writeFileSync(path.join(scope, 'cgroup.procs'), `${process.pid}\n`);
  return scope;
}

/** The inode of the initial PID namespace (PROC_PID_INIT_INO in the kernel's proc_ns.h). */
export const INITIAL_PID_NS = 'pid:[4026531836]';

/**
 * Which kind of init this is:
 *   system   PID 1 of the initial PID namespace (the kernel's init=): unmount and reboot(2)
 *   sandbox  PID 1 of another PID namespace (unshare, a container): exit at shutdown
 *   dev      not PID 1 (a development run under a shell): exit at shutdown
 * The namespace check reads /proc/self/ns/pid: the initial namespace has the fixed inode
 * PROC_PID_INIT_INO (0xEFFFFFFC), which every kernel since 3.8 uses. (/proc/1/sched is not
 * reliable: since 4.x it prints the pid as seen from the reader's namespace, always 1 here.)
 */
export type InitRole = 'system' | 'sandbox' | 'dev';

export function detectRole(pid: number = process.pid, readLink: (p: string) => string = fs.readlinkSync): InitRole {
  if (pid !== 1) return 'dev';
  try {
    return readLink('/proc/self/ns/pid') === INITIAL_PID_NS ? 'system' : 'sandbox';
  } catch {
    // No /proc even after mounting: only the kernel starts us like that.
    return 'system';
  }
}
