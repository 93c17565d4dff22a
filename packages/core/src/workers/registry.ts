// Worker registrations (docs/conventions.md "Worker registration"): one ini file `<type>.conf`
// per unit type, `[Worker] Type=… ExecStart=… [TimeoutStartSec=…]`, in /usr/lib/sysmaster/workers and
// /etc/sysmaster/workers (later folders win for the same type); SYSMASTER_WORKER_PATH
// (colon-separated) replaces the list. A relative program is resolved against the file's
// folder; a program ending in .js runs under the core's own node (process.execPath).
import fs from 'node:fs';
import path from 'node:path';
import ini from 'ini';
import { configDir } from '@sysmaster/proto';
import { parseTimespan } from '@sysmaster/unit-file';

/**
 * How long a spawned worker may take to answer its first Describe by default: systemd's
 * DefaultTimeoutStartSec=. A worker is a whole Node (or Python) process loading gRPC; under
 * software emulation that alone took ~28 s at boot (docs/field-notes.md), so a few seconds is
 * no bound for a real machine. TimeoutStartSec= in the registration changes it.
 */
export const DEFAULT_WORKER_START_TIMEOUT_MS = 90_000;

export interface WorkerRegistration {
  type: string;
  /** Absolute program path that spawn() executes. */
  program: string;
  /** argv, argv[0] included. */
  argv: string[];
  /** The registration file. */
  file: string;
  /** TimeoutStartSec=: how long the spawned worker may take to answer its first Describe (ms). */
  startTimeoutMs: number;
}

export interface RegistryProblem { file: string; key: string; message: string }

/** The folders searched for registrations, lowest priority first. */
export function workerSearchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env.SYSMASTER_WORKER_PATH;
  if (override) return override.split(':').filter((d) => d !== '');
  return ['/usr/lib/sysmaster/workers', path.join(configDir(), 'workers')];
}

const TYPE_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Parses one registration file's text. Returns the registration or the problem. */
/**
 * V8 flags for a worker run under the core's node: at most 1 MiB per young-generation semi-space,
 * as init gives the core (packages/init/src/config.ts CORE_NODE_FLAGS): V8 grows it to 16 MiB
 * under the allocation bursts of a boot and the pages stay resident.
 */
const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

export function parseRegistration(text: string, file: string, execPath = process.execPath): WorkerRegistration | RegistryProblem {
  let parsed: Record<string, unknown>;
  try {
    parsed = ini.parse(text);
  } catch (error) {
    return { file, key: '', message: `cannot parse: ${(error as Error).message}` };
  }
  const section = parsed.Worker;
  if (typeof section !== 'object' || section === null) return { file, key: 'Worker', message: 'no [Worker] section' };
  const fields = section as Record<string, unknown>;
  const type = typeof fields.Type === 'string' ? fields.Type.trim() : '';
  const fromName = path.basename(file, '.conf');
  if (!TYPE_PATTERN.test(type)) return { file, key: 'Type', message: `missing or invalid Type= "${type}" (lower-case letters, digits and '-')` };
  if (type !== fromName) return { file, key: 'Type', message: `Type=${type} does not match the file name ${fromName}.conf` };
  const exec = typeof fields.ExecStart === 'string' ? fields.ExecStart.trim() : '';
  const words = exec.split(/\s+/).filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) return { file, key: 'ExecStart', message: 'missing ExecStart=' };
  const program = path.resolve(path.dirname(file), first);
  const rest = words.slice(1);
  let startTimeoutMs = DEFAULT_WORKER_START_TIMEOUT_MS;
  if (typeof fields.TimeoutStartSec === 'string' && fields.TimeoutStartSec.trim() !== '') {
    try {
      const usec = parseTimespan(fields.TimeoutStartSec.trim());
      if (!Number.isFinite(usec) || usec <= 0) throw new Error('it must be a positive time span');
      startTimeoutMs = Math.ceil(usec / 1000);
    } catch (error) {
      return { file, key: 'TimeoutStartSec', message: `invalid TimeoutStartSec= "${fields.TimeoutStartSec}": ${(error as Error).message}` };
    }
  }
  if (program.endsWith('.js')) return { type, program: execPath, argv: [execPath, ...WORKER_NODE_FLAGS, program, ...rest], file, startTimeoutMs };
  return { type, program, argv: [program, ...rest], file, startTimeoutMs };
}

export function isProblem(value: WorkerRegistration | RegistryProblem): value is RegistryProblem {
  return 'message' in value;
}

/** Reads every registration in `dirs` (later folders win for the same type). Never throws. */
export function readRegistrations(dirs: string[] = workerSearchPath()): { workers: Map<string, WorkerRegistration>; problems: RegistryProblem[] } {
  const workers = new Map<string, WorkerRegistration>();
  const problems: RegistryProblem[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.conf')).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') problems.push({ file: dir, key: '', message: `cannot read folder (${code ?? String(error)})` });
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        problems.push({ file, key: '', message: `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
        continue;
      }
      const result = parseRegistration(text, file);
      if (isProblem(result)) problems.push(result);
      else workers.set(result.type, result);
    }
  }
  return { workers, problems };
}
