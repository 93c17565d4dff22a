// Finding the cgroup v2 hierarchy this manager uses (no C needed).
//
// SYSMASTER_CGROUP_ROOT wins. Otherwise: the cgroup2 mount from /proc/self/mountinfo
// (/sys/fs/cgroup on a unified host or in the sandbox, /sys/fs/cgroup/unified on a hybrid one;
// detected, never assumed), joined with PID 1's cgroup ("0::<path>" in /proc/1/cgroup) minus a
// trailing "/init.scope" — so that a manager inside a delegated subtree (a container, the
// sandbox) stays inside it. Paths in /proc/1/cgroup are relative to our cgroup namespace, as is
// the mount's root field; when the mount shows only a subtree, the part above it is removed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMountinfo } from './mountinfo';

interface Cgroup2Mount {
  root: string;
  mountPoint: string;
}

function parseCgroup2Mounts(mountinfo: string): Cgroup2Mount[] {
  return parseMountinfo(mountinfo).filter((m) => m.fstype === 'cgroup2').map((m) => ({ root: m.root, mountPoint: m.mountPoint }));
}

/** The "0::<path>" entry of a /proc/PID/cgroup file, or null. */
function unifiedCgroupPath(procCgroup: string): string | null {
  for (const line of procCgroup.split('\n')) {
    if (line.startsWith('0::')) return line.slice(3) || '/';
  }
  return null;
}

/** The pure part of cgroup2Root(): decide from the two files' contents. */
export function resolveCgroup2Root(mountinfo: string, pid1Cgroup: string): string | null {
  const mounts = parseCgroup2Mounts(mountinfo);
  const mount = mounts.find((m) => m.mountPoint === '/sys/fs/cgroup') ?? mounts[0];
  if (!mount) return null;
  let group = unifiedCgroupPath(pid1Cgroup) ?? '/';
  if (group.endsWith('/init.scope')) group = group.slice(0, -'/init.scope'.length) || '/';
  if (mount.root !== '/') {
    if (group === mount.root || group.startsWith(`${mount.root}/`)) group = group.slice(mount.root.length) || '/';
    else group = '/';
  }
  return group === '/' ? mount.mountPoint : path.posix.join(mount.mountPoint, group);
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** The cgroup v2 directory under which this manager places its units, or null without cgroup2. */
export function cgroup2Root(): string | null {
  const override = process.env.SYSMASTER_CGROUP_ROOT;
  if (override) return override;
  return resolveCgroup2Root(readOr('/proc/self/mountinfo', ''), readOr('/proc/1/cgroup', ''));
}

let cgroupMount: Cgroup2Mount | null | undefined;

/**
 * The absolute cgroup v2 directory of process `pid` (from /proc/PID/cgroup and the cgroup2
 * mount), or null when the process is gone or there is no cgroup2 hierarchy. The mount is read
 * once; the caller resolves one process per call (used to route a notify datagram to its unit).
 */
export function cgroupOfPid(pid: number): string | null {
  if (cgroupMount === undefined) {
    const mounts = parseCgroup2Mounts(readOr('/proc/self/mountinfo', ''));
    cgroupMount = mounts.find((m) => m.mountPoint === '/sys/fs/cgroup') ?? mounts[0] ?? null;
  }
  if (cgroupMount === null || !Number.isInteger(pid) || pid <= 0) return null;
  const group = unifiedCgroupPath(readOr(`/proc/${pid}/cgroup`, ''));
  if (group === null) return null;
  const { root, mountPoint } = cgroupMount;
  let relative = group;
  if (root !== '/') {
    if (group !== root && !group.startsWith(`${root}/`)) return null;
    relative = group.slice(root.length) || '/';
  }
  return relative === '/' ? mountPoint : path.posix.join(mountPoint, relative);
}
