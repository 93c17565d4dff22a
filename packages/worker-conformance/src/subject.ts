// The worker under test. Either the kit starts it itself from its registration file, as the core
// would (the core's registration parser, the core's environment rule, setsid, output appended to
// a log), but with a private runtime folder (socket, state), log folder, persistent folder and
// cgroup subtree in a temporary place, so a run never touches a running system; or the kit attaches to a worker that
// is already serving a socket, in which case it cannot restart it (the worker-restart check is
// skipped) and whatever the worker holds is the worker's business.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRegistration, workerEnvironment } from '@sysmaster/core';
import { SysmasterError, connect, type DescribeResponse__Output } from '@sysmaster/proto';
import { cgroup2Root } from '@sysmaster/sys';
import { environmentObject } from './environment';
import { socketOwners } from './socket-owner';

/** A parsed registration (the core's WorkerRegistration, which @sysmaster/core does not export by name). */
export type WorkerRegistration = Extract<ReturnType<typeof parseRegistration>, { argv: string[] }>;

export interface Subject {
  /** The type the worker must describe itself as (registration Type=, else the socket's name). */
  expectedType: string;
  socketPath: string;
  /** The pids that really serve the socket: the spawned one, else its owners from /proc. */
  servingPids(): number[];
  /** Whether killAndRespawn() is possible (the kit started the worker). */
  respawnable: boolean;
  /** SIGKILLs the worker and starts it again from its registration; resolves once it answers Describe. */
  killAndRespawn(): Promise<void>;
  /** The last part of the worker's output, for failure reasons ("" when not known). */
  logTail(): string;
  /** Stops a spawned worker (SIGTERM, then SIGKILL) and removes the temporary folders. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with Describe once the socket answers, or rejects after `timeoutMs` or when `gone()` says the process died. */
export async function awaitDescribe(socketPath: string, timeoutMs: number, gone: () => string | null = () => null): Promise<DescribeResponse__Output> {
  const deadline = Date.now() + timeoutMs;
  let last = 'the socket does not exist';
  while (Date.now() < deadline) {
    const exited = gone();
    if (exited) throw new SysmasterError('ERR_UNAVAILABLE', `the worker exited before it answered Describe (${exited})`);
    if (fs.existsSync(socketPath)) {
      const client = connect('UnitWorker', socketPath);
      try {
        return await client.Describe({}, { timeoutMs: 1000 });
      } catch (error) {
        last = (error as Error).message;
      } finally {
        client.close();
      }
    }
    await sleep(50);
  }
  throw new SysmasterError('ERR_TIMEOUT', `no answer to Describe on ${socketPath} within ${timeoutMs / 1000}s: ${last}`);
}

/** Attaches to a worker already serving `socketPath`; the expected type is `type`, else the socket's name. */
export function attachSubject(socketPath: string, type?: string): Subject {
  const expectedType = type ?? path.basename(socketPath).replace(/\.sock$/, '');
  return {
    expectedType,
    socketPath,
    servingPids: () => socketOwners(socketPath),
    respawnable: false,
    killAndRespawn: () => Promise.reject(new SysmasterError('ERR_UNIMPLEMENTED', 'an attached worker cannot be restarted by the kit')),
    logTail: () => '',
    close: async () => undefined,
  };
}

/** Makes a private cgroup subtree under the hierarchy's root, or returns null when that is not possible. */
function privateCgroup(): string | null {
  const root = cgroup2Root();
  if (!root || !fs.existsSync(path.join(root, 'cgroup.procs'))) return null;
  const dir = path.join(root, `sm-verify-${process.pid}-${Date.now()}`);
  try {
    fs.mkdirSync(dir);
    return dir;
  } catch {
    return null;
  }
}

/** Removes a cgroup tree, deepest first (a cgroup folder is removed with rmdir once empty). */
function removeCgroup(dir: string): void {
  let entries: fs.Dirent[] = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) if (e.isDirectory()) removeCgroup(path.join(dir, e.name));
  try { fs.rmdirSync(dir); } catch { /* still populated; left for the administrator */ }
}

