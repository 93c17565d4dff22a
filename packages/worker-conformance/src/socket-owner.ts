// Which processes hold a listening Unix socket: the kernel lists every Unix socket with its
// inode and bound path in /proc/net/unix, and each process's fds link to "socket:[INODE]". This
// lets the kit check Describe's pid against the process that really serves the socket, also for
// a worker it did not start itself.
import fs from 'node:fs';
import path from 'node:path';

/** The inode of the listening socket bound at `socketPath`, or null when none is listed. */
export function listeningInode(socketPath: string, table = readOr('/proc/net/unix')): number | null {
  const wanted = path.resolve(socketPath);
  for (const line of table.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    const flags = Number.parseInt(fields[3]!, 16);
    const bound = fields.slice(7).join(' ');
    if ((flags & 0x10000) !== 0 && path.resolve(bound) === wanted) return Number(fields[6]);
  }
  return null;
}

/** The pids that have the socket at `socketPath` open; [] when it cannot be told (no /proc access). */
export function socketOwners(socketPath: string, procRoot = '/proc'): number[] {
  const inode = listeningInode(socketPath, readOr(path.join(procRoot, 'net/unix')));
  if (inode === null) return [];
  const link = `socket:[${inode}]`;
  const owners: number[] = [];
  for (const entry of safeReaddir(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const fdDir = path.join(procRoot, entry, 'fd');
    for (const fd of safeReaddir(fdDir)) {
      let target: string;
      try { target = fs.readlinkSync(path.join(fdDir, fd)); } catch { continue; }
      if (target === link) { owners.push(Number(entry)); break; }
    }
  }
  return owners;
}

function readOr(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

function safeReaddir(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}
