#!/usr/bin/env node
// Fails when a declaration of protos/sysmaster/v1/*.proto has no comment of its own: every
// service, rpc, message, enum, enum value, oneof and field must be preceded by a `//` comment
// line (or carry one at the end of its line). The protos are the contract a worker in any
// language is written from (docs/writing-a-worker.md), and the comments are generated into the
// TypeScript types (scripts/gen-proto.mjs --includeComments), so a missing one is a hole in the
// documentation of the contract. A comment separated from its declaration by a blank line does
// not count: protoc and protobufjs treat it as detached, and it never reaches generated code.
// Part of `pnpm run check:proto`.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'protos/sysmaster/v1');
const DECLARATION = /^(service|message|enum|oneof)\s+(\w+)/;
const RPC = /^rpc\s+(\w+)/;
const FIELD = /^(?:repeated\s+|optional\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+/;
const ENUM_VALUE = /^(\w+)\s*=\s*-?\d+/;

const missing = [];
let declarations = 0;
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.proto')).sort()) {
  const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n');
  const scopes = []; // 'service' | 'message' | 'enum' | 'oneof', innermost last
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const code = line.replace(/\/\/.*$/, '').trim();
    const scope = scopes[scopes.length - 1];
    let what = null;
    const decl = DECLARATION.exec(code);
    if (decl) what = `${decl[1]} ${decl[2]}`;
    else if (scope === 'service' && RPC.test(code)) what = `rpc ${RPC.exec(code)[1]}`;
    else if (scope === 'enum' && ENUM_VALUE.test(code)) what = `enum value ${ENUM_VALUE.exec(code)[1]}`;
    else if ((scope === 'message' || scope === 'oneof') && FIELD.test(code)) what = `field ${FIELD.exec(code)[1]}`;
    if (what) {
      declarations += 1;
      const trailing = line.includes('//');
      const previous = index > 0 ? lines[index - 1].trim() : '';
      if (!trailing && !previous.startsWith('//')) missing.push(`protos/sysmaster/v1/${name}:${index + 1}: ${what} has no comment`);
    }
    if (decl && code.endsWith('{') && !code.endsWith('}')) scopes.push(decl[1]);
    else if (code.startsWith('}')) scopes.pop();
  });
}

if (missing.length > 0) {
  for (const m of missing) console.error(m);
  console.error(`${missing.length} of ${declarations} proto declarations have no comment: comment them (docs/coding-habits.md habit 7)`);
  process.exit(1);
}
console.log(`every one of ${declarations} proto declarations has a comment`);
