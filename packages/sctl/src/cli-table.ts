// The one table of sctl's command line: every command and every option, with what each takes
// and its line of help. The parser (args.ts), `sctl --help`, the bash completion and the man
// page (reference.ts) are all made from it, so none of them can drift from the others.
// The vocabulary alone: the package's index loads grpc-js, which --help must not.
import { JOB_MODES } from '@sysmaster/proto/vocabulary';

/** How many arguments a command takes. */
type Arity = 'none' | 'one' | 'some' | 'any';

/** What a command's arguments are, for completion: which list the shell offers. */
export type Completes = 'units' | 'unit-files' | 'jobs' | 'nothing';

export interface CommandSpec {
  readonly arity: Arity;
  /** The arguments as the synopsis shows them ("UNIT...", "[PATTERN...]"). */
  readonly args: string;
  readonly completes: Completes;
  readonly help: string;
}

/** Every command, in the order --help and the man page list them. */
export const COMMANDS = {
  'list-units': { arity: 'any', args: '[PATTERN...]', completes: 'units', help: 'List units the manager has loaded (optionally matching PATTERNs)' },
  'status': { arity: 'any', args: '[UNIT...]', completes: 'units', help: 'Show runtime status of units, or of the system' },
  'show': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Show properties of units' },
  'is-active': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Check whether units are active' },
  'is-failed': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Check whether units are failed' },
  'is-enabled': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Check whether unit files are enabled' },
  'cat': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Show the files of units (fragment and drop-ins)' },
  'list-dependencies': { arity: 'any', args: '[UNIT]', completes: 'units', help: 'Show the dependency tree of a unit' },
  'list-unit-files': { arity: 'any', args: '[PATTERN...]', completes: 'nothing', help: 'List unit files and their enablement state' },
  'list-sockets': { arity: 'any', args: '[PATTERN...]', completes: 'units', help: 'List socket units, what they listen on and what they activate' },
  'list-timers': { arity: 'any', args: '[PATTERN...]', completes: 'nothing', help: 'List timer units, soonest elapse first' },
  'calendar': { arity: 'some', args: 'SPEC...', completes: 'nothing', help: 'Normalize calendar events and show their next elapses; no manager needed' },
  'list-jobs': { arity: 'none', args: '', completes: 'nothing', help: 'List queued and running jobs' },
  'cancel': { arity: 'any', args: '[JOB...]', completes: 'jobs', help: 'Cancel jobs by id (all jobs when none is given)' },
  'logs': { arity: 'one', args: 'UNIT', completes: 'units', help: 'Show the log of a unit' },
  'start': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Start (activate) units' },
  'stop': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Stop (deactivate) units' },
  'restart': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Start or restart units' },
  'try-restart': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Restart units if they are running' },
  'reload': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Reload units' },
  'reload-or-restart': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Reload units if they support it, restart them otherwise' },
  'isolate': { arity: 'one', args: 'UNIT', completes: 'unit-files', help: 'Start a unit and stop every unit it does not need' },
  'kill': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Send a signal to the processes of units' },
  'reset-failed': { arity: 'any', args: '[UNIT...]', completes: 'units', help: 'Reset the failed state of units (all when none is given)' },
  'clean': { arity: 'some', args: 'UNIT...', completes: 'units', help: 'Remove the runtime, cache, state, logs or configuration directories or the fd store of inactive units' },
  'enable': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Enable unit files' },
  'disable': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Disable unit files' },
  'reenable': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Disable and enable unit files again' },
  'preset': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Enable or disable unit files as the presets say' },
  'preset-all': { arity: 'none', args: '', completes: 'nothing', help: 'Apply the presets to every unit file' },
  'mask': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Mask unit files' },
  'unmask': { arity: 'some', args: 'UNIT...', completes: 'unit-files', help: 'Unmask unit files' },
  'get-default': { arity: 'none', args: '', completes: 'nothing', help: 'Show the default target' },
  'set-default': { arity: 'one', args: 'TARGET', completes: 'unit-files', help: 'Set the default target' },
  'daemon-reload': { arity: 'none', args: '', completes: 'nothing', help: 'Reload unit files and worker registrations' },
  'daemon-reexec': { arity: 'none', args: '', completes: 'nothing', help: 'Re-execute init, the manager and its workers from disk (no service restarts)' },
  'poweroff': { arity: 'none', args: '', completes: 'nothing', help: 'Stop every unit and power the system off' },
  'reboot': { arity: 'none', args: '', completes: 'nothing', help: 'Stop every unit and reboot the system' },
  'halt': { arity: 'none', args: '', completes: 'nothing', help: 'Stop every unit and halt the system' },
  'verify-worker': { arity: 'some', args: 'TYPE [UNIT-FILE...]', completes: 'nothing', help: 'Run the conformance checks against the registered worker of TYPE; no manager needed' },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** Given several times (or as a comma list), every value counts. */
  readonly multiple?: boolean;
  /** The value's placeholder in the help ("MODE"); string options only. */
  readonly arg?: string;
  /** The values the shell completes: a fixed set, or the types of the loaded units (an open set: third-party types). */
  readonly values?: readonly string[] | 'unit-types';
  /** The commands it applies to (none: all). */
  readonly commands?: readonly CommandName[];
  /** Refused with any other command (otherwise ignored there, as systemctl ignores it). */
  readonly strict?: boolean;
  /** Accepted for compatibility but not listed (an older spelling). */
  readonly hidden?: boolean;
  readonly help: string;
}

