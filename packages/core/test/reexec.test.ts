// daemon-reexec's preflight (reexec.ts): the core's code on disk is run once before anything is
// re-executed, and only code that loads and speaks this contract revision lets the upgrade go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTRACT_VERSION } from '@sysmaster/proto';
import { preflight } from '../src/reexec';

function script(t: { after(fn: () => void): void }, body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-reexec-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'main.js');
  fs.writeFileSync(file, body);
  return file;
}

test('code on disk that speaks this contract revision passes the preflight', async (t) => {
  await preflight(script(t, `if (process.argv.includes('--contract-version')) console.log(${CONTRACT_VERSION});\n`));
});

test('code on disk that speaks another revision, does not load, or is missing is refused with the reason', async (t) => {
  await assert.rejects(preflight(script(t, `console.log(${CONTRACT_VERSION + 1});\n`)), new RegExp(`speaks contract revision ${CONTRACT_VERSION + 1}, this one ${CONTRACT_VERSION}`));
  await assert.rejects(preflight(script(t, "require('./no-such-module');\n")), /does not start: .*Cannot find module/);
  await assert.rejects(preflight(script(t, 'syntax error here(\n')), /does not start: .*SyntaxError/);
  await assert.rejects(preflight('/nonexistent/main.js'), /does not start/);
});
