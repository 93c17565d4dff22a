import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_LINE_LENGTH, MAX_UNIT_FILE_BYTES, loadUnitSource, parseUnitText, readUnitFileText } from '../src/index';

test('a line longer than LONG_LINE_MAX is refused with its line number and the rest of the file is read', () => {
  const text = `[Service]\nExecStart=/bin/${'x'.repeat(MAX_LINE_LENGTH)}\nType=oneshot\n`;
  const parsed = parseUnitText(text, '/u/a.service');
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0]!.message, /^\/u\/a\.service:2: line too long \(1048591 characters, at most 1048576\)/);
  assert.deepEqual(parsed.sections[0]!.entries.map((e) => e.key), ['Type']);
});

test('a value continued past LONG_LINE_MAX is refused once, at its first line, and its remaining lines are skipped', () => {
  const part = 'a'.repeat(64 * 1024);
  const continued = Array.from({ length: 20 }, () => `${part} \\`).join('\n');
  const text = `[Service]\nType=simple\nExecStart=/bin/echo \\\n${continued}\nlast-part-of-the-value\nUser=nobody\n`;
  const parsed = parseUnitText(text, '/u/b.service');
  assert.equal(parsed.problems.length, 1, parsed.problems.map((p) => p.message.slice(0, 80)).join('\n'));
  assert.equal(parsed.problems[0]!.line, 3);
  assert.match(parsed.problems[0]!.message, /line too long/);
  assert.deepEqual(parsed.sections[0]!.entries.map((e) => e.key), ['Type', 'User']);
});

test('100,000 short continuation lines under the limit still join into one value', () => {
  const text = `[Service]\nExecStart=/bin/true${' \\\n a'.repeat(100_000)}\n`;
  const parsed = parseUnitText(text, '/u/c.service');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.sections[0]!.entries[0]!.value.split(/ +/u).length, 100_001);
});

test('a unit file larger than MAX_UNIT_FILE_BYTES is refused unread, and loads as a problem naming the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-size-'));
  try {
    const file = path.join(dir, 'huge.service');
    fs.writeFileSync(file, `[Service]\nExecStart=/bin/true\n${'#'.repeat(MAX_UNIT_FILE_BYTES)}\n`);
    assert.throws(() => readUnitFileText(file), /file too large \(\d+ bytes, at most 4194304\)/);
    const source = loadUnitSource('huge.service', [dir]);
    assert.ok(source.problems.some((p) => p.file === file && /file too large/.test(p.message)), JSON.stringify(source.problems));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
