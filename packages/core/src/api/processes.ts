// The processes of a unit's cgroup, for `sctl status`: every pid in cgroup.procs of the unit's
// cgroup and of its child cgroups (depth first), each with its command line from /proc. A
// process that exits while it is being read is simply left out.
import fs from 'node:fs';
import path from 'node:path';
import type { Process } from '@sysmaster/proto';

/** How deep child cgroups are searched; a unit's own tree is never this deep in practice. */
const MAX_DEPTH = 16;

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function collectPids(dir: string, depth: number, out: number[]): Promise<void> {
  const procs = await readOrNull(path.join(dir, 'cgroup.procs'));
  if (procs === null) return;
  for (const line of procs.split('\n')) {
    const pid = Number.parseInt(line, 10);
    if (Number.isInteger(pid) && pid > 0) out.push(pid);
  }
  if (depth >= MAX_DEPTH) return;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    await collectPids(path.join(dir, entry.name), depth + 1, out);
  }
}

/** The command line of a process as ps shows it: arguments joined by spaces, "[comm]" when empty. */
async function commandLine(procRoot: string, pid: number): Promise<string | null> {
  const raw = await readOrNull(path.join(procRoot, String(pid), 'cmdline'));
  if (raw === null) return null;
  const argv = raw.split('\0');
  if (argv[argv.length - 1] === '') argv.pop();
  if (argv.length > 0) return argv.join(' ');
  const comm = await readOrNull(path.join(procRoot, String(pid), 'comm'));
  return comm === null ? null : `[${comm.trim()}]`;
}

/** The processes of the cgroup `cgroup` (relative to `root`), in cgroup order; [] without one. */
export async function cgroupProcesses(root: string | null, cgroup: string, procRoot: string): Promise<Process[]> {
  if (root === null || cgroup === '') return [];
  const dir = path.join(root, cgroup);
  if (path.relative(root, dir).startsWith('..')) return [];
  const pids: number[] = [];
  await collectPids(dir, 0, pids);
  const out: Process[] = [];
  for (const pid of pids) {
    const command = await commandLine(procRoot, pid);
    if (command !== null) out.push({ pid, command });
  }
  return out;
}
