// The rule of scripts/check-core-types (no unit type named in packages/core/src), tested on
// sources that break it and sources that only look like they do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(__filename);
const check = require('../../../scripts/check-core-types') as {
  offences(file: string): string[]; coreFiles(dir: string): string[]; testingImports(dir: string): string[];
};

function offencesIn(source: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-types-'));
  const file = path.join(dir, 'sample.ts');
  fs.writeFileSync(file, source);
  try {
    return check.offences(file).map((o) => o.slice(file.length + 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a literal that is a type word or ends in a type suffix is an offence, in plain strings and template text alike', () => {
  const found = offencesIn([
    "const a = 'target';",
    'const b = `${kind}.target`;',
    'const c = "x.service";',
    'const d = `nested ${`inner.socket`} done`;',
    "const e = { type: 'path' };",
  ].join('\n'));
  assert.deepEqual(found, ['1: "target"', '2: ".target"', '3: "x.service"', '4: "inner.socket"', '5: "path"']);
});

test('comments, identifiers and words that only contain a type name are allowed', () => {
  assert.deepEqual(offencesIn([
    "// the 'service' worker starts default.target",
    "/* 'timer' */ const target = 'targets';",
    "const f = 'foo.services'; const g = 'mount-point'; const h = 'a.service@x';",
  ].join('\n')), []);
});

test('packages/core/src itself passes the check, and nothing in it loads the testing fakes the check leaves out', () => {
  const root = path.join(__dirname, '../src');
  const files = check.coreFiles(root);
  assert.ok(files.some((f) => f.endsWith(`${path.sep}manager.ts`)));
  assert.ok(!files.some((f) => f.includes(`${path.sep}testing${path.sep}`)), 'testing/ is left out');
  assert.deepEqual(files.flatMap((f) => check.offences(f)), []);
  assert.deepEqual(check.testingImports(root), []);
});

test('a core file that imports the testing fakes is an offence', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-testing-'));
  fs.mkdirSync(path.join(dir, 'testing'));
  fs.mkdirSync(path.join(dir, 'api'));
  fs.writeFileSync(path.join(dir, 'testing/fake.ts'), "export const TYPE = 'service';\n");
  fs.writeFileSync(path.join(dir, 'api/uses.ts'), "import { TYPE } from '../testing/fake';\n");
  fs.writeFileSync(path.join(dir, 'clean.ts'), "import { x } from './testing-helpers';\n");
  try {
    assert.deepEqual(check.coreFiles(dir).map((f) => path.relative(dir, f)).sort(), ['api/uses.ts', 'clean.ts']);
    assert.deepEqual(check.testingImports(dir).map((o) => path.relative(dir, o)), ['api/uses.ts:1: imports the testing fakes']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
