// How init starts the core and how init hands its state to its own next image.
//
// The core gets a clean environment (a service manager never passes its own on: this machine's
// NODE_EXTRA_CA_CERTS alone adds ~37 ms to every Node start), the two sctl listening sockets as
// fds 3 (private, full access) and 4 (public, read-only), and its stdout/stderr appended to
// logDir()/sysmaster.log.
import path from 'node:path';
import type { SpawnContext } from './sys-seam';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** The variable that carries init's state across Init.Reexec. */
export const STATE_VARIABLE = 'SYSMASTER_INIT_STATE';

/** The core's environment: PATH, LANG, init's own SYSMASTER_* overrides, and the generation. */
export function coreEnvironment(own: NodeJS.ProcessEnv, generation: number): string[] {
  const env: string[] = [`PATH=${own.PATH || DEFAULT_PATH}`, `LANG=${own.LANG || 'C.UTF-8'}`];
  for (const [key, value] of Object.entries(own)) {
    if (!key.startsWith('SYSMASTER_') || value === undefined) continue;
    if (key === STATE_VARIABLE || key === 'SYSMASTER_CORE_GENERATION') continue;
    env.push(`${key}=${value}`);
  }
  env.push(`SYSMASTER_CORE_GENERATION=${generation}`);
  return env;
}

/** The spawn context of core incarnation `generation`. */
export function coreSpawnContext(command: string[], generation: number, sctlFds: number[], logDirectory: string, own: NodeJS.ProcessEnv = process.env): SpawnContext {
  const program = command[0] ?? '';
  const log = path.join(logDirectory, 'sysmaster.log');
  return {
    path: program,
    argv: command,
    env: coreEnvironment(own, generation),
    cwd: '/',
    setsid: false,
    stdin: { kind: 'null' },
    stdout: { kind: 'file', path: log, mode: 'append' },
    stderr: { kind: 'stdout' },
    fds: sctlFds,
  };
}

/** What one init image hands to the next across execve (Init.Reexec). */
export interface InitState {
  corePid: number;
  privateFd: number;
  publicFd: number;
  coreStarts: number;
  orphans: number;
  bootUsec: number;
  /** How many times init re-executed itself (absent in a state from before the field: 0). */
  reexecs?: number;
  /** Why the last core was replaced ("" when none was). */
  lastCoreReplacement?: string;
}

/** Reads SYSMASTER_INIT_STATE; returns null (with the reason) when absent or malformed. */
export function decodeState(text: string | undefined): { state: InitState | null; error?: string } {
  if (text === undefined || text === '') return { state: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { state: null, error: `${STATE_VARIABLE} is not JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null) return { state: null, error: `${STATE_VARIABLE} is not an object` };
  const r = raw as Record<string, unknown>;
  const keys = ['corePid', 'privateFd', 'publicFd', 'coreStarts', 'orphans', 'bootUsec'] as const;
  for (const key of keys) {
    const v = r[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1) return { state: null, error: `${STATE_VARIABLE}.${key} is not an integer` };
  }
  return {
    state: {
      corePid: r.corePid as number, privateFd: r.privateFd as number, publicFd: r.publicFd as number,
      coreStarts: r.coreStarts as number, orphans: r.orphans as number, bootUsec: r.bootUsec as number,
      reexecs: typeof r.reexecs === 'number' && Number.isInteger(r.reexecs) && r.reexecs >= 0 ? r.reexecs : 0,
      lastCoreReplacement: typeof r.lastCoreReplacement === 'string' ? r.lastCoreReplacement.slice(0, 200) : '',
    },
  };
}

export function encodeState(state: InitState): string {
  return JSON.stringify(state);
}
