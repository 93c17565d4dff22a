// Commands that look at units: status, show, is-active, is-failed, list-units, cat,
// list-dependencies.
import os from 'node:os';
import type { UnitInfo__Output } from '@sysmaster/proto';
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { EXIT } from '../exit-codes';
import { ansi, plain } from '../format/colors';
import { formatListUnits } from '../format/list';
import { formatShow } from '../format/show';
import { daemonReloadWarning, formatStatus, formatSystemStatus } from '../format/status';
import { formatDependencyTree } from '../format/tree';
import type { TreeNode } from '../format/tree';
import type { Io } from '../io';

/** A unit is not there when it failed to load and nothing of it runs. */
function isMissing(info: UnitInfo__Output): boolean {
  return info.load_state === 'not-found' && ['', 'inactive'].includes(info.status?.active_state ?? '');
}

export async function status(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  const paint = io.color ? ansi : plain;
  if (units.length === 0) {
    const k = await client.Keepalive({});
    // A core from before GetManagerProcesses answers UNIMPLEMENTED: the overview goes without it.
    const managers = await client.GetManagerProcesses({}).then((r) => ({ processes: r.processes, nowUsec: io.now() }), () => null);
    io.out(formatSystemStatus(os.hostname(), k.system_state, k.jobs, paint, managers));
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
    if (info.need_daemon_reload) io.err(daemonReloadWarning(info.name));
    if (info.status?.active_state !== 'active' && info.status?.active_state !== 'reloading' && result === EXIT.SUCCESS) result = EXIT.NOT_ACTIVE;
  }
  return result;
}

/** is-active and is-failed: print each state; exit 0 when any matches, else 3 (is-active) or 1. */
export async function isState(client: ManagerClient, which: 'active' | 'failed', units: string[], options: Options, io: Io): Promise<number> {
  let any = false;
  for (const name of units) {
    const info = await client.GetUnit({ name, log_lines: 0 });
    const state = info.status?.active_state || 'inactive';
    if (!options.quiet) io.out(`${state}\n`);
    if (which === 'active' ? state === 'active' || state === 'reloading' : state === 'failed') any = true;
  }
  if (any) return EXIT.SUCCESS;
  return which === 'active' ? EXIT.NOT_ACTIVE : EXIT.FAILURE;
}

export async function show(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  let first = true;
  for (const name of units) {
    const info = await client.GetUnit({ name, log_lines: 0 });
    if (!first) io.out('\n');
    first = false;
    io.out(formatShow(info, options.properties, { valueOnly: options.valueOnly }));
  }
  return EXIT.SUCCESS;
}

export async function listUnits(client: ManagerClient, patterns: string[], options: Options, io: Io): Promise<number> {
  const { units } = await client.ListUnits({ all: options.all, states: options.states, types: options.types, patterns });
  io.out(formatListUnits(units, { all: options.all, paint: io.color ? ansi : plain, legend: options.legend, plain: options.plain }));
  return EXIT.SUCCESS;
}

/** cat: "# PATH" then the text of each file; a blank line between files and between units. */
export async function cat(client: ManagerClient, units: string[], io: Io): Promise<number> {
  let first = true;
  for (const name of units) {
    const reply = await client.CatUnit({ name });
    if (reply.need_daemon_reload) {
      io.out([
        `# Warning: ${name} changed on disk, the version sysmaster has loaded is outdated.`,
        "# This output shows the current version of the unit's original fragment and drop-in files.",
        '# If fragments or drop-ins were added or removed, they are not properly reflected in this output.',
        "# Run 'sctl daemon-reload' to reload units.",
      ].join('\n') + '\n');
    }
    for (const file of reply.files) {
      if (!first) io.out('\n');
      first = false;
      io.out(`# ${file.path}\n${file.text}${file.text.endsWith('\n') || file.text === '' ? '' : '\n'}`);
    }
  }
  return EXIT.SUCCESS;
}

export async function listDependencies(client: ManagerClient, units: string[], options: Options, io: Io): Promise<number> {
  const reply = await client.GetDependencies({ name: units[0] ?? 'default.target', direction: options.direction, all: options.all });
  const nodes = new Map<string, TreeNode>(reply.nodes.map((n) => [n.name, n]));
  io.out(formatDependencyTree(reply.root, nodes, io.color ? ansi : plain, { plain: options.plain }));
  return EXIT.SUCCESS;
}
