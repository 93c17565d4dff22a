// Commands that queue jobs or act on running units: start, stop, restart, try-restart, reload,
// reload-or-restart, isolate, kill, reset-failed, clean, list-jobs, cancel.
import { randomUUID } from 'node:crypto';
import { jobModeToWire, type Job__Output } from '@sysmaster/proto';
import { parseSignal } from '@sysmaster/unit-file';
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { CliError, EXIT } from '../exit-codes';
import { formatListJobs } from '../format/list';
import { daemonReloadWarning } from '../format/status';
import type { Io } from '../io';
import { jobFailureLines, jobSucceeded } from '../job-messages';

export const JOB_VERBS = {
  'start': 'StartUnits', 'stop': 'StopUnits', 'restart': 'RestartUnits', 'try-restart': 'TryRestartUnits',
  'reload': 'ReloadUnits', 'reload-or-restart': 'ReloadOrRestartUnits', 'isolate': 'Isolate',
} as const;

export type JobVerb = keyof typeof JOB_VERBS;

/** Prefixes the message of a manager error with what sctl was doing, keeping its code. */
export function withPrefix(error: unknown, doing: string): unknown {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code !== 'ERR_UNAVAILABLE') {
    error.message = `${doing}: ${error.message}`;
  }
  return error;
}

/** Waits for jobs (unless --no-block) and prints systemctl's sentence for each that failed. */
export async function waitAndReport(client: ManagerClient, jobs: Job__Output[], options: Options, io: Io): Promise<number> {
  if (options.noBlock || jobs.length === 0) return EXIT.SUCCESS;
  const done = await client.WaitJobs({ ids: jobs.map((j) => j.id) });
  let status: number = EXIT.SUCCESS;
  for (const job of done.jobs) {
    if (jobSucceeded(job.result)) continue;
    status = EXIT.FAILURE;
    let unitResult = '';
    if (job.result === 'failed') {
      unitResult = await client.GetUnit({ name: job.unit, log_lines: 0 }).then((info) => info.status?.result ?? '', () => '');
    }
    for (const line of jobFailureLines(job.unit, job.result, unitResult, job.type)) io.err(`${line}\n`);
  }
  return status;
}

/** A name that ends in something shaped like a unit type; which types exist only the core knows. */
const UNIT_SUFFIX = /\.[a-z][a-z0-9_-]*$/;

/**
 * systemctl's mangling for `isolate rescue` and `set-default multi-user` (.target, not .service),
 * applied only to a name with no suffix at all: the core normalises the rest against the types
 * registered there, so a third-party type ("demo.flag") reaches it as typed.
 */
export function withDefaultSuffix(name: string, suffix: string): string {
  return UNIT_SUFFIX.test(name) ? name : `${name}${suffix}`;
}

export async function unitJobs(client: ManagerClient, verb: JobVerb, given: string[], options: Options, io: Io): Promise<number> {
  const mode = verb === 'isolate' ? 'isolate' : options.jobMode;
  const units = verb === 'isolate' ? given.map((u) => withDefaultSuffix(u, '.target')) : given;
  // The request id makes a retry after the core was replaced mid-call answer with the same jobs.
  const reply = await client[JOB_VERBS[verb]]({ names: units, mode: jobModeToWire(mode), request_id: randomUUID() }).catch((error: unknown) => {
    throw withPrefix(error, `Failed to ${verb} ${units.join(' ')}`);
  });
  for (const name of reply.changed_on_disk) io.err(daemonReloadWarning(name));
  return waitAndReport(client, reply.jobs, options, io);
}

export async function kill(client: ManagerClient, units: string[], options: Options): Promise<number> {
  let signal = 15;
  if (options.signal !== null) {
    try {
      signal = parseSignal(options.signal);
    } catch (error) {
      throw new CliError(EXIT.USAGE, `Invalid signal '${options.signal}': ${(error as Error).message}.`);
    }
  }
  await client.KillUnits({ names: units, signal, whom: options.killWhom }).catch((error: unknown) => {
    throw withPrefix(error, `Failed to kill ${units.join(' ')}`);
  });
  return EXIT.SUCCESS;
}

/** clean UNIT...: the manager refuses a unit that is active or has a job, before removing anything. */
export async function clean(client: ManagerClient, units: string[], options: Options): Promise<number> {
  await client.CleanUnits({ names: units, what: options.cleanWhat }).catch((error: unknown) => {
    throw withPrefix(error, `Failed to clean ${units.join(' ')}`);
  });
  return EXIT.SUCCESS;
}

export async function resetFailed(client: ManagerClient, units: string[]): Promise<number> {
  await client.ResetFailed({ names: units });
  return EXIT.SUCCESS;
}

export async function listJobs(client: ManagerClient, options: Options, io: Io): Promise<number> {
  const { jobs } = await client.ListJobs({});
  io.out(formatListJobs(jobs.sort((a: Job__Output, b: Job__Output) => a.id - b.id), { legend: options.legend }));
  return EXIT.SUCCESS;
}

/** cancel JOB...: the named jobs, or every queued job when none is named (systemctl's). */
export async function cancel(client: ManagerClient, args: string[]): Promise<number> {
  const ids = args.map((arg) => {
    if (!/^\d+$/.test(arg)) throw new CliError(EXIT.FAILURE, `Failed to parse job id "${arg}": expected a number.`);
    return Number(arg);
  });
  const all = ids.length > 0 ? ids : (await client.ListJobs({})).jobs.map((j) => j.id);
  if (all.length > 0) await client.CancelJobs({ ids: all });
  return EXIT.SUCCESS;
}
