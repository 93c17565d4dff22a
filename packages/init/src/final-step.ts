// The final step of shutdown, the last thing init does:
//
//   1. SIGTERM (and SIGCONT, so stopped processes see it) to every process left. As PID 1 that
//      is kill(-1): the kernel signals everything but init itself. In a development run init
//      is not PID 1 and must not signal the host, so it signals only its own descendants,
//      found by walking /proc ppid chains (this kernel has no CONFIG_PROC_CHILDREN).
//   2. Wait up to ShutdownTimeoutSec for them to go. They die as children of init (orphans are
//      reparented to it), and the reaper keeps reaping meanwhile, so "gone" means "no longer
//      in /proc", zombies included. A process that appears meanwhile (forked by a dying one, or
//      entered from outside, like a sandbox's late `nsenter … sctl poweroff`) gets SIGTERM and
//      SIGCONT too when it is first seen: else the step would wait the whole timeout for it.
//   3. SIGKILL whatever is left, and wait a little for the reaper once more.
//   4. sync().
//   5. PID 1 of the system: unmount (lazily, in reverse mount order, leaving /proc, /sys and
//      /dev), then reboot(2) with the requested kind. A reboot passes RebootArgument= when the
//      core wrote one to /run/sysmaster/reboot-param (systemd's /run/systemd/reboot-param), so
//      reboot(2) gets LINUX_REBOOT_CMD_RESTART2 with it. PID 1 of a sandbox namespace, or a dev
//      run: exit 0 (a sandbox cannot reboot; "reboot" is logged and ends the sandbox too).
//
// Kind "exit" (the core's SuccessAction=exit/exit-force, after exit.target): a sandbox's or a
// dev run's init exits, which ends the sandbox as systemd's exit ends a container. PID 1 of the
// real system cannot exit (the kernel would panic), so it powers off, as systemd does for exit
// outside a container ("Doing poweroff instead of exit").
import fs from 'node:fs';
import type { Clock, FinalKind, RebootKind } from './sys-seam';
import type { InitRole } from './system-setup';
import { parseMountinfo } from './system-setup';

/** How long init waits for SIGKILLed processes to be reaped before it carries on. */
export const KILL_WAIT_MS = 5_000;
const POLL_MS = 20;

export interface FinalStepDeps {
  role: InitRole;
  /** Sends a signal; pid -1 means every process but init. */
  kill(pid: number, signal: NodeJS.Signals): void;
  /** The processes that must go (see processesToStop). */
  remaining(): number[];
  sync(): void;
  unmountAll(): void;
  /** reboot(2); `argument` (only for a reboot) makes it LINUX_REBOOT_CMD_RESTART2. */
  reboot(kind: RebootKind, argument?: string): void;
  /** RebootArgument= as the core left it (readRebootArgument), or undefined. */
  rebootArgument(): string | undefined;
  exit(code: number): void;
  clock: Clock;
  log: { info(message: string, meta?: object): void; warn(message: string, meta?: object): void; error(message: string, meta?: object): void };
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => { clock.after(ms, resolve); });
}

/** Polls until nothing is left or `ms` passed; newcomers not in `signalled` get SIGTERM (see 2.). */
async function waitGone(deps: FinalStepDeps, ms: number, signalled?: Set<number>): Promise<number[]> {
  const until = deps.clock.now() + ms;
  let left = deps.remaining();
  while (left.length > 0 && deps.clock.now() < until) {
    await sleep(deps.clock, POLL_MS);
    left = deps.remaining();
    for (const pid of signalled ? left.filter((p) => !signalled.has(p)) : []) {
      signalled?.add(pid);
      deps.kill(pid, 'SIGTERM');
      deps.kill(pid, 'SIGCONT');
    }
  }
  return left;
}

function signalAll(deps: FinalStepDeps, signal: NodeJS.Signals, pids: number[]): void {
  if (deps.role === 'dev') {
    for (const pid of pids) deps.kill(pid, signal);
  } else {
    deps.kill(-1, signal);
  }
}

