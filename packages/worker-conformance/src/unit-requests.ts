// Unit files of the type under test, turned into Load requests the way the core builds them
// (packages/core/src/units/unit-table.ts loadInWorker): parsed once by @sysmaster/unit-file, only
// the sections the worker owns handed over verbatim, each at the line of its first header as the
// parser read it and each entry at its real file and line, [Unit] settings as last values, the
// specifier table of the unit. The kit also writes deliberately broken copies of a unit (an
// unknown key, a garbage value of a known key) to see whether the worker points at the exact place.
import fs from 'node:fs';
import path from 'node:path';
import { SysmasterError, type LoadRequest } from '@sysmaster/proto';
import { parseUnitText, specifiersFor, type ParsedFile } from '@sysmaster/unit-file';

/** A unit file read for the kit: its name, path, text and the Load request built from it. */
export interface UnitFixture {
  name: string;
  file: string;
  text: string;
  request: LoadRequest;
}

/** Builds the Load request of unit `name` from its parsed file, handing over the `owned` sections. */
function buildLoadRequest(name: string, parsed: ParsedFile, owned: readonly string[]): LoadRequest {
  const unitSettings: Record<string, string> = {};
  for (const entry of parsed.sections.find((s) => s.name === 'Unit')?.entries ?? []) unitSettings[entry.key] = entry.value;
  return {
    name,
    fragment_path: parsed.file,
    dropin_paths: [],
    sections: parsed.sections.filter((s) => owned.includes(s.name)).map((s) => ({
      name: s.name, file: parsed.file, line: s.line,
      entries: s.entries.map((e) => ({ key: e.key, value: e.value, file: e.file, line: e.line })),
    })),
    specifiers: specifiersFor(name, parsed.file),
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
  const parsed = parseUnitText(text, absolute);
  if (parsed.problems.length > 0) throw new SysmasterError('ERR_INVALID_ARGUMENT', `${file} does not parse: ${parsed.problems[0]!.message}`);
  return { name, file: absolute, text, request: buildLoadRequest(name, parsed, owned) };
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
  return { name, file, line, key, request: buildLoadRequest(name, parseUnitText(text, file), owned) };
}

/**
 * A copy of `unit` with an unknown key added to the first owned section (which is appended when
 * the unit has none of them); null when the type owns no section, so there is nowhere to put it.
 */
export function withUnknownKey(unit: UnitFixture, type: string, owned: readonly string[], dir: string): BrokenUnit | null {
  const section = owned[0];
  if (section === undefined) return null;
  const lines = unit.text.replace(/\n$/, '').split(/\r?\n/);
  const header = unit.request.sections?.find((s) => s.name === section)?.line ?? 0; // the parser's line of its first header
  if (header === 0) lines.push(`[${section}]`);
  const at = header === 0 ? lines.length : header;
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
