// OOMScoreAdjust= where the manager may not lower an OOM score. Writing a value below the
// current one to /proc/self/oom_score_adj needs CAP_SYS_RESOURCE; systemd, lacking it (in a
// container), logs "assuming containerized execution" and runs the service anyway, and so does
// the spawn of @sysmaster/sys. This says so where `sctl status` shows it, as a notice.
import type { ExecOs } from './os-needs';
import type { ExecSettings } from './settings';

const CAP_SYS_RESOURCE = 24n;

/** The notice for an OOMScoreAdjust= this worker cannot apply, or none. */
export function oomScoreNotices(os: Pick<ExecOs, 'readFile'>, exec: Pick<ExecSettings, 'oomScoreAdjust'>): string[] {
  const wanted = exec.oomScoreAdjust;
  if (wanted === null) return [];
  let current: number;
  let capable: boolean;
  try {
    current = Number(os.readFile('/proc/self/oom_score_adj').trim());
    const capEff = /^CapEff:\s+([0-9a-f]+)$/m.exec(os.readFile('/proc/self/status'))?.[1] ?? '0';
    capable = ((BigInt(`0x${capEff}`) >> CAP_SYS_RESOURCE) & 1n) === 1n;
  } catch {
    return [];
  }
  if (capable || wanted >= current) return [];
  return [`OOMScoreAdjust=${wanted} is not applied: lowering the OOM score needs CAP_SYS_RESOURCE, which the manager lacks here (systemd ignores it the same way in a container)`];
}
