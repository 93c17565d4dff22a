import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { followFile, tailLines } from '../src/api/log-tail';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-tail-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('tailLines reads the last lines of a file much larger than one read block', async () => {
  const file = path.join(dir, 'big.log');
  const lines = Array.from({ length: 50_000 }, (_, i) => `entry number ${i} ${'x'.repeat(i % 40)}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const { lines: last, size } = await tailLines(file, 3);
  assert.deepEqual(last, lines.slice(-3));
  assert.equal(size, fs.statSync(file).size);
  assert.deepEqual((await tailLines(file, 5000)).lines, lines.slice(-5000));
});

test('tailLines counts a last line without its newline and returns everything from a short file', async () => {
  const file = path.join(dir, 'short.log');
  fs.writeFileSync(file, 'one\ntwo\nthree');
  assert.deepEqual((await tailLines(file, 2)).lines, ['two', 'three']);
  assert.deepEqual((await tailLines(file, 10)).lines, ['one', 'two', 'three']);
  assert.deepEqual((await tailLines(file, 0)).lines, []);
});

test('tailLines of a missing file is empty, not an error', async () => {
  assert.deepEqual(await tailLines(path.join(dir, 'missing.log'), 5), { lines: [], size: 0 });
});

test('followFile delivers multi-byte characters split across writes intact, and a file created later', async () => {
  const file = path.join(dir, 'later.log');
  const seen: string[] = [];
  const stop = followFile(file, 0, (batch) => seen.push(...batch), (error) => assert.fail(String(error)));
  try {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = Buffer.from('grüße\n');
    fs.writeFileSync(file, text.subarray(0, 4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    fs.appendFileSync(file, text.subarray(4));
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(seen, ['grüße']);
  } finally {
    stop();
  }
});
