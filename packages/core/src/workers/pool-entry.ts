// What the worker pool (pool.ts) keeps about one worker, and what of it the units of its type
// show: the entry is the pool's state per type; its life follows worker-lifecycle.ts.
import fs from 'node:fs';
import type { ExecContext } from '@sysmaster/sys';
import { logDir, type Client, type DescribeResponse__Output, type ManagerProcess } from '@sysmaster/proto';
import { workerEnvironment } from './environment';
import type { Liveness } from './liveness';
import type { WorkerRegistration } from './registry';
import type { StatusGuard } from './status-guard';
import type { WorkerState } from './worker-lifecycle';

/** The OS effects of the pool. */
export interface PoolSys {
  spawn(ctx: ExecContext): number;
  watchProcessExit(pid: number, onExit: () => void): () => void;
  /** Sends a signal (a hung worker gets SIGKILL); throws ESRCH for a pid that is gone. */
  kill(pid: number, signal: NodeJS.Signals): void;
}

export interface Entry {
  reg: WorkerRegistration;
  state: WorkerState;
  failure: string;
  client: Client<'UnitWorker'> | null;
  describe: DescribeResponse__Output | null;
  pid: number;
  /** Settles when the current start attempt is over (ready or failed); what requests wait for. */
  ready: Promise<void>;
  settleReady: (() => void) | null;
  cancelExitWatch: (() => void) | null;
  /** The pid of this incarnation is gone. */
  exited: boolean;
  stream: { cancel(): void; pause(): unknown; resume(): unknown } | null;
  /** The Watch stream is paused (a flood: read one second in FLOOD_READ_EVERY). */
  paused: boolean;
  /** Seconds since the flood began. */
  floodTicks: number;
  /** Restarts in the current crash streak (it resets after a long enough life). */
  streak: number;
  /** Every restart since the core started, and the last reason; re-execs (daemon-reexec). */
  restarts: number;
  reexecs: number;
  lastLoss: string;
  startedAt: number;
  /** Bumped on each start attempt, so callbacks of an earlier incarnation are ignored. */
  epoch: number;
  guard: StatusGuard;
  keepalive: NodeJS.Timeout | null;
  restartTimer: NodeJS.Timeout | null;
  liveness: Liveness | null;
  pinging: boolean;
}

/** A registered worker not started yet. */
export function newEntry(reg: WorkerRegistration, guard: StatusGuard): Entry {
  return {
    reg, state: 'idle', failure: '', client: null, describe: null, pid: 0, ready: Promise.resolve(), settleReady: null,
    cancelExitWatch: null, exited: false, stream: null, paused: false, floodTicks: 0, streak: 0, restarts: 0, reexecs: 0, lastLoss: '', startedAt: 0, epoch: 0,
    guard, keepalive: null, restartTimer: null, liveness: null, pinging: false,
  };
}

/** Sentences the units of the entry's type show in `sctl status` about their worker; [] when it is well. */
export function workerNotices(entry: Entry): string[] {
  const { type } = entry.reg;
  const out: string[] = [];
  if (entry.state === 'lost' || entry.state === 'backoff' || (entry.state === 'starting' && entry.restarts > 0)) {
    out.push(`the ${type} worker is restarting (${entry.lastLoss}; ${entry.restarts} restart${entry.restarts === 1 ? '' : 's'} so far)`);
  } else if (entry.state === 'failed') {
    out.push(`the ${type} worker failed: ${entry.failure}`);
  } else if (entry.state === 'retired') {
    out.push(`the registration of the ${type} worker was removed; it is left running but no longer used`);
  } else if (entry.restarts > 0) {
    out.push(`the ${type} worker was restarted ${entry.restarts} time${entry.restarts === 1 ? '' : 's'} (last: ${entry.lastLoss})`);
  }
  return [...out, ...entry.guard.notices()];
}

/** The entry as GetManagerProcesses shows it. */
export function processOf(entry: Entry): ManagerProcess {
  const d = entry.describe;
  return {
    name: `sm-${entry.reg.type}`, role: 'worker', pid: entry.pid, image_started_usec: d?.image_started_usec ?? 0,
    starts: entry.state === 'idle' ? 0 : 1 + entry.restarts, reexecs: Math.max(entry.reexecs, d?.reexecs ?? 0), last_replacement: entry.lastLoss,
    state: entry.state, version: d?.version ?? '', contract_version: d?.contract_version ?? 0,
  };
}

/** Describe, or null when the worker does not answer within timeoutMs. */
export async function tryDescribe(client: Client<'UnitWorker'>, timeoutMs: number): Promise<DescribeResponse__Output | null> {
  try {
    return await client.Describe({}, { timeoutMs });
  } catch {
    return null;
  }
}

/** Starts the registered program (setsid, a clean environment, output appended to logDir()/sm-TYPE.log); returns its pid. */
export function spawnWorker(sys: Pick<PoolSys, 'spawn'>, reg: WorkerRegistration, env: NodeJS.ProcessEnv): number {
  fs.mkdirSync(logDir(), { recursive: true });
  return sys.spawn({
    path: reg.program, argv: reg.argv, env: workerEnvironment(reg.type, env), setsid: true,
    stdin: { kind: 'null' }, stdout: { kind: 'file', path: `${logDir()}/sm-${reg.type}.log`, mode: 'append' }, stderr: { kind: 'stdout' },
  });
}
