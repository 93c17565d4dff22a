// The commands of sctl, each a short conversation with the Manager service. Output goes through
// the Io seam (stdout/stderr writers, terminal-ness, the clock) so tests can run them in process;
// each command resolves with its exit status.
import os from 'node:os';
import type { Job__Output, LogLine__Output, UnitInfo__Output } from '@sysmaster/proto';
import type { CommandName, Options } from './args';
import type { ManagerClient } from './client';
import { EXIT } from './exit-codes';
import { ansi, plain } from './format/colors';
import { formatListJobs, formatListUnits } from './format/list';
import { formatShow } from './format/show';
import { formatStatus, formatSystemStatus } from './format/status';
import { jobFailureLines, jobSucceeded } from './job-messages';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour the output (stdout is a terminal). */
  color: boolean;
  /** Now, in microseconds since the epoch. */
  now(): number;
  /** Resolves when the user interrupts (SIGINT), for commands that run until then. */
  interrupted: Promise<void>;
}

const VERBS = { start: 'StartUnits', stop: 'StopUnits', restart: 'RestartUnits' } as const;

/** A unit is not there when it failed to load and nothing of it runs. */
function isMissing(info: UnitInfo__Output): boolean {
  return info.load_state === 'not-found' && ['', 'inactive'].includes(info.status?.active_state ?? '');
}

async function unitJobs(client: ManagerClient, verb: keyof typeof VERBS, units: string[], options: Options, io: Io): Promise<number> {
  const reply = await client[VERBS[verb]]({ names: units, mode: options.jobMode }).catch((error: unknown) => {
    throw withPrefix(error, `Failed to ${verb} ${units.join(' ')}`);
  });
  if (options.noBlock || reply.jobs.length === 0) return EXIT.SUCCESS;
  const done = await client.WaitJobs({ ids: reply.jobs.map((j) => j.id) });
  let status: number = EXIT.SUCCESS;
  for (const job of done.jobs) {
    if (jobSucceeded(job.result)) continue;
    status = EXIT.FAILURE;
    let unitResult = '';
    if (job.result === 'failed') {
      unitResult = await client.GetUnit({ name: job.unit, log_lines: 0 }).then((info) => info.status?.result ?? '', () => '');
    }
    for (const line of jobFailureLines(job.unit, job.result, unitResult)) io.err(`${line}\n`);
  }
  return status;
}

/** Prefixes the message of a manager error with what sctl was doing, keeping its code. */
function withPrefix(error: unknown, doing: string): unknown {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code !== 'ERR_UNAVAILABLE') {
    error.message = `${doing}: ${error.message}`;
  }
  return error;
}

async function status(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  const paint = io.color ? ansi : plain;
  if (units.length === 0) {
    const k = await client.Keepalive({});
    io.out(formatSystemStatus(os.hostname(), k.system_state, k.jobs, paint));
    return EXIT.SUCCESS;
  }
  let result: number = EXIT.SUCCESS;
  let first = true;
  for (const name of units) {
    const info = await client.GetUnit({ name, log_lines: options.lines ?? 10 });
    if (isMissing(info)) {
      io.err(`Unit ${info.name} could not be found.\n`);
      result = EXIT.NO_SUCH_UNIT;
      continue;
    }
    if (!first) io.out('\n');
    first = false;
    io.out(formatStatus(info, { now: io.now(), paint }));
    if (info.status?.active_state !== 'active' && info.status?.active_state !== 'reloading' && result === EXIT.SUCCESS) result = EXIT.NOT_ACTIVE;
  }
  return result;
}

async function isActive(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  let any = false;
  for (const name of units) {
    const info = await client.GetUnit({ name, log_lines: 0 });
    const state = info.status?.active_state || 'inactive';
    if (!options.quiet) io.out(`${state}\n`);
    if (state === 'active' || state === 'reloading') any = true;
  }
  return any ? EXIT.SUCCESS : EXIT.NOT_ACTIVE;
}

async function show(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  let first = true;
  for (const name of units) {
    const info = await client.GetUnit({ name, log_lines: 0 });
    if (!first) io.out('\n');
    first = false;
    io.out(formatShow(info, options.properties, { valueOnly: options.valueOnly }));
  }
  return EXIT.SUCCESS;
}

async function logs(client: ManagerClient, unit: string, options: Options, io: Io): Promise<number> {
  const stream: ReturnType<ManagerClient['Logs']> = client.Logs({ name: unit, lines: options.lines ?? 10, follow: options.follow });
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('data', (line: LogLine__Output) => io.out(`${line.text}\n`));
    stream.on('end', () => resolve());
    stream.on('error', (error) => reject(error));
  });
  // The stream's own 'end' arrives after its status; an interrupt just stops following.
  const interrupted = io.interrupted.then(() => {
    stream.cancel();
  });
  await Promise.race([ended, interrupted]);
  return EXIT.SUCCESS;
}

async function listJobs(client: ManagerClient, io: Io): Promise<number> {
  const { jobs } = await client.ListJobs({});
  io.out(formatListJobs(jobs.sort((a: Job__Output, b: Job__Output) => a.id - b.id)));
  return EXIT.SUCCESS;
}

export async function runCommand(command: CommandName, args: string[], options: Options, client: ManagerClient, io: Io): Promise<number> {
  switch (command) {
    case 'start': case 'stop': case 'restart':
      return unitJobs(client, command, args, options, io);
    case 'status':
      return status(client, args, options, io);
    case 'is-active':
      return isActive(client, args, options, io);
    case 'show':
      return show(client, args, options, io);
    case 'list-units': {
      const { units } = await client.ListUnits({ all: options.all, states: options.states, types: options.types, patterns: args });
      io.out(formatListUnits(units, { all: options.all, paint: io.color ? ansi : plain }));
      return EXIT.SUCCESS;
    }
    case 'list-jobs':
      return listJobs(client, io);
    case 'logs':
      return logs(client, args[0]!, options, io);
    case 'daemon-reload':
      await client.Reload({});
      return EXIT.SUCCESS;
    case 'poweroff':
      await client.PowerOff({});
      return EXIT.SUCCESS;
    case 'reboot':
      await client.Reboot({});
      return EXIT.SUCCESS;
    case 'halt':
      await client.Halt({});
      return EXIT.SUCCESS;
  }
}
