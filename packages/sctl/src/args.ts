// The command line of sctl: `sctl [OPTIONS] COMMAND [UNIT...]`, parsed with node:util parseArgs.
// Every mistake is a UsageError (exit 2) with a sentence naming what is wrong; nothing here
// touches the network, so `--help` and usage errors stay cheap.
import { parseArgs } from 'node:util';
import { SysmasterError } from '@sysmaster/errors';
import { JOB_MODES, isJobMode, type JobMode } from '@sysmaster/proto';

export { JOB_MODES };

/** How many unit arguments a command takes. */
type Arity = 'none' | 'one' | 'some' | 'any';

/** Every command, with its arity and a line for --help. */
export const COMMANDS = {
  'list-units': { arity: 'any', help: 'List units the manager has loaded (optionally matching PATTERNs)' },
  'status': { arity: 'any', help: 'Show runtime status of units, or of the system' },
  'show': { arity: 'some', help: 'Show properties of units (-p NAME,… to pick some)' },
  'is-active': { arity: 'some', help: 'Check whether units are active' },
  'is-failed': { arity: 'some', help: 'Check whether units are failed' },
  'is-enabled': { arity: 'some', help: 'Check whether unit files are enabled' },
  'cat': { arity: 'some', help: 'Show the files of units (fragment and drop-ins)' },
  'list-dependencies': { arity: 'any', help: 'Show the dependency tree of a unit (--reverse, --before, --after, --all)' },
  'list-unit-files': { arity: 'any', help: 'List unit files and their enablement state' },
  'list-timers': { arity: 'any', help: 'List timer units, soonest elapse first (--all for inactive ones)' },
  'calendar': { arity: 'some', help: 'Normalize calendar events and show their next elapses (--iterations=N); no manager needed' },
  'list-jobs': { arity: 'none', help: 'List queued and running jobs' },
  'cancel': { arity: 'any', help: 'Cancel jobs by id (all jobs when none is given)' },
  'logs': { arity: 'one', help: 'Show the log of a unit (-n N lines, -f to follow, --since TIME)' },
  'start': { arity: 'some', help: 'Start (activate) units' },
  'stop': { arity: 'some', help: 'Stop (deactivate) units' },
  'restart': { arity: 'some', help: 'Start or restart units' },
  'try-restart': { arity: 'some', help: 'Restart units if they are running' },
  'reload': { arity: 'some', help: 'Reload units' },
  'reload-or-restart': { arity: 'some', help: 'Reload units if they support it, restart them otherwise' },
  'isolate': { arity: 'one', help: 'Start a unit and stop every unit it does not need' },
  'kill': { arity: 'some', help: 'Send a signal to the processes of units (-s SIG, --kill-whom=)' },
  'reset-failed': { arity: 'any', help: 'Reset the failed state of units (all when none is given)' },
  'enable': { arity: 'some', help: 'Enable unit files (--now, --runtime, --force)' },
  'disable': { arity: 'some', help: 'Disable unit files (--now, --runtime)' },
  'reenable': { arity: 'some', help: 'Disable and enable unit files again' },
  'preset': { arity: 'some', help: 'Enable or disable unit files as the presets say' },
  'preset-all': { arity: 'none', help: 'Apply the presets to every unit file' },
  'mask': { arity: 'some', help: 'Mask unit files (--now, --runtime)' },
  'unmask': { arity: 'some', help: 'Unmask unit files' },
  'get-default': { arity: 'none', help: 'Show the default target' },
  'set-default': { arity: 'one', help: 'Set the default target' },
  'daemon-reload': { arity: 'none', help: 'Reload unit files and worker registrations' },
  'poweroff': { arity: 'none', help: 'Stop every unit and power the system off' },
  'reboot': { arity: 'none', help: 'Stop every unit and reboot the system' },
  'halt': { arity: 'none', help: 'Stop every unit and halt the system' },
  'verify-worker': { arity: 'some', help: 'Run the conformance checks against the registered worker of TYPE [UNIT-FILE…] (no manager needed)' },
} as const satisfies Record<string, { arity: Arity; help: string }>;

export type CommandName = keyof typeof COMMANDS;