/** Runs the final step; resolves after exit() (or after reboot(2) failed, as PID 1 of the system). */
export async function runFinalStep(kind: FinalKind, timeoutSec: number, deps: FinalStepDeps): Promise<void> {
  deps.log.info('final step: stopping every process left', { kind, role: deps.role });
  const first = deps.remaining();
  signalAll(deps, 'SIGTERM', first);
  signalAll(deps, 'SIGCONT', first);
  let left = await waitGone(deps, timeoutSec * 1000, new Set(first));
  if (left.length > 0) {
    deps.log.warn('final step: processes still running after SIGTERM; sending SIGKILL', { pids: left.slice(0, 50), count: left.length });
    signalAll(deps, 'SIGKILL', left);
    left = await waitGone(deps, KILL_WAIT_MS);
    if (left.length > 0) deps.log.error('final step: processes survived SIGKILL', { pids: left.slice(0, 50) });
  }
  deps.sync();
  if (deps.role === 'system') {
    deps.unmountAll();
    deps.sync();
    const rebootKind: RebootKind = kind === 'exit' ? 'poweroff' : kind;
    deps.log.info(kind === 'exit' ? 'final step: exit requested; PID 1 of the system cannot exit, so it powers off' : `final step: ${kind}`);
    const argument = rebootKind === 'reboot' ? deps.rebootArgument() : undefined;
    try {
      if (argument === undefined) deps.reboot(rebootKind);
      else {
        deps.log.info(`final step: rebooting with argument '${argument}'`);
        deps.reboot(rebootKind, argument);
      }
    } catch (error) {
      // PID 1 must not exit (the kernel would panic): stay up as a reaper and say why.
      deps.log.error('reboot(2) failed; init stays up', { kind, error: String((error as Error)?.message ?? error) });
    }
    return;
  }
  if (kind === 'reboot' || kind === 'kexec') deps.log.info(`final step: ${kind} requested; a ${deps.role} init cannot reboot the machine, so it exits 0`);
  else deps.log.info(`final step: ${kind} done, exiting`);
  deps.exit(0);
}

/**
 * The reboot argument the core wrote (start.ts writeRebootArgument: the unit's RebootArgument=
 * before a reboot action) to `dir`/reboot-param: its first line, trimmed; undefined when the
 * file is missing or empty.
 */
export function readRebootArgument(dir: string, read: (file: string) => string = (file) => fs.readFileSync(file, 'utf8')): string | undefined {
  let text: string;
  try {
    text = read(`${dir}/reboot-param`);
  } catch {
    return undefined;
  }
  const line = text.split('\n')[0]!.trim();
  return line === '' ? undefined : line;
}

/** One /proc/<pid>/stat, the fields the final step needs. */
interface ProcStat { pid: number; ppid: number; kernelThread: boolean }

const PF_KTHREAD = 0x00200000;

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm may hold spaces and parentheses: the fields after it start after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(rest[1]);
  const flags = Number(rest[6]);
  if (!Number.isFinite(ppid) || !Number.isFinite(flags)) return null;
  return { pid, ppid, kernelThread: (flags & PF_KTHREAD) !== 0 };
}

function allStats(): ProcStat[] {
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const name of names) {
    if (!/^[0-9]+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}

/**
 * The processes the final step must end: as PID 1, every user process but init; in a dev run,
 * init's own descendants only.
 */
export function processesToStop(role: InitRole, self: number = process.pid): number[] {
  const stats = allStats().filter((s) => s.pid !== self && !s.kernelThread);
  if (role !== 'dev') return stats.map((s) => s.pid);
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const out: number[] = [];
  const queue = [...(children.get(self) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Lazily unmounts everything but /, /proc, /sys and /dev (and what is below them), last first. */
export function unmountAll(umount: (target: string) => void, report: (target: string, error: unknown) => void): void {
  let table;
  try {
    table = parseMountinfo(fs.readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch (error) {
    report('/proc/self/mountinfo', error);
    return;
  }
  const kept = ['/proc', '/sys', '/dev'];
  for (const entry of table.reverse()) {
    const t = entry.target;
    if (t === '/' || kept.some((k) => t === k || t.startsWith(`${k}/`))) continue;
    try {
      umount(t);
    } catch (error) {
      report(t, error);
    }
  }
}
