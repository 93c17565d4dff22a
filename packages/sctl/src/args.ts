// The command line of sctl: `sctl [OPTIONS] COMMAND [UNIT...]`, parsed with node:util parseArgs.
// Every mistake is a UsageError (exit 2) with a sentence naming what is wrong; nothing here
// touches the network, so `--help` and usage errors stay cheap.
import { parseArgs } from 'node:util';

export const JOB_MODES = ['replace', 'fail', 'isolate', 'ignore-dependencies', 'ignore-requirements', 'flush', 'replace-irreversibly'] as const;

/** How many unit arguments a command takes. */
type Arity = 'none' | 'one' | 'some' | 'any';

/** Every command, with its arity and a line for --help. */
export const COMMANDS = {
  'list-units': { arity: 'any', help: 'List units the manager has loaded (optionally matching PATTERNs)' },
  'status': { arity: 'any', help: 'Show runtime status of units, or of the system' },
  'show': { arity: 'some', help: 'Show properties of units (-p NAME,… to pick some)' },
  'is-active': { arity: 'some', help: 'Check whether units are active' },
  'list-jobs': { arity: 'none', help: 'List queued and running jobs' },
  'logs': { arity: 'one', help: 'Show the log of a unit (-n N lines, -f to follow)' },
  'start': { arity: 'some', help: 'Start (activate) units' },
  'stop': { arity: 'some', help: 'Stop (deactivate) units' },
  'restart': { arity: 'some', help: 'Start or restart units' },
  'daemon-reload': { arity: 'none', help: 'Reload unit files and worker registrations' },
  'poweroff': { arity: 'none', help: 'Stop every unit and power the system off' },
  'reboot': { arity: 'none', help: 'Stop every unit and reboot the system' },
  'halt': { arity: 'none', help: 'Stop every unit and halt the system' },
} as const satisfies Record<string, { arity: Arity; help: string }>;

export type CommandName = keyof typeof COMMANDS;

export interface Options {
  noBlock: boolean;
  jobMode: (typeof JOB_MODES)[number];
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
}

export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'command'; command: CommandName; args: string[]; options: Options };

/** A wrong command line: printed with a usage hint, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function isCommand(word: string): word is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

function isJobMode(mode: string): mode is Options['jobMode'] {
  return (JOB_MODES as readonly string[]).includes(mode);
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
  if (values.follow && word !== 'logs') throw new UsageError("The option '--follow' only applies to 'logs'.");

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
      follow: values.follow ?? false,
      properties: commaList(values.property),
      quiet: values.quiet ?? false,
      valueOnly: values.value ?? false,
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
    '  -q --quiet           Print nothing, only set the exit status (is-active)',
    '     --no-pager        Accepted for compatibility; sctl never pages',
    '',
  ].join('\n');
}
