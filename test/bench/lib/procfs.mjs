// Reading processes from the host's /proc: name, command line, namespace pid and memory.
// Every read tolerates the process being gone (it returns null): the trees we watch are alive
// and a process may exit between listing and reading.
import fs from 'node:fs';

/** The comm of `pid` (what ps shows, 15 characters at most), or null when it is gone. */
export function comm(pid) {
  try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd(); } catch { return null; }
}

/** The argv of `pid`, or null when it is gone. */
function argv(pid) {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s, i, a) => !(i === a.length - 1 && s === ''));
  } catch { return null; }
}

/** Whether `pid` is one of the benchmark's services: `sleep infinity`. */
export function isBenchSleep(pid) {
  if (comm(pid) !== 'sleep') return false;
  const a = argv(pid);
  return a !== null && a.length === 2 && a[1] === 'infinity';
}

/** The pid of `pid` in its innermost PID namespace (last NSpid value), or null. */
export function innermostPid(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const line = status.split('\n').find((l) => l.startsWith('NSpid:'));
    if (!line) return null;
    const ids = line.slice(6).trim().split(/\s+/).map(Number);
    return ids[ids.length - 1] ?? null;
  } catch { return null; }
}

/**
 * Rss and Pss of `pid` in KiB from /proc/PID/smaps_rollup, or null when it is gone.
 * Pss charges each shared page to its sharers in proportion, so the sum of Pss over a tree of
 * processes is what the tree costs the machine; the sum of Rss counts shared pages many times.
 */
export function memory(pid) {
  let text;
  try { text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'); } catch { return null; }
  const field = (name) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return { rssKiB: field('Rss'), pssKiB: field('Pss') };
}

/**
 * CPU time `pid` has used so far (user + system) in clock ticks, from /proc/PID/stat, or null
 * when it is gone. Fields 14 and 15 count from after the parenthesised comm, which may itself
 * hold spaces and parentheses, so the line is split after its last ')'.
 */
export function cpuTicks(pid) {
  let text;
  try { text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return null; }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
