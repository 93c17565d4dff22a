// Unit files of the type under test, turned into Load requests the way the core builds them
// (packages/core/src/units/unit-table.ts loadInWorker): parsed by @sysmaster/unit-file, only the
// sections the worker owns handed over verbatim with each entry's real file and line, [Unit]
// settings as last values, the specifier table of the unit. The kit also writes deliberately
// broken copies of a unit (an unknown key, a garbage value of a known key) to see whether the
// worker points at the exact place.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError, type LoadRequest } from '@sysmaster/proto';
import { parseUnitText, specifiersFor } from '@sysmaster/unit-file';

/** A unit file read for the kit: its name, path, text and the Load request built from it. */
export interface UnitFixture {
  name: string;
  file: string;
  text: string;
  request: LoadRequest;
}

/** The 1-based line of each "[Name]" header in `text` (the first one of a repeated header). */
function headerLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    const m = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (m && !out.has(m[1]!.trim())) out.set(m[1]!.trim(), index + 1);
  });
  return out;
}

/** Builds the Load request of unit `name` from `text` (the file at `file`), handing over `owned` sections. */
function buildLoadRequest(name: string, file: string, text: string, owned: readonly string[]): LoadRequest {
  const parsed = parseUnitText(text, file);
  const headers = headerLines(text);
  const unitSettings: Record<string, string> = {};
  for (const entry of parsed.sections.find((s) => s.name === 'Unit')?.entries ?? []) unitSettings[entry.key] = entry.value;
  return {
    name,
    fragment_path: file,
    dropin_paths: [],
    sections: parsed.sections.filter((s) => owned.includes(s.name)).map((s) => ({
      name: s.name, file, line: headers.get(s.name) ?? 0,
      entries: s.entries.map((e) => ({ key: e.key, value: e.value, file: e.file, line: e.line })),
    })),
    specifiers: specifiersFor(name, file),
    unit_settings: unitSettings,
  };
}

/** Refuses a unit file whose name does not end in `.type`. */
export function checkUnitType(file: string, type: string): void {
  if (!path.basename(file).endsWith(`.${type}`)) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `${file} is not a unit of type '${type}' (its name must end in .${type})`);
  }
}

/** Reads the unit file `file`, which must be of type `type` (its suffix) and parse cleanly. */
export function readUnitFixture(file: string, type: string, owned: readonly string[]): UnitFixture {
  checkUnitType(file, type);
  const absolute = path.resolve(file);
  const name = path.basename(absolute);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new SysmasterError('ERR_INVALID_ARGUMENT', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const problems = parseUnitText(text, absolute).problems;
  if (problems.length > 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', `${file} does not parse: ${problems[0]!.message}`);
  return { name, file: absolute, text, request: buildLoadRequest(name, absolute, text, owned) };
}

/** A value no grammar of a known key should accept. */
export const GARBAGE_VALUE = '@@sm-verify: not a valid value@@';
/** A key no type defines. */
export const UNKNOWN_KEY = 'XSmVerifyUnknownKey';

/** A broken copy of a unit: the file written, the line that is wrong and the request. */
export interface BrokenUnit {
  name: string;
  file: string;
  line: number;
  key: string;
  request: LoadRequest;
}

function writeBroken(dir: string, name: string, lines: string[], line: number, key: string, owned: readonly string[]): BrokenUnit {
  const file = path.join(dir, name);
  const text = `${lines.join('\n')}\n`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, text);
  return { name, file, line, key, request: buildLoadRequest(name, file, text, owned) };
}

/**
 * A copy of `unit` with an unknown key added to the first owned section (which is appended when
 * the unit has none of them); null when the type owns no section, so there is nowhere to put it.
 */
export function withUnknownKey(unit: UnitFixture, type: string, owned: readonly string[], dir: string): BrokenUnit | null {
  const section = owned[0];
  if (section === undefined) return null;
  const lines = unit.text.replace(/\n$/, '').split(/\r?\n/);
  const header = lines.findIndex((l) => l.trim() === `[${section}]`);
  if (header < 0) lines.push(`[${section}]`);
  const at = header < 0 ? lines.length : header + 1;
  lines.splice(at, 0, `${UNKNOWN_KEY}=1`);
  return writeBroken(dir, `sm-verify-unknown-key.${type}`, lines, at + 1, UNKNOWN_KEY, owned);
}

/** One copy of `unit` per key set in an owned section, with that line's value replaced by garbage. */
export function withGarbageValues(unit: UnitFixture, type: string, owned: readonly string[], dir: string): BrokenUnit[] {
  const lines = unit.text.replace(/\n$/, '').split(/\r?\n/);
  const out: BrokenUnit[] = [];
  for (const section of unit.request.sections ?? []) {
    for (const entry of section.entries ?? []) {
      const index = (entry.line ?? 0) - 1;
      const original = lines[index];
      if (original === undefined || /\\\s*$/.test(original)) continue; // a continued value: skip
      const copy = [...lines];
      copy[index] = `${entry.key}=${GARBAGE_VALUE}`;
      out.push(writeBroken(dir, `sm-verify-garbage-${out.length + 1}.${type}`, copy, index + 1, entry.key ?? '', owned));
    }
  }
  return out;
}
