// `sctl list-units` and `sctl list-jobs` tables in systemctl's columns, legend and footer.
import type { Job__Output, UnitSummary__Output } from '@sysmaster/proto';
import type { Painter } from './colors';
import { plain } from './colors';

/** Pads every column but the last to its widest cell, one space apart. */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(' ').trimEnd());
}

/** How a list is printed: `legend: false` (--no-legend) prints the rows only. */
export interface ListLayout {
  legend?: boolean;
}

/** Rows alone (--no-legend) or the whole table with its footer. */
function withLegend(layout: ListLayout, rows: string[], whole: () => string): string {
  if (layout.legend === false) return rows.length === 0 ? '' : `${rows.join('\n')}\n`;
  return whole();
}

/** list-units: `plain` (--plain) drops the ● marker of failed and not-loaded units. */
export function formatListUnits(units: UnitSummary__Output[], options: { all: boolean; paint?: Painter; plain?: boolean } & ListLayout): string {
  const paint = options.paint ?? plain;
  const more = options.all ? '' : ' Pass --all to see loaded but inactive units, too.';
  if (units.length === 0) return withLegend(options, [], () => `0 loaded units listed.${more}\n`);
  const withJobs = units.some((u) => u.job_id > 0);
  const header = ['UNIT', 'LOAD', 'ACTIVE', 'SUB', ...(withJobs ? ['JOB'] : []), 'DESCRIPTION'];
  const rows = units.map((u) => [u.name, u.load_state, u.active_state, u.sub_state, ...(withJobs ? [u.job_id > 0 ? u.job_type : ''] : []), u.description]);
  const lines = table([header, ...rows]);
  const out = lines.map((line, i) => {
    if (options.plain === true) return line;
    if (i === 0) return `  ${line}`;
    const unit = units[i - 1]!;
    const bad = unit.active_state === 'failed' || unit.load_state !== 'loaded';
    return bad ? `${paint('●', 'red')} ${paint(line, 'red')}` : `  ${line}`;
  });
  if (options.legend === false) return `${out.slice(1).join('\n')}\n`;
  out.push(
    '',
    'LOAD   = Reflects whether the unit definition was properly loaded.',
    'ACTIVE = The high-level unit activation state, i.e. generalization of SUB.',
    'SUB    = The low-level unit activation state, values depend on unit type.',
  );
  if (withJobs) out.push('JOB    = Pending job for the unit.');
  out.push('', `${units.length} loaded ${units.length === 1 ? 'unit' : 'units'} listed.${more}`);
  return `${out.join('\n')}\n`;
}

export function formatListJobs(jobs: Job__Output[], layout: ListLayout = {}): string {
  if (jobs.length === 0) return withLegend(layout, [], () => 'No jobs running.\n');
  const rows = table([['JOB', 'UNIT', 'TYPE', 'STATE'], ...jobs.map((j) => [String(j.id), j.unit, j.type, j.state])]);
  return withLegend(layout, rows.slice(1), () => `${rows.join('\n')}\n\n${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'} listed.\n`);
}

/** States list-unit-files paints red, and green (systemctl's output_unit_file_list()). */
const RED_STATES = new Set(['masked', 'masked-runtime', 'disabled', 'bad']);

/** `sctl list-unit-files`: UNIT FILE, STATE and VENDOR PRESET columns, then the count. */
export function formatListUnitFiles(files: Array<{ path: string; state: string; preset: string }>, paint: Painter = plain, layout: ListLayout = {}): string {
  if (files.length === 0) return withLegend(layout, [], () => '0 unit files listed.\n');
  const rows = files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.state, f.preset || '-']);
  const nameWidth = Math.max(9, ...rows.map((r) => r[0]!.length));
  const stateWidth = Math.max(5, ...rows.map((r) => r[1]!.length));
  // Padding is applied before colouring, so escape codes never shift the columns.
  const out = [`${'UNIT FILE'.padEnd(nameWidth)} ${'STATE'.padEnd(stateWidth)} VENDOR PRESET`];
  for (const [name, state, preset] of rows) {
    const stateText = state!.padEnd(stateWidth);
    const paintedState = RED_STATES.has(state!) ? paint(stateText, 'red') : state === 'enabled' ? paint(stateText, 'green') : stateText;
    const paintedPreset = preset === 'enabled' ? paint(preset, 'green') : preset === 'disabled' ? paint(preset, 'red') : preset!;
    out.push(`${name!.padEnd(nameWidth)} ${paintedState} ${paintedPreset}`);
  }
  return withLegend(layout, out.slice(1), () => `${out.join('\n')}\n\n${files.length} unit files listed.\n`);
}
