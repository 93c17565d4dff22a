// The command line of sctl: `sctl [OPTIONS] COMMAND [UNIT...]`, parsed with node:util parseArgs.
// Every mistake is a UsageError (exit 2) with a sentence naming what is wrong; nothing here
// touches the network, so `--help` and usage errors stay cheap.
import { parseArgs } from 'node:util';
import { SysmasterError } from '@sysmaster/errors';
import type { CleanWhat__Output } from '@sysmaster/proto';
// The vocabulary alone: the package's index loads grpc-js, which --help must not.
import { JOB_MODES, cleanNothing, isJobMode, type JobMode } from '@sysmaster/proto/vocabulary';
import { CLEAN_WHAT, COMMANDS, OPTIONS, commandList, optionSpec, type CommandName, type OptionName, type OptionSpec } from './cli-table';

export { JOB_MODES };

export { COMMANDS } from './cli-table';
export type { CommandName } from './cli-table';

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
  /** clean --what=, as the flags of worker.proto CleanWhat. */
  cleanWhat: CleanWhat__Output;
  /** logs --since, as given (parsed by the command). */
  since: string | null;
  /** calendar --iterations: how many elapses to show (default 1). */
  iterations: number;
  /** list-units, list-unit-files, list-jobs --no-legend: rows only, no header or footer. */
  legend: boolean;
  /** list-units --plain: no ● marker; list-dependencies --plain: indentation instead of the tree. */
  plain: boolean;
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

/** clean --what= values → CleanWhat flags; none given means systemctl's default: runtime, cache and fdstore. */
function parseCleanWhat(words: string[]): CleanWhat__Output {
  const what = cleanNothing();
  const chosen = words.length === 0 ? ['runtime', 'cache', 'fdstore'] : words;
  for (const word of chosen) {
    if (!(CLEAN_WHAT as readonly string[]).includes(word)) throw new UsageError(`Invalid --what '${word}': expected ${CLEAN_WHAT.join(', ')}.`);
    if (word === 'all') for (const key of Object.keys(what) as Array<keyof CleanWhat__Output>) what[key] = true;
    else what[word as keyof CleanWhat__Output] = true;
  }
  return what;
}

/** "a,b" given once or several times → ["a", "b"]. */
function commaList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** node:util parseArgs's view of the table (multiple only where the table says so, which types the values). */
type ParseConfig = {
  [K in OptionName]: { type: (typeof OPTIONS)[K]['type']; short?: string } & ((typeof OPTIONS)[K] extends { multiple: true } ? { multiple: true } : { multiple?: false });
};
const PARSE_OPTIONS = Object.fromEntries(Object.entries(OPTIONS).map(([name, spec]: [string, OptionSpec]) => [
  name, { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple === true ? { multiple: true } : {}) },
])) as ParseConfig;

/** The options given that the table marks strict and that do not apply to `command`: the first is refused. */
function refuseStrict(command: CommandName, given: ReadonlySet<OptionName>): void {
  for (const name of given) {
    const { strict, commands } = optionSpec(name);
    if (strict === true && commands !== undefined && !commands.includes(command)) {
      throw new UsageError(`The option '--${name}' only applies to ${commandList(commands)}.`);
    }
  }
}

export function parseCommandLine(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: PARSE_OPTIONS,
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
  const given = new Set<OptionName>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    given.add(token.name === 'follow' && !follow ? 'force' : token.name);
  }
  refuseStrict(word, given);
  const directions = (['reverse', 'before', 'after'] as const).filter((d) => values[d]);
  if (directions.length > 1) throw new UsageError(`The options ${directions.map((d) => `--${d}`).join(', ')} exclude each other.`);
  const killWhom = values['kill-whom'] ?? values['kill-who'] ?? 'all';
  if (killWhom !== 'main' && killWhom !== 'control' && killWhom !== 'all') throw new UsageError(`Invalid --kill-whom '${killWhom}': expected main, control or all.`);
  const cleanWhat = parseCleanWhat(commaList(values.what));
  let iterations = 1;
  if (values.iterations !== undefined) {
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
      cleanWhat,
      since: values.since ?? null,
      iterations,
      legend: !(values['no-legend'] ?? false),
      plain: values.plain ?? false,
    },
  };
}
