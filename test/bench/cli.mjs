#!/usr/bin/env node
// node test/bench/cli.mjs [--runs 30] [--unit default.target] [--out FILE]
//
// sctl's cold start (issue 11 item 5): how long a one-call command takes as a whole process,
// beside `node -e 0` on the same machine in the same run. Boots one sandbox (scripts/sandbox, as
// root), and inside it runs `node -e 0`, `sctl is-active UNIT` and `sctl status UNIT` in turn,
// --runs times each after one warm-up round, each timed from spawn to exit. Interleaving keeps
// the three under the same load when the machine's speed drifts. Prints each command's median
// with its min, p90 and max, and the ratio of its median to `node -e 0`'s (the goal: <= 2); the
// JSON goes to --out (default test/bench/results/cli-<date>.json, gitignored). Run by hand, not
// by CI: its figures mean something only within one run on one machine.
//
// The same file is the measuring side: the sandbox runs it again with --inside, where `sctl` is
// the command the sandbox puts on PATH (the one a user gets).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { stats, table } from './lib/report.mjs';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' }, unit: { type: 'string', default: 'default.target' },
    out: { type: 'string' }, inside: { type: 'boolean', default: false },
  },
});

/** Spawns argv once with empty stdin and discarded output; the wall milliseconds, and its status. */
function timeOnce(argv) {
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, stderr: r.stderr.toString() };
}

/** Inside the sandbox: the timed rounds, as JSON on stdout. */
function measure(runs, unit) {
  const commands = {
    'node -e 0': [process.execPath, '-e', '0'],
    [`sctl is-active ${unit}`]: ['sctl', 'is-active', unit],
    [`sctl status ${unit}`]: ['sctl', 'status', unit],
  };
  const names = Object.keys(commands);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -1; round < runs; round++) {
    // Each round starts with a different command, so none is always first after a pause.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(round, 0)) % names.length];
      const r = timeOnce(commands[name]);
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      if (round >= 0) times[name].push(r.ms);
    }
  }
  return { node: process.version, times };
}

function report(result) {
  const base = stats(result.times['node -e 0']).median;
  const rows = Object.entries(result.times).map(([name, ms]) => {
    const s = stats(ms);
    const p90 = [...ms].sort((a, b) => a - b)[Math.ceil(0.9 * ms.length) - 1];
    return [name, String(s.n), s.median.toFixed(1), s.min.toFixed(1), p90.toFixed(1), s.max.toFixed(1), (s.median / base).toFixed(2)];
  });
  return table(['command', 'runs', 'median ms', 'min', 'p90', 'max', 'x node -e 0'], rows);
}

if (values.inside) {
  process.stdout.write(JSON.stringify(measure(Number(values.runs), values.unit)));
} else {
  const r = spawnSync(path.join(ROOT, 'scripts/sandbox'),
    ['--', process.execPath, path.join(ROOT, 'test/bench/cli.mjs'), '--inside', '--runs', values.runs, '--unit', values.unit],
    { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(`cli.mjs: the sandbox run failed (status ${r.status})`);
    process.exit(1);
  }
  const result = JSON.parse(r.stdout.toString());
  console.log(report(result));
  const out = values.out ?? path.join(ROOT, `test/bench/results/cli-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2));
  console.error(`(JSON: ${path.relative(process.cwd(), out)})`);
}
