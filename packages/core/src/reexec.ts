// daemon-reexec: the live upgrade of every manager process to the code now on disk, without
// restarting a service, losing a job or refusing a call.
//
// The order, and why:
//   1. preflight — the core's new code is run once as `main.js --contract-version`: it must load
//      and speak this contract revision, else nothing is touched and the call fails (the old code
//      keeps running everywhere);
//   2. workers, all at once (WorkerPool.reexec; they are independent of each other): each keeps
//      its pid, children and fds; requests for its type wait meanwhile; one that refuses stays the old code, one that dies or never
//      comes back takes the crash path (restarted, its units re-adopted); a worker without
//      can_reexec is left as it is, and the answer says so;
//   3. init (Init.Reexec), waited for until its new image answers Status;
//   4. the core itself, after the answer is sent: Init.CoreReexecuting (init counts no missed
//      keepalive until the new image answers), the store flushed and closed, the sctl sockets
//      kept across execve (clients meanwhile wait in their backlog; a call cut off is retried by
//      sctl with its request id), then execve of the same pid. The new image takes the crash
//      path's way up: adopts the workers, resyncs from List, takes over the journalled jobs,
//      and serves no call before that. An execve that fails leaves the old image running.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { CONTRACT_VERSION, SysmasterError, type Client, type DescribeResponse__Output } from '@sysmaster/proto';
import type { Logger } from './log';

export interface ReexecPort {
  log: Logger;
  workers: {
    types(): string[];
    describe(type: string): DescribeResponse__Output | null;
    reexec(type: string): Promise<{ ok: boolean; message: string }>;
  };
  /** A client of init's Init service, or null when the core runs without init. */
  init(): Client<'Init'> | null;
  /** Replaces this process's image (the step 4 above); throws when it cannot. Called after the answer. */
  execSelf(): Promise<void>;
  /** The core's main script on disk (default: main.js beside this module). */
  mainScript?: string;
}

/** The line of a Node.js crash report that names the error ("SyntaxError: …"). */
function firstError(stderr: string): string | undefined {
  return stderr.split('\n').map((l) => l.trim()).find((l) => /^\w*Error\b/.test(l));
}

/** Step 1: runs the new code on disk once; resolves when it speaks this revision. */
export async function preflight(mainScript: string): Promise<void> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, mainScript, '--contract-version'], { timeout: 20_000, env: process.env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${mainScript} does not start: ${firstError(stderr) ?? error.message}`));
      else resolve(stdout.trim());
    });
  });
  const theirs = Number(out);
  if (!Number.isInteger(theirs) || theirs !== CONTRACT_VERSION) {
    throw new Error(`the core on disk (${mainScript}) speaks contract revision ${out || '(none)'}, this one ${CONTRACT_VERSION}`);
  }
}

/** What execCore needs: the store to close, the fds to keep, the OS calls. */
export interface ExecCoreDeps {
  log: Logger;
  /** Commits every pending write and closes the store (lmdb's reader slot is per pid: a new image must not find the old one's). */
  closeStore(): Promise<void>;
  /** The inherited sctl socket fds, kept across execve. */
  keepFds: number[];
  setCloexec(fd: number, on: boolean): void;
  execve(file: string, argv: string[], env: string[]): never;
  /** A client of init, told before the exec; null without init. */
  init(): Client<'Init'> | null;
  mainScript: string;
}

/**
 * Step 4: replaces the core's image under the same pid. On success it does not return. An
 * execve that fails after the store was closed cannot carry on safely: the core exits and init
 * starts the code on disk (the preflight ran it a moment ago), which takes the crash path.
 */
export async function execCore(deps: ExecCoreDeps): Promise<void> {
  const init = deps.init();
  try {
    await init?.CoreReexecuting({}, { timeoutMs: 2_000 });
  } catch (error) {
    deps.log.warn(`daemon-reexec: init did not hear that the core re-executes (${(error as Error).message}); its keepalive may count misses`);
  } finally {
    init?.close();
  }
  await deps.closeStore();
  for (const fd of [0, 1, 2, ...deps.keepFds]) {
    try { deps.setCloexec(fd, false); } catch { /* a closed stdio fd stays closed */ }
  }
  const reexecs = Number(process.env.SYSMASTER_CORE_REEXECS ?? 0) + 1;
  const env = Object.entries({ ...process.env, SYSMASTER_CORE_REEXECS: String(reexecs) })
    .filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => `${k}=${v}`);
  deps.log.info(`daemon-reexec: execve ${deps.mainScript} (re-exec ${reexecs} of this core)`);
  try {
    deps.execve(process.execPath, [process.execPath, ...process.execArgv, deps.mainScript], env);
  } catch (error) {
    deps.log.error(`daemon-reexec: execve failed (${(error as Error).message}); the core exits and init starts it again`);
    setTimeout(() => process.exit(1), 20);
  }
}

async function reexecInit(init: Client<'Init'>): Promise<string> {
  const before = Number((await init.Status({}, { timeoutMs: 3_000 })).image_started_usec);
  await init.Reexec({}, { timeoutMs: 3_000 });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const status = await init.Status({}, { timeoutMs: 1_000 }).catch(() => null);
    if (status && Number(status.image_started_usec) > before) return `init re-executed (pid ${status.pid})`;
  }
  return 'init did not answer with a new image within 20 s; it may still run its old code';
}

/**
 * Steps 1–3, then schedules step 4 right after the caller's answer is written. Resolves with one
 * line per process; rejects with ERR_SYSTEM (nothing changed) when the preflight fails.
 */
export async function reexecute(port: ReexecPort): Promise<string[]> {
  const { log } = port;
  const mainScript = port.mainScript ?? path.join(__dirname, 'main.js');
  try {
    await preflight(mainScript);
  } catch (error) {
    throw new SysmasterError('ERR_SYSTEM', `daemon-reexec refused: ${(error as Error).message}.`, { hint: 'Nothing was re-executed: every process runs its previous code.' });
  }
  const report = await Promise.all(port.workers.types().sort().map(async (type) => {
    if (!port.workers.describe(type)?.capabilities?.can_reexec) return `the ${type} worker was left running its current code (capability can_reexec is false)`;
    const outcome = await port.workers.reexec(type);
    log.log(outcome.ok ? 'info' : 'warn', `daemon-reexec: ${outcome.message}`);
    return outcome.message;
  }));
  const init = port.init();
  if (init) {
    try {
      report.push(await reexecInit(init));
    } catch (error) {
      report.push(`init was not re-executed: ${(error as Error).message}`);
    }
  }
  report.push(`the core re-executes now (pid ${process.pid})`);
  setTimeout(() => {
    port.execSelf().catch((error: unknown) => log.error(`daemon-reexec: the core cannot re-execute; it carries on with its current code: ${(error as Error).message}`));
  }, 50);
  return report;
}
