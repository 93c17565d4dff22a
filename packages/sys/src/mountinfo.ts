// /proc/PID/mountinfo (proc(5)), parsed once for every package that asks what is mounted where:
// init (which API filesystems are missing, what to unmount at shutdown), the cgroup2 lookup
// below, and the core's ConditionPathIsMountPoint=/PathIsReadWrite=. Pure TypeScript.

/** One mount, with the fields of proc(5) that callers use. Paths are unescaped. */
export interface MountInfoEntry {
  /** The root of the mount within its filesystem (a bind mount or a cgroup namespace shows a subtree). */
  root: string;
  /** Where it is mounted. */
  mountPoint: string;
  /** Per-mount options, e.g. ["rw", "nosuid"]. */
  options: string[];
  fstype: string;
  source: string;
  /** Per-superblock options. */
  superOptions: string[];
}

/** Undoes mountinfo's octal escapes (\040 for a space, \011, \012, \134). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Parses mountinfo text in listing order; malformed lines are skipped. */
export function parseMountinfo(text: string): MountInfoEntry[] {
  const entries: MountInfoEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const separator = fields.indexOf('-');
    const [, , , root, mountPoint, options] = fields;
    const fstype = fields[separator + 1];
    if (separator < 6 || root === undefined || mountPoint === undefined || fstype === undefined) continue;
    entries.push({
      root: unescape(root),
      mountPoint: unescape(mountPoint),
      options: (options ?? '').split(','),
      fstype,
      source: unescape(fields[separator + 2] ?? ''),
      superOptions: (fields[separator + 3] ?? '').split(','),
    });
  }
  return entries;
}
