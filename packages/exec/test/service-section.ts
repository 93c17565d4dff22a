// The [Service] section the exec tests parse: KEY=VALUE lines of one unit file, each on its own
// line from line 2 (line 1 is the header), read by parseExecSettings() as the service worker does.
import assert from 'node:assert/strict';
import type { LoadRequest__Output } from '@sysmaster/proto';
import { SectionReader } from '@sysmaster/worker-kit';
import { EXEC_KEYS, parseExecSettings, type ExecSettings } from '../src';

/** The unit the lines belong to: its name, its file and the specifiers the core resolved. */
export interface SectionUnit { name: string; file: string; specifiers: Record<string, string> }

/** Parses `lines` as the unit's [Service] section: the settings and every error's sentence. */
export function parseService(unit: SectionUnit, lines: string[]): { exec: ExecSettings; errors: string[] } {
  const request: LoadRequest__Output = {
    name: unit.name, fragment_path: unit.file, dropin_paths: [], unit_settings: {}, specifiers: unit.specifiers,
    sections: [{
      name: 'Service', file: unit.file, line: 1,
      entries: lines.map((line, index) => ({ key: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1), file: unit.file, line: index + 2 })),
    }],
  };
  const reader = new SectionReader(request, 'Service', EXEC_KEYS);
  const exec = parseExecSettings(reader, unit.specifiers);
  return { exec, errors: reader.errors.map((e) => e.describe()) };
}

/** parseService() of lines that must parse without an error. */
export function goodService(unit: SectionUnit, lines: string[]): ExecSettings {
  const { exec, errors } = parseService(unit, lines);
  assert.deepEqual(errors, []);
  return exec;
}