const KILL_WHOM = ['main', 'control', 'all'] as const;

/** What `clean --what=` may name: a flag of worker.proto CleanWhat each, or all of them. */
export const CLEAN_WHAT = ['configuration', 'state', 'cache', 'logs', 'runtime', 'fdstore', 'all'] as const;

/** Every option, in the order --help and the man page list them. */
export const OPTIONS = {
  'help': { type: 'boolean', short: 'h', help: 'Show this help' },
  'version': { type: 'boolean', help: 'Show the version' },
  'no-block': { type: 'boolean', help: 'Do not wait until the jobs have finished' },
  'job-mode': { type: 'string', arg: 'MODE', values: JOB_MODES, help: `How to deal with already queued jobs: ${JOB_MODES.join(', ')}; replace by default` },
  'all': { type: 'boolean', short: 'a', help: 'Show all loaded units, including inactive ones; every property with show, every dependency with list-dependencies' },
  'type': { type: 'string', short: 't', multiple: true, arg: 'TYPE', values: 'unit-types', commands: ['list-units', 'list-unit-files'], help: 'List units of a particular type' },
  'state': { type: 'string', multiple: true, arg: 'STATE', commands: ['list-units', 'list-unit-files'], help: 'List units with a particular LOAD, ACTIVE or SUB state, or unit files in a state' },
  'property': { type: 'string', short: 'p', multiple: true, arg: 'NAME', commands: ['show'], help: 'Show only properties by this name' },
  'value': { type: 'boolean', commands: ['show'], help: 'Print only the values of properties' },
  'lines': { type: 'string', short: 'n', arg: 'N', commands: ['status', 'logs'], help: 'Number of log lines to show' },
  'follow': { type: 'boolean', short: 'f', commands: ['logs'], strict: true, help: 'Follow the log; -f is --force for the other commands' },
  'since': { type: 'string', short: 'S', arg: 'TIME', commands: ['logs'], strict: true, help: 'Only log lines since TIME: "2026-01-02 10:00", "today", "-5min"' },
  'quiet': { type: 'boolean', short: 'q', commands: ['is-active', 'is-failed', 'is-enabled'], help: 'Print nothing, only set the exit status' },
  'reverse': { type: 'boolean', commands: ['list-dependencies'], help: 'Show reverse dependencies' },
  'after': { type: 'boolean', commands: ['list-dependencies'], help: 'Show the units this one is ordered after' },
  'before': { type: 'boolean', commands: ['list-dependencies'], help: 'Show the units this one is ordered before' },
  'now': { type: 'boolean', commands: ['enable', 'disable', 'reenable', 'mask', 'preset'], strict: true, help: 'Also start or stop the units' },
  'runtime': { type: 'boolean', commands: ['enable', 'disable', 'reenable', 'preset', 'mask', 'unmask'], help: 'Change /run only, lost at reboot' },
  'force': { type: 'boolean', commands: ['enable', 'reenable', 'preset', 'set-default'], help: 'Replace conflicting links; -f too, except with logs' },
  'signal': { type: 'string', short: 's', arg: 'SIGNAL', commands: ['kill'], help: 'The signal to send, SIGTERM by default' },
  'kill-whom': { type: 'string', arg: 'WHOM', values: KILL_WHOM, commands: ['kill'], help: 'Which processes: main, control or all (the default)' },
  'kill-who': { type: 'string', arg: 'WHOM', values: KILL_WHOM, commands: ['kill'], hidden: true, help: 'The older spelling of --kill-whom' },
  'what': { type: 'string', multiple: true, arg: 'WHAT', values: CLEAN_WHAT, commands: ['clean'], strict: true, help: `What clean removes: ${CLEAN_WHAT.join(', ')}; runtime, cache and fdstore by default` },
  'iterations': { type: 'string', arg: 'N', commands: ['calendar'], strict: true, help: 'Show N elapses of each calendar event' },
  'no-legend': { type: 'boolean', commands: ['list-units', 'list-sockets', 'list-unit-files', 'list-jobs'], help: 'Print the rows only, without the header and the footer' },
  'plain': { type: 'boolean', commands: ['list-units', 'list-dependencies'], help: 'No ● marker in list-units; indentation instead of the tree in list-dependencies' },
  'no-pager': { type: 'boolean', help: 'Accepted for compatibility; sctl never pages' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** One option's spec, typed as the interface (the table's literal types are narrower). */
export function optionSpec(name: OptionName): OptionSpec {
  return OPTIONS[name];
}

/** "'logs'" for one command, "a, b and c" for several: how a refusal names where an option applies. */
export function commandList(commands: readonly string[]): string {
  if (commands.length === 1) return `'${commands[0]!}'`;
  return `${commands.slice(0, -1).join(', ')} and ${commands[commands.length - 1]!}`;
}
