import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The installed command (package.json "bin"), as built by `pnpm build`: the launcher of the bundle.
const LAUNCHER = path.resolve(__dirname, '../dist/launcher.js');

/** Runs the installed sctl with `args` and a preload that reports, at exit, what was loaded. */
function runReporting(args: string[]): { status: number | null; stdout: string; loaded: { http2: boolean; grpc: boolean; protoText: boolean } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-sctl-start-'));
  const report = path.join(dir, 'loaded.json');
  const preload = path.join(dir, 'report.js');
  fs.writeFileSync(preload, `
const fs = require('node:fs');
let protoText = false;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) { if (/\\.proto$/.test(String(file))) protoText = true; return readFileSync.call(this, file, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({
  http2: process.moduleLoadList.includes('NativeModule http2'),
  grpc: /grpc-js|Http2SubchannelConnector/.test(Object.keys(require.cache).join(' ')),
  protoText,
})));
`);
  try {
    const env = { ...process.env, NODE_OPTIONS: '', SYSMASTER_RUNTIME_DIR: dir };
    const r = spawnSync(process.execPath, ['--require', preload, LAUNCHER, ...args], { env, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, loaded: JSON.parse(fs.readFileSync(report, 'utf8')) as { http2: boolean; grpc: boolean; protoText: boolean } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the installed sctl answers --help, --version and a usage error without loading gRPC or http2', () => {
  for (const args of [['--help'], ['--version'], ['no-such-command'], ['status', '--no-such-option']]) {
    const r = runReporting(args);
    assert.notEqual(r.status, null, args.join(' '));
    assert.deepEqual(r.loaded, { http2: false, grpc: false, protoText: false }, args.join(' '));
  }
  assert.match(runReporting(['--help']).stdout, /^sctl \[OPTIONS\.\.\.\] COMMAND/);
});

test('the installed sctl loads gRPC for a command that calls the manager, and reads no .proto file', () => {
  // No manager in this runtime directory: the command fails, after it has opened a client.
  const r = runReporting(['is-active', 'x.service']);
  assert.equal(r.status, 1);
  assert.equal(r.loaded.http2, true); // grpc-js, bundled, is not in require.cache: its http2 is
  assert.equal(r.loaded.protoText, false);
});

test('the build wrote the bundle and its code cache beside the launcher', () => {
  for (const file of ['sctl.bundle.js', 'sctl.bundle.js.cache']) assert.ok(fs.statSync(path.resolve(__dirname, '../dist', file)).size > 0, file);
});