/** Reads a registration file with the core's parser; a problem is ERR_INVALID_ARGUMENT naming the file and key. */
export function readRegistration(registrationFile: string): WorkerRegistration {
  const file = path.resolve(registrationFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseRegistration(text, file);
  if ('message' in parsed) throw new SysmasterError('ERR_INVALID_ARGUMENT', `${parsed.file}: ${parsed.key ? `${parsed.key}=: ` : ''}${parsed.message}`);
  return parsed;
}

/**
 * Kills whatever the worker left in the private subtree (a service it could not stop) with
 * cgroup.kill, waits for the subtree to empty, then removes it.
 */
async function killCgroup(dir: string): Promise<void> {
  try { fs.writeFileSync(path.join(dir, 'cgroup.kill'), '1'); } catch { /* kernel before 5.14: only what is empty goes */ }
  const end = Date.now() + 2000;
  while (Date.now() < end && /populated 1/.test(readOr(path.join(dir, 'cgroup.events')))) await sleep(20);
  removeCgroup(dir);
}

function readOr(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

/** Starts the worker of registration `reg` as the core would, in a private runtime. */
export async function spawnSubject(reg: WorkerRegistration): Promise<Subject> {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), `sm-verify-${reg.type}-`));
  const cgroup = privateCgroup();
  const overrides: NodeJS.ProcessEnv = {
    ...process.env,
    SYSMASTER_RUNTIME_DIR: path.join(top, 'run'),
    SYSMASTER_LOG_DIR: path.join(top, 'log'),
    SYSMASTER_PERSISTENT_DIR: path.join(top, 'lib'), // /var/lib/sysmaster: state kept across boots (the timer's)
    ...(cgroup ? { SYSMASTER_CGROUP_ROOT: cgroup } : {}),
  };
  delete overrides.SYSMASTER_WORKER_SOCKET; // the kit, like the core, expects workerSocket(type)
  const env = environmentObject(workerEnvironment(reg.type, overrides));
  const socketPath = path.join(top, 'run', 'workers', `${reg.type}.sock`);
  const logFile = path.join(top, 'log', `sm-${reg.type}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  let child: ChildProcess | null = null;

  const exitOf = (c: ChildProcess): string | null =>
    c.exitCode !== null ? `exit status ${c.exitCode}` : c.signalCode !== null ? `signal ${c.signalCode}` : null;
  const waitExit = (c: ChildProcess, ms: number): Promise<boolean> => new Promise((resolve) => {
    if (exitOf(c)) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    c.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
  const logTail = (): string => {
    try { return fs.readFileSync(logFile, 'utf8').slice(-2000); } catch { return ''; }
  };
  const start = async (): Promise<void> => {
    const out = fs.openSync(logFile, 'a');
    try {
      child = spawn(reg.program, reg.argv.slice(1), { argv0: reg.argv[0], env, detached: true, stdio: ['ignore', out, out] });
    } finally {
      fs.closeSync(out);
    }
    const started = child;
    started.on('error', () => undefined); // an exec failure shows as an exit below
    try {
      await awaitDescribe(socketPath, READY_TIMEOUT_MS, () => exitOf(started));
    } catch (error) {
      throw new SysmasterError('ERR_UNAVAILABLE', `${(error as Error).message}; its output:\n${logTail()}`, { cause: error });
    }
  };

  await start();
  return {
    expectedType: reg.type,
    socketPath,
    servingPids: () => (child?.pid && !exitOf(child) ? [child.pid] : []),
    respawnable: true,
    killAndRespawn: async () => {
      if (child?.pid) {
        try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
        await waitExit(child, 5000);
      }
      await start();
    },
    logTail,
    close: async () => {
      if (child?.pid && !exitOf(child)) {
        try { process.kill(child.pid, 'SIGTERM'); } catch { /* gone */ }
        if (!(await waitExit(child, 3000))) {
          try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
          await waitExit(child, 2000);
        }
      }
      if (cgroup) await killCgroup(cgroup);
      fs.rmSync(top, { recursive: true, force: true });
    },
  };
}
