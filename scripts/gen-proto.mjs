#!/usr/bin/env node
// Generates the TypeScript types of protos/sysmaster/v1 into packages/proto/src/generated with
// proto-loader-gen-types. With --check it generates into a temporary folder and fails when the
// committed types differ, so the protos and their types never drift apart (CI runs it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const protoDir = path.join(root, 'protos');
const outDir = path.join(root, 'packages/proto/src/generated');
const check = process.argv.includes('--check');
const target = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'sm-proto-')) : outDir;

const files = fs.readdirSync(path.join(protoDir, 'sysmaster/v1')).filter((f) => f.endsWith('.proto'))
  .sort().map((f) => `sysmaster/v1/${f}`);
const bin = path.join(root, 'node_modules/.bin/proto-loader-gen-types');
if (!check) fs.rmSync(outDir, { recursive: true, force: true });
execFileSync(bin, [
  '--longs=Number', '--enums=String', '--defaults', '--oneofs', '--keepCase',
  '--includeComments', '--grpcLib=@grpc/grpc-js', '--includeDirs=protos', `--outDir=${target}`, ...files,
], { stdio: 'inherit', cwd: root }); // relative include: the generated headers name no machine path

function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p).map((x) => path.join(e.name, x)));
    else out.push(e.name);
  }
  return out.sort();
}

if (check) {
  const a = listFiles(target);
  const b = fs.existsSync(outDir) ? listFiles(outDir) : [];
  const differ = a.length !== b.length || a.some((f, i) => f !== b[i]
    || fs.readFileSync(path.join(target, f), 'utf8') !== fs.readFileSync(path.join(outDir, f), 'utf8'));
  fs.rmSync(target, { recursive: true, force: true });
  if (differ) {
    console.error('protos and packages/proto/src/generated differ: run `pnpm gen:proto` and commit');
    process.exit(1);
  }
  console.log('generated proto types are in sync');
}
