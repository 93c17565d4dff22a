// Finding the main process of a Type=forking service once its start command has exited.
//
// PIDFile= is read after the parent exits (daemons write it before the parent leaves). Its pid
// must exist; a PID file owned by a user other than root that points outside the unit's cgroup
// is refused (an unprivileged daemon must not make the manager adopt, and later signal, an
// arbitrary process), as systemd refuses it. Without PIDFile=, GuessMainPID=yes looks at the
// cgroup: when exactly one process other than the control process is left, it is the main
// process; otherwise the main process stays unknown and the unit runs for as long as its cgroup
// is populated.

import type { ServiceOs } from './os';

export type PidFileOutcome = { pid: number } | { missing: true } | { refused: string };

/** Reads and checks a PID file for the unit whose cgroup is `cgroupDir`. */
export function readPidFile(os: ServiceOs, file: string, cgroupDir: string | null): PidFileOutcome {
  let text: string;
  try {
    text = os.readFile(file);
  } catch {
    return { missing: true };
  }
  const word = text.trim().split(/\s+/)[0] ?? '';
  if (!/^\d+$/.test(word) || Number(word) <= 1) return { refused: `PIDFile=${file} does not hold a valid pid ("${word.slice(0, 20)}")` };
  const pid = Number(word);
  if (!os.isAlive(pid)) return { refused: `PIDFile=${file} names pid ${pid}, which does not exist` };
  const inside = cgroupDir === null || os.cgroupOfPid(pid) === cgroupDir;
  const owner = os.fileOwner(file);
  if (!inside && owner !== 0) {
    return { refused: `PIDFile=${file} is owned by uid ${owner ?? '?'} and names pid ${pid}, which is outside the unit's cgroup; refusing it` };
  }
  return { pid };
}

/** The only process of the cgroup other than `controlPid`, or 0 when there is not exactly one. */
export function guessMainPid(os: ServiceOs, cgroupDir: string | null, controlPid: number): number {
  if (cgroupDir === null) return 0;
  const candidates = os.cgroupProcs(cgroupDir).filter((pid) => pid !== controlPid);
  return candidates.length === 1 ? candidates[0]! : 0;
}
