#!/usr/bin/env node
// node test/bench/transaction.mjs [--n 1000,10000] [--runs 5] [--seed 1]
//
// Transaction build time of the core's job engine (run by hand; needs `pnpm build`). For each N
// it makes a random DAG of N service units — each unit Requires= up to 2 and Wants= up to 2
// units with a lower index, ordered After= them — plus `all.target`, which Wants= every unit,
// then times buildTransaction() for "start all.target" over that graph (every unit inactive, so
// every unit gets a job), and for "stop" of the root unit (which pulls in a stop of everything
// that requires it). The graph is the core's own DependencyIndex, as in the running core.
// Prints the median and the best of --runs builds, in milliseconds.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../lib/prng.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = require(path.join(ROOT, 'packages/core/dist/index.js'));

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000,10000' }, runs: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } } });


function randomDag(n, rand) {
  const index = new core.DependencyIndex();
  const name = (i) => `u${i}.service`;
  for (let i = 1; i < n; i++) {
    for (const kind of ['Requires', 'Wants']) {
      const count = Math.floor(rand() * 3);
      for (let k = 0; k < count; k++) {
        const j = Math.floor(rand() * i);
        index.add(name(i), kind, name(j));
        index.add(name(i), 'After', name(j));
      }
    }
  }
  for (let i = 0; i < n; i++) index.add('all.target', 'Wants', name(i));
  const units = new Map();
  for (let i = 0; i < n; i++) units.set(name(i), { name: name(i), loadState: 'loaded', loadMessage: '', activeState: 'inactive' });
  units.set('all.target', { name: 'all.target', loadState: 'loaded', loadMessage: '', activeState: 'inactive' });
  return {
    unit: (u) => units.get(u),
    deps: (u, kind) => index.get(u, kind),
    hasDep: (from, kind, to) => index.has(from, kind, to),
    units: () => [...units.values()],
  };
}

function time(fn, runs) {
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0], result };
}

const runs = Number(values.runs);
console.log('units    request                  jobs    median ms   best ms');
for (const n of values.n.split(',').map(Number)) {
  const graph = randomDag(n, mulberry32(Number(values.seed)));
  const start = time(() => core.buildTransaction(graph, { anchors: [{ unit: 'all.target', type: 'start' }], mode: 'replace', installed: [] }), runs);
  const stop = time(() => core.buildTransaction(graph, { anchors: [{ unit: 'u0.service', type: 'stop' }], mode: 'replace', installed: [] }), runs);
  for (const [label, r] of [['start all.target', start], ['stop u0.service', stop]]) {
    console.log(`${String(n).padEnd(8)} ${label.padEnd(24)} ${String(r.result.jobs.size).padEnd(7)} ${r.median.toFixed(1).padStart(9)} ${r.best.toFixed(1).padStart(9)}`);
  }
}
