#!/usr/bin/env node
// The installed sctl command (package.json "bin"; scripts/sandbox and test/vm put it on PATH).
// It runs dist/sctl.bundle.js — all of sctl and what it requires in one file, written by
// scripts/bundle-sctl.mjs at build time — compiled from the V8 code cache saved beside it
// (sctl.bundle.js.cache), so a command spends its time neither resolving and reading some hundred
// module files nor compiling them. Each part of the bundle still runs only when required, so
// --help and usage errors load no gRPC. A missing or rejected cache (another Node) only costs the
// compile; without the bundle (a build that stopped after tsc) the unbundled dist/main.js runs.
//
// With SYSMASTER_SCTL_WRITE_CODE_CACHE set, the run writes the code cache as it exits, holding
// every function compiled during the command: scripts/bundle-sctl.mjs makes it so, with real
// commands against a stand-in Manager.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const bundle = path.join(__dirname, 'sctl.bundle.js');
const cacheFile = `${bundle}.cache`;

/** Reads a file, or undefined when it is not there. */
function readOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

const source = readOptional(bundle);
if (!source) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./main');
} else {
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
    filename: bundle,
    cachedData: readOptional(cacheFile),
  });
  const writeCache = process.env.SYSMASTER_SCTL_WRITE_CODE_CACHE;
  if (writeCache) {
    delete process.env.SYSMASTER_SCTL_WRITE_CODE_CACHE;
    process.once('exit', () => fs.writeFileSync(writeCache, script.createCachedData()));
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundle), module, bundle, __dirname);
}
