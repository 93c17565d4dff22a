// Unit-file commands: enable, disable, reenable, preset, preset-all, mask, unmask, is-enabled,
// list-unit-files, get-default, set-default. Changes are printed as systemctl prints them
// ("Created symlink … → ….", "Removed "…".") on stderr, like systemctl's log_info().
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { EXIT } from '../exit-codes';
import { ansi, plain } from '../format/colors';
import { formatListUnitFiles } from '../format/list';
import type { Io } from '../io';
import { waitAndReport, withDefaultSuffix, withPrefix } from './jobs';

/** The states is-enabled exits 0 for (systemctl(1)); not-found alone exits 4. */
const ENABLED_LIKE = new Set(['enabled', 'enabled-runtime', 'alias', 'static', 'indirect', 'generated', 'transient']);

export type FileVerb = 'enable' | 'disable' | 'reenable' | 'preset' | 'mask' | 'unmask';

const RPC = {
  enable: 'EnableUnitFiles', disable: 'DisableUnitFiles', reenable: 'ReenableUnitFiles', preset: 'PresetUnitFiles',
  mask: 'MaskUnitFiles', unmask: 'UnmaskUnitFiles',
} as const;

interface Changes {
  changes: Array<{ type: string; path: string; source: string }>;
  warnings: string[];
}

function printChanges(reply: Changes, io: Io): void {
  for (const c of reply.changes) {
    io.err(c.type === 'symlink' ? `Created symlink ${c.path} \u2192 ${c.source}.\n` : `Removed "${c.path}".\n`);
  }
  for (const w of reply.warnings) io.err(`${w}\n`);
}

export async function changeFiles(client: ManagerClient, verb: FileVerb, units: string[], options: Options, io: Io): Promise<number> {
  const reply = await client[RPC[verb]]({ names: units, runtime: options.runtime, force: options.force, now: options.now }).catch((error: unknown) => {
    throw withPrefix(error, `Failed to ${verb} unit`);
  });
  printChanges(reply, io);
  return waitAndReport(client, reply.jobs, options, io);
}

export async function presetAll(client: ManagerClient, options: Options, io: Io): Promise<number> {
  printChanges(await client.PresetAllUnitFiles({ runtime: options.runtime, force: options.force }), io);
  return EXIT.SUCCESS;
}

export async function isEnabled(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  const { states } = await client.GetUnitFileState({ names: units });
  for (const s of states) if (!options.quiet) io.out(`${s.state}\n`);
  if (states.some((s) => ENABLED_LIKE.has(s.state))) return EXIT.SUCCESS;
  return states.every((s) => s.state === 'not-found') ? EXIT.NO_SUCH_UNIT : EXIT.FAILURE;
}

export async function listUnitFiles(client: ManagerClient, patterns: string[], options: Options, io: Io): Promise<number> {
  const { files } = await client.ListUnitFiles({ states: options.states, types: options.types, patterns });
  io.out(formatListUnitFiles(files, io.color ? ansi : plain, { legend: options.legend }));
  return EXIT.SUCCESS;
}

export async function getDefault(client: ManagerClient, io: Io): Promise<number> {
  io.out(`${(await client.GetDefaultTarget({})).name}\n`);
  return EXIT.SUCCESS;
}

export async function setDefault(client: ManagerClient, target: string, io: Io): Promise<number> {
  const name = withDefaultSuffix(target, '.target');
  printChanges(await client.SetDefaultTarget({ name }).catch((error: unknown) => {
    throw withPrefix(error, 'Failed to set default target');
  }), io);
  return EXIT.SUCCESS;
}
