#!/usr/bin/env node
// Builds sctl's fast path (run by `pnpm build`, after tsc): packages/sctl/dist/sctl.bundle.js,
// sctl and everything it requires in one file (esbuild), and sctl.bundle.js.cache, the V8 code
// cache packages/sctl/src/launcher.ts compiles it from. A cache made right after compiling would
// hold almost nothing (V8 compiles a function when it first runs, and every module of the bundle
// is a function), so the cache is written by real commands instead: `sctl status` and
// `sctl is-active` against a stand-in Manager served here on a private runtime directory, each
// run adding the functions it compiled. The conformance kit (`sctl verify-worker`, a tool for
// worker authors) stays outside the bundle, required from node_modules when used.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCTL = path.join(ROOT, 'packages/sctl');
const bundle = path.join(SCTL, 'dist/sctl.bundle.js');
const launcher = path.join(SCTL, 'dist/launcher.js');

buildSync({
  entryPoints: [path.join(SCTL, 'src/main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  external: ['@sysmaster/worker-conformance'],
  logLevel: 'warning',
});
// The launcher wraps the bundle in a function: main.ts's #! line must go.
fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(/^#!.*\n/, ''));
fs.chmodSync(launcher, 0o755);
fs.rmSync(`${bundle}.cache`, { force: true });

/** A Manager that answers the unit queries the warm-up commands make. */
async function standInManager(socket) {
  const proto = createRequire(path.join(SCTL, 'package.json'))('@sysmaster/proto');
  const server = proto.createServer('Manager');
  proto.implement(server, 'Manager', {
    GetUnit: async (request) => ({
      name: request.name, description: 'code cache warm-up', load_state: 'loaded',
      status: { name: request.name, active_state: 'active', sub_state: 'running', main_pid: process.pid },
    }),
  });
  await proto.serveOnPath(server, socket);
  return server;
}

/** Runs the installed command (the launcher) once, writing the code cache as it exits. */
function warm(runtimeDir, args) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SYSMASTER_RUNTIME_DIR: runtimeDir, SYSMASTER_SCTL_WRITE_CODE_CACHE: `${bundle}.cache`, NODE_OPTIONS: '' };
    const child = spawn(process.execPath, [launcher, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sctl ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-sctl-cache-'));
const server = await standInManager(path.join(runtimeDir, 'private'));
try {
  for (const args of [['status', 'warm-up.service'], ['is-active', 'warm-up.service']]) await warm(runtimeDir, args);
} finally {
  server.forceShutdown();
  fs.rmSync(runtimeDir, { recursive: true, force: true });
}