export interface Options {
  noBlock: boolean;
  jobMode: JobMode;
  all: boolean;
  types: string[];
  states: string[];
  /** -n/--lines; null when not given. */
  lines: number | null;
  follow: boolean;
  properties: string[];
  quiet: boolean;
  /** show --value: print values without their names. */
  valueOnly: boolean;
  /** list-dependencies: which direction (--reverse, --before, --after; '' for requirements). */
  direction: '' | 'reverse' | 'before' | 'after';
  /** enable/disable/reenable/mask --now: also start/stop. */
  now: boolean;
  /** Unit-file commands: act on /run instead of /etc. */
  runtime: boolean;
  /** Unit-file commands: replace conflicting links. */
  force: boolean;
  /** kill -s: the signal as given (null: SIGTERM). */
  signal: string | null;
  /** kill --kill-whom. */
  killWhom: 'main' | 'control' | 'all';
  /** logs --since, as given (parsed by the command). */
  since: string | null;
  /** calendar --iterations: how many elapses to show (default 1). */
  iterations: number;
}

export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'command'; command: CommandName; args: string[]; options: Options };

/** A wrong command line: printed with a usage hint, exit status 2 (ERR_INVALID_ARGUMENT). */
export class UsageError extends SysmasterError {
  constructor(message: string) {
    super('ERR_INVALID_ARGUMENT', message);
    this.name = 'UsageError';
  }
}

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

