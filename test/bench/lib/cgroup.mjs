// cgroup v2 helpers for the benchmark: each manager runs in a cgroup of its own under the host's
// cgroup2 hierarchy, which is how we count its services, find its processes and tear it down.
//
// Counting running services is the hot path: it runs every 20 ms while a manager boots, on a
// 2-core machine where the benchmark must not steal much CPU from what it measures. A naive walk
// re-reads every cgroup.procs and every /proc/PID/comm on every poll (1000 service cgroups under
// systemd). SleepCounter instead remembers what it has seen: a pid once identified as a
// `sleep infinity` stays counted (the services never exit during a boot), a pid seen as something
// else is re-checked (a forked manager child becomes `sleep` when it execs), and a cgroup other
// than the root that already holds a service is not read again (each per-service cgroup holds one
// service). The root is always re-read because flat managers (s6, runit) keep all services there,
// next to 1000 supervisors: a pid that showed the manager's own comm on 3 polls in a row is taken
// to be a supervisor and no longer re-read (a forked child sits between fork and exec for
// microseconds, not 40 ms), and as a safety net every 25th poll re-reads everything.
import fs from 'node:fs';
import path from 'node:path';
import { comm, isBenchSleep } from './procfs.mjs';

/** The host's cgroup2 mount point from /proc/self/mountinfo (not assumed), or null. */
export function cgroup2Mount() {
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const after = line.slice(sep + 3).split(' ');
    if (after[0] === 'cgroup2') return line.slice(0, sep).split(' ')[4] ?? null;
  }
  return null;
}

/** This process's cgroup v2 path relative to the mount ("/" at the root). */
export function ownCgroup() {
  const line = fs.readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => l.startsWith('0::'));
  return line ? line.slice(3) : '/';
}

/** The absolute directory of a new cgroup `name` beside where this process lives; created. */
export function createGroup(name) {
  const mount = cgroup2Mount();
  if (!mount) throw new Error('no cgroup2 hierarchy in /proc/self/mountinfo: the benchmark needs one to count and tear down services');
  const dir = path.join(mount, ownCgroup(), name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every cgroup directory under (and including) `root`, parents first. */
export function groupsUnder(root) {
  const out = [];
  const walk = (dir) => {
    out.push(dir);
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(root);
  return out;
}

/** The pids in one cgroup (not its children); empty when it is gone. */
export function procsOf(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch { return []; }
}

/** Every pid in the cgroup tree at `root`. */
export function pidsUnder(root) {
  return groupsUnder(root).flatMap(procsOf);
}

/** Counts the `sleep infinity` processes in a cgroup tree, cheaply enough to poll (see top). */
export class SleepCounter {
  /** `isOwn(comm)` tells the manager's own processes, which are not re-read once settled. */
  constructor(root, isOwn) {
    this.root = root;
    this.isOwn = isOwn;
    this.sleeping = new Set();
    this.settled = new Set();
    this.ownSeen = new Map();
    this.polls = 0;
  }

  /** The number of distinct `sleep infinity` pids seen so far in the tree. */
  count() {
    if (++this.polls % 25 === 0) this.ownSeen.clear();
    this.visit(this.root);
    return this.sleeping.size;
  }

  visit(dir) {
    if (this.settled.has(dir)) return;
    let found = false;
    for (const pid of procsOf(dir)) {
      if (this.sleeping.has(pid)) { found = true; continue; }
      const seen = this.ownSeen.get(pid) ?? 0;
      if (seen >= 3) continue;
      const name = comm(pid);
      if (name === 'sleep' && isBenchSleep(pid)) { this.sleeping.add(pid); found = true; continue; }
      if (name !== null && this.isOwn(name)) this.ownSeen.set(pid, seen + 1);
      else this.ownSeen.delete(pid);
    }
    if (found && dir !== this.root) this.settled.add(dir);
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) if (e.isDirectory()) this.visit(path.join(dir, e.name));
  }
}

/**
 * Kills every process in the tree (cgroup.kill where the kernel has it, else SIGKILL to each
 * listed pid until none is left), then removes the cgroups children first. Resolves when the
 * directory is gone; throws with the directory named if it cannot be removed within `timeoutMs`.
 */
export async function destroyGroup(dir, timeoutMs = 10_000) {
  if (!fs.existsSync(dir)) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = pidsUnder(dir);
    if (pids.length > 0) {
      try { fs.writeFileSync(path.join(dir, 'cgroup.kill'), '1'); } catch {
        for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      }
    }
    for (const g of groupsUnder(dir).reverse()) { try { fs.rmdirSync(g); } catch { /* populated for a moment yet */ } }
    if (!fs.existsSync(dir)) return;
    if (Date.now() > deadline) throw new Error(`cannot remove cgroup ${dir}: ${pidsUnder(dir).length} processes left`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
