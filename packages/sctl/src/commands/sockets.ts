// `sctl list-sockets`: systemctl's table of what every socket unit listens on and what it
// activates, from ListUnits (the socket units) and each one's Listen property and Triggers
// dependencies (GetUnit, asked in parallel). One row per Listen entry, sorted by address;
// only listening sockets unless --all.
import type { UnitInfo__Output } from '@sysmaster/proto';
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { EXIT } from '../exit-codes';
import { listenEntries } from '../format/listen';
import type { Io } from '../io';

interface SocketRow { listen: string; kind: string; unit: string; activates: string }

function rowsOf(info: UnitInfo__Output): SocketRow[] {
  const activates = (info.dependencies.Triggers?.names ?? []).join(', ');
  return listenEntries(info.properties.Listen ?? '').map(({ address, kind }) => ({ listen: address, kind, unit: info.name, activates }));
}

/** The table, systemctl's columns and footer. */
export function formatListSockets(rows: SocketRow[], options: { all: boolean; legend: boolean }): string {
  const more = options.all ? '' : '\nPass --all to see loaded but inactive sockets, too.';
  if (rows.length === 0) return options.legend ? `0 sockets listed.${more}\n` : '';
  const sorted = [...rows].sort((a, b) => (a.listen < b.listen ? -1 : a.listen > b.listen ? 1 : a.unit.localeCompare(b.unit)));
  const table = [['LISTEN', 'UNIT', 'ACTIVATES'], ...sorted.map((r) => [r.listen, r.unit, r.activates])];
  const widths = [0, 1].map((i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => `${row[0]!.padEnd(widths[0]!)} ${row[1]!.padEnd(widths[1]!)} ${row[2]!}`.trimEnd());
  if (!options.legend) return `${lines.slice(1).join('\n')}\n`;
  return `${lines.join('\n')}\n\n${rows.length} ${rows.length === 1 ? 'socket' : 'sockets'} listed.${more}\n`;
}

export async function listSockets(client: ManagerClient, patterns: string[], options: Options, io: Io): Promise<number> {
  const { units } = await client.ListUnits({ all: options.all, states: options.states, types: ['socket'], patterns });
  const infos = await Promise.all(units.map((u) => client.GetUnit({ name: u.name, log_lines: 0 })));
  io.out(formatListSockets(infos.flatMap(rowsOf), { all: options.all, legend: options.legend }));
  return EXIT.SUCCESS;
}