/** "a,b" given once or several times → ["a", "b"]. */
function commaList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function parseCommandLine(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        'no-block': { type: 'boolean' },
        'job-mode': { type: 'string' },
        'all': { type: 'boolean', short: 'a' },
        'type': { type: 'string', short: 't', multiple: true },
        'state': { type: 'string', multiple: true },
        'lines': { type: 'string', short: 'n' },
        'follow': { type: 'boolean', short: 'f' },
        'property': { type: 'string', short: 'p', multiple: true },
        'quiet': { type: 'boolean', short: 'q' },
        'value': { type: 'boolean' },
        'reverse': { type: 'boolean' },
        'before': { type: 'boolean' },
        'after': { type: 'boolean' },
        'now': { type: 'boolean' },
        'runtime': { type: 'boolean' },
        'force': { type: 'boolean' },
        'signal': { type: 'string', short: 's' },
        'kill-whom': { type: 'string' },
        'kill-who': { type: 'string' },
        'since': { type: 'string', short: 'S' },
        'iterations': { type: 'string' },
        'no-pager': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean' },
      },
    });
  } catch (error) {
    // parseArgs's messages name the option ("Unknown option '--frobnicate'"); keep the sentence.
    const message = error instanceof Error ? error.message.split('. To specify a positional')[0]!.replace(/\.?$/, '.') : String(error);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [word, ...args] = positionals;
  if (word === undefined) throw new UsageError('No command given.');
  if (!isCommand(word)) throw new UsageError(`Unknown command verb '${word}'.`);
  const { arity } = COMMANDS[word];
  if (arity === 'none' && args.length > 0) throw new UsageError(`The command '${word}' takes no arguments.`);
  if ((arity === 'one' || arity === 'some') && args.length === 0) throw new UsageError(`Too few arguments: '${word}' needs a unit name.`);
  if (arity === 'one' && args.length > 1) throw new UsageError(`Too many arguments: '${word}' takes one unit name.`);

  const jobMode = values['job-mode'] ?? 'replace';
  if (!isJobMode(jobMode)) throw new UsageError(`Invalid job mode '${jobMode}'. Valid modes: ${JOB_MODES.join(', ')}.`);

  let lines: number | null = null;
  if (values.lines !== undefined) {
    if (!/^\d+$/.test(values.lines)) throw new UsageError(`Invalid number of lines '${values.lines}': expected a non-negative integer.`);
    lines = Number.parseInt(values.lines, 10);
  }
  // -f is --follow for logs and --force elsewhere (systemctl's -f is --force).
  const shortF = parsed.tokens?.some((t) => t.kind === 'option' && t.name === 'follow' && t.rawName === '-f') ?? false;
  let force = values.force ?? false;
  let follow = values.follow ?? false;
  if (shortF && word !== 'logs') {
    force = true;
    follow = false;
  }
  if (follow && word !== 'logs') throw new UsageError("The option '--follow' only applies to 'logs'.");
  if (values.since !== undefined && word !== 'logs') throw new UsageError("The option '--since' only applies to 'logs'.");
  if (values.now && !['enable', 'disable', 'reenable', 'mask', 'preset'].includes(word)) {
    throw new UsageError("The option '--now' only applies to enable, disable, reenable, mask and preset.");
  }
  const directions = (['reverse', 'before', 'after'] as const).filter((d) => values[d]);
  if (directions.length > 1) throw new UsageError(`The options ${directions.map((d) => `--${d}`).join(', ')} exclude each other.`);
  const killWhom = values['kill-whom'] ?? values['kill-who'] ?? 'all';
  if (killWhom !== 'main' && killWhom !== 'control' && killWhom !== 'all') throw new UsageError(`Invalid --kill-whom '${killWhom}': expected main, control or all.`);
  let iterations = 1;
  if (values.iterations !== undefined) {
    if (word !== 'calendar') throw new UsageError("The option '--iterations' only applies to 'calendar'.");
    if (!/^[1-9]\d*$/.test(values.iterations)) throw new UsageError(`Invalid number of iterations '${values.iterations}': expected a positive integer.`);
    iterations = Number.parseInt(values.iterations, 10);
  }
  if (word === 'list-dependencies' && args.length > 1) throw new UsageError("Too many arguments: 'list-dependencies' takes one unit name.");

  return {
    kind: 'command',
    command: word,
    args,
    options: {
      noBlock: values['no-block'] ?? false,
      jobMode,
      all: values.all ?? false,
      types: commaList(values.type),
      states: commaList(values.state),
      lines,
      follow,
      properties: commaList(values.property),
      quiet: values.quiet ?? false,
      valueOnly: values.value ?? false,
      direction: directions[0] ?? '',
      now: values.now ?? false,
      runtime: values.runtime ?? false,
      force,
      signal: values.signal ?? null,
      killWhom,
      since: values.since ?? null,
      iterations,
    },
  };
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const commands = Object.entries(COMMANDS).map(([name, { help }]) => `  ${name.padEnd(width)}  ${help}`);
  return [
    'sctl [OPTIONS...] COMMAND [UNIT...]',
    '',
    'Query or send control commands to the sysmaster manager.',
    '',
    'Commands:',
    ...commands,
    '',
    'Options:',
    '  -h --help            Show this help',
    '     --version         Show the version',
    '     --no-block        Do not wait until the jobs have finished',
    '     --job-mode=MODE   How to deal with already queued jobs (replace, fail, isolate,',
    '                       ignore-dependencies, ignore-requirements, flush)',
    '  -a --all             Show all loaded units, including inactive ones',
    '  -t --type=TYPE       List units of a particular type (service, socket, target, …)',
    '     --state=STATE     List units with a particular LOAD, ACTIVE or SUB state',
    '  -p --property=NAME   Show only properties by this name (show)',
    '     --value          Print only the values of properties (show)',
    '  -n --lines=N         Number of log lines to show (status, logs)',
    '  -f --follow          Follow the log (logs)',
    '  -q --quiet           Print nothing, only set the exit status (is-active, is-failed, is-enabled)',
    '     --reverse         Show reverse dependencies (list-dependencies)',
    '     --after, --before Show ordering dependencies (list-dependencies)',
    '     --now             Also start or stop the units (enable, disable, reenable, mask, preset)',
    '     --runtime         Change /run only, lost at reboot (enable, disable, mask, …)',
    '  -f --force           Replace conflicting links (enable, …); -f is --follow for logs',
    '  -s --signal=SIG      The signal to send (kill; default SIGTERM)',
    '     --kill-whom=WHO   main, control or all processes (kill; default all)',
    '  -S --since=TIME      Only log lines since TIME: "2026-01-02 10:00", "today", "-5min" (logs)',
    '     --iterations=N    Show N elapses of each calendar event (calendar)',
    '     --no-pager        Accepted for compatibility; sctl never pages',
    '',
  ].join('\n');
}
