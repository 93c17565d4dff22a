// Seeded property tests of the unit-file grammar (issue 15, item 5): parseUnitText never throws,
// whatever the text, and a value continued over lines with trailing backslashes (comment lines
// between them included) parses to the same entries as the joined line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseUnitText } from '../src/index';

const RUNS = { seed: 15_05, numRuns: 400 };

test('parseUnitText never throws, and every problem names the file and a line of it', () => {
  const lineText = fc.string({ unit: fc.constantFrom(...'[]=#;\\ \t\r"\'aZ\u0000\u{1F600}\uFEFF'), maxLength: 20 });
  fc.assert(fc.property(fc.array(lineText, { maxLength: 30 }), (lines) => {
    const text = lines.join('\n');
    const parsed = parseUnitText(text, 'fuzz.service');
    for (const problem of parsed.problems) {
      assert.equal(problem.file, 'fuzz.service');
      assert.ok(problem.line >= 1 && problem.line <= lines.length, `line ${problem.line} of ${lines.length}`);
      assert.ok(problem.message.startsWith(`fuzz.service:${problem.line}: `), problem.message);
    }
  }), RUNS);
});

/** A piece of a value: no surrounding whitespace, no newline, not a comment, no final backslash. */
const piece = fc.string({ unit: fc.constantFrom(...'ab =\\"\'#;$%'), minLength: 1, maxLength: 10 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && !s.startsWith('#') && !s.startsWith(';') && !s.endsWith('\\'));

test('a value continued over lines parses to the same entries as the joined line', () => {
  fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 6 }), (pieces, comments) => {
    const continued = pieces.map((p, index) => {
      const last = index === pieces.length - 1;
      const comment = !last && (comments[index] ?? false) ? '\n# a comment inside the continuation' : '';
      return last ? p : `${p}\\${comment}`;
    }).join('\n');
    const joined = pieces.join(' ');
    const entries = (text: string) => parseUnitText(`[Service]\nExecStart=${text}\n`, 'f').sections
      .flatMap((section) => section.entries.map(({ section: name, key, value, line }) => ({ name, key, value, line })));
    assert.deepEqual(entries(continued), entries(joined));
  }), RUNS);
});
