// UnitWorker.Reexec: a worker replaces its code by what is on disk now, in place (execve, same
// pid), so the core sees one worker that never went away.
//
// What crosses the exec, and how:
// - the pid, and with it every child: the units' processes stay the worker's children (their
//   exits are reaped by the new image with their real status) and a child subreaper stays one;
// - the listening socket of UnitWorker (workerSocket(type)): created as an fd in the first place
//   (@sysmaster/sys listen, not net.Server's bind), its CLOEXEC cleared and its number passed in
//   SYSMASTER_WORKER_LISTEN_FD. A client that connects during the exec waits in the backlog; the
//   new image serves the same socket, so no call is refused;
// - the fds the type names in keptFds() (the service worker's notify socket), passed the same way
//   in SYSMASTER_WORKER_KEPT_FDS ("name=fd,name=fd") and given to the new image's create() as
//   host.handedOver.fds, so what was queued on them meanwhile is still there;
// - stdio 0–2, whose CLOEXEC libuv may have set;
// - the units' state: the type's shutdown() hook persists it (the path of SIGTERM) and the new
//   image's create() restores it, as after a crash — but, being told it was handed over, it may
//   resume what a crash would have ended (a Type=notify start waiting for READY=1).
// Everything else (gRPC connections, Watch streams, timers, pidfds, polls) ends at the exec and is
// made again. The Watch streams are ended before the exec, so the core sees a clean end.
//
// The order (worker.ts reexecHandler): answer; ANSWER_GRACE_MS later hold new calls (handlers.ts
// UnitsSlot: Describe alone is still answered) and stop accepting (listener.ts handOff: a new
// connection waits in the backlog for the next image); shutdown({ reexec: true }); keptFds();
// end the Watch streams and let them flush; execve. Measured in e2e worker-reexec: the answer in
// ~20–50 ms, the new image serving ~0.4–1 s after the call, no call refused.
//
// Failure: the target (node and the main script) is checked before anything is torn down, and a
// check that fails is the error Reexec answers; the old code goes on. An execve that fails after
// the teardown (E2BIG, ENOMEM) is logged and the worker builds its units again from the state
// files just written, in this process: the old code, carrying on.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError } from '@sysmaster/proto';

/** The listening fd of UnitWorker handed to the next image. */
export const LISTEN_FD_VARIABLE = 'SYSMASTER_WORKER_LISTEN_FD';
/** The type's kept fds handed to the next image, "name=fd,name=fd". */
export const KEPT_FDS_VARIABLE = 'SYSMASTER_WORKER_KEPT_FDS';
/** How many times this process re-executed before this image (DescribeResponse.reexecs). */
const REEXECS_VARIABLE = 'SYSMASTER_WORKER_REEXECS';

let reexecsBefore = 0;

/** How many times this worker process re-executed itself since it was started. */
export function reexecsOfThisProcess(): number {
  return reexecsBefore;
}

/** The system calls of a re-exec, injectable so tests never exec the test runner. */
export interface ReexecSys {
  /** execve(2) in place; returns only by throwing. */
  execve(file: string, argv: string[], env: string[]): never;
  setCloexec(fd: number, on: boolean): void;
  /** access(2) with R_OK or X_OK; throws when refused. */
  access(file: string, mode: 'read' | 'execute'): void;
}

/** What the previous image of this process handed over (null on a fresh start). */
export interface HandedOver {
  /** The listening fd of UnitWorker, or null when none was passed. */
  listenFd: number | null;
  /** The fds the type kept (keptFds()), by name. */
  fds: Readonly<Record<string, number>>;
}

/** The command a Reexec runs: this node, its execArgv, the main script (or exec_path) and its arguments. */
export interface ReexecCommand {
  file: string;
  argv: string[];
  /** The main script argv names (checked readable before the teardown). */
  script: string;
}

function fdNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Reads and removes the hand-over variables from `env` (so nothing the worker spawns sees them);
 * null when there were none. Malformed entries are dropped.
 */
