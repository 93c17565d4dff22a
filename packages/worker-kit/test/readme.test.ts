// The README documents every export of the package, so the SDK's reference cannot drift from
// the code: each name exported by src/index.ts has its line in "Every export".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

test('every export of worker-kit has its line in the README', () => {
  const index = fs.readFileSync(path.join(__dirname, '../src/index.ts'), 'utf8');
  const names = [...index.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) => m[1]!.split(',').map((n) => n.trim().split(/\s+as\s+/).pop()!)).filter(Boolean);
  const readme = fs.readFileSync(path.join(__dirname, '../README.md'), 'utf8');
  const reference = readme.slice(readme.indexOf('## Every export'));
  assert.ok(names.length > 20, `found the exports: ${names.join(', ')}`);
  const missing = names.filter((name) => !new RegExp(`^- \`${name}[(\`]`, 'm').test(reference));
  assert.deepEqual(missing, [], 'exports without a README line');
});