export function takeHandedOver(env: NodeJS.ProcessEnv = process.env): HandedOver | null {
  const listen = env[LISTEN_FD_VARIABLE];
  const kept = env[KEPT_FDS_VARIABLE];
  const count = Number(env[REEXECS_VARIABLE]);
  reexecsBefore = Number.isInteger(count) && count > 0 ? count : 0;
  delete env[LISTEN_FD_VARIABLE];
  delete env[KEPT_FDS_VARIABLE];
  delete env[REEXECS_VARIABLE];
  if (listen === undefined && kept === undefined) return null;
  const fds: Record<string, number> = {};
  for (const entry of (kept ?? '').split(',')) {
    const eq = entry.indexOf('=');
    const fd = fdNumber(entry.slice(eq + 1));
    if (eq > 0 && fd !== null) fds[entry.slice(0, eq)] = fd;
  }
  return { listenFd: fdNumber(listen), fds };
}

/** The command for ReexecRequest.exec_path: "" is this process's own main script as now on disk. */
export function reexecCommand(execPath: string, proc: Pick<NodeJS.Process, 'execPath' | 'execArgv' | 'argv'> = process): ReexecCommand {
  const script = execPath === '' ? proc.argv[1] : path.resolve(execPath);
  if (script === undefined || script === '') {
    throw new SysmasterError('ERR_WRONG_STATE', 'this worker runs no main script, so there is nothing to re-execute');
  }
  return { file: proc.execPath, argv: [proc.execPath, ...proc.execArgv, script, ...proc.argv.slice(2)], script };
}

/** Refuses a command that cannot run (node not executable, the script unreadable), before anything is torn down. */
export function checkReexecCommand(command: ReexecCommand, sys: Pick<ReexecSys, 'access'>): void {
  const check = (file: string, mode: 'read' | 'execute'): void => {
    try {
      sys.access(file, mode);
    } catch (error) {
      throw new SysmasterError('ERR_INVALID_ARGUMENT', `cannot re-execute: ${file} is not ${mode === 'read' ? 'readable' : 'executable'} (${(error as Error).message})`,
        { hint: 'The worker carries on with its current code.', cause: error });
    }
  };
  check(command.file, 'execute');
  check(command.script, 'read');
}

/**
 * Clears CLOEXEC on `listenFd`, the kept fds and stdio, and execve's `command` with the hand-over
 * variables in the environment. Returns only when execve failed: CLOEXEC is then set again on
 * what was marked, and the error thrown.
 */
export function execKeeping(sys: ReexecSys, command: ReexecCommand, listenFd: number, kept: Readonly<Record<string, number>>, env: NodeJS.ProcessEnv = process.env): never {
  const pass = [listenFd, ...Object.values(kept)];
  const vars = Object.entries(env)
    .filter(([k, v]) => k !== LISTEN_FD_VARIABLE && k !== KEPT_FDS_VARIABLE && k !== REEXECS_VARIABLE && v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  vars.push(`${REEXECS_VARIABLE}=${reexecsBefore + 1}`);
  vars.push(`${LISTEN_FD_VARIABLE}=${listenFd}`);
  vars.push(`${KEPT_FDS_VARIABLE}=${Object.entries(kept).map(([name, fd]) => `${name}=${fd}`).join(',')}`);
  for (const fd of pass) sys.setCloexec(fd, false);
  for (const fd of [0, 1, 2]) {
    try { sys.setCloexec(fd, false); } catch { /* a closed stdio fd stays closed */ }
  }
  try {
    return sys.execve(command.file, command.argv, vars);
  } catch (error) {
    for (const fd of pass) {
      try { sys.setCloexec(fd, true); } catch { /* gone */ }
    }
    throw error;
  }
}

interface SysModule {
  execve(file: string, argv: string[], env: string[]): never;
  setCloexec(fd: number, on: boolean): void;
}

/** The real ReexecSys from @sysmaster/sys, or null where the addon is not built (Reexec then answers UNIMPLEMENTED). */
export function realReexecSys(): ReexecSys | null {
  let sys: SysModule;
  try {
    // Loaded lazily: a third-party worker may run where the addon is not built.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sys = require('@sysmaster/sys') as SysModule;
  } catch {
    return null;
  }
  if (typeof sys.execve !== 'function' || typeof sys.setCloexec !== 'function') return null;
  return {
    execve: (file, argv, env) => sys.execve(file, argv, env),
    setCloexec: (fd, on) => sys.setCloexec(fd, on),
    access: (file, mode) => fs.accessSync(file, mode === 'read' ? fs.constants.R_OK : fs.constants.X_OK),
  };
}
