#!/usr/bin/env node
// node test/bench/recovery.mjs [--n 1000] [--kills 100] [--hangs 10] [--reexecs 10]
//                              [--only ours,systemd] [--timeout 300] [--out FILE]
//
// The never-down benchmark (issue 10; run by hand, as root; never by CI). Each manager is booted
// (as in boot.mjs: its own cgroup and PID namespace) with N `sleep infinity` services, then:
//   - ours: SIGKILL of the core (from the host, by pid) --kills times: the time until the new
//     core answers Manager.Keepalive (its process serves), and until it answers GetUnit (which
//     it holds until every worker's List and the job journal are in: the state is resynced);
//     p50/p99/min/max;
//   - ours: SIGSTOP of the core and of the service worker --hangs times each: the time until
//     a replacement runs (init's keepalive for the core, the core's pool for a worker: detection
//     plus replacement);
//   - ours and systemd: `sctl daemon-reexec` / `systemctl daemon-reexec` --reexecs times, timed
//     inside the namespace ($EPOCHREALTIME): how long the command takes, and until the manager
//     answers a unit query again. systemd's PID 1 cannot be SIGKILLed and come back (the kernel
//     ends the namespace), so only the live upgrade has a peer figure.
// After every fault the number of running services is checked: a benchmark that restarted one
// would say so. Prints tables and ours/systemd ratios; writes JSON under test/bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SleepCounter } from './lib/cgroup.mjs';
import { MANAGERS, ROOT, namespaceInit, runInside } from './lib/managers.mjs';
import { comm } from './lib/procfs.mjs';
import { stats, table } from './lib/report.mjs';
import { benchSession, endTrial, machine, sleep, waitFor } from './lib/session.mjs';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' }, kills: { type: 'string', default: '100' }, hangs: { type: 'string', default: '10' },
    reexecs: { type: 'string', default: '10' }, only: { type: 'string', default: 'ours,systemd' }, timeout: { type: 'string', default: '300' },
    out: { type: 'string' },
  },
});
const N = Number(values.n);
const opts = { kills: Number(values.kills), hangs: Number(values.hangs), reexecs: Number(values.reexecs), timeoutSec: Number(values.timeout) };
const only = values.only.split(',');
const require = createRequire(import.meta.url);
const { connect } = require(path.join(ROOT, 'packages/proto/dist/index.js'));

/** Host pids of the processes named `name` under host pid `root` (its descendants), by /proc. */
function descendantsNamed(root, name) {
  const out = [];
  const walk = (pid) => {
    let children = [];
    try { children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { return; }
    for (const c of children) { if (comm(c) === name) out.push(c); walk(c); }
  };
  walk(root);
  return out;
}

/** Calls `fn` on a fresh channel until it answers; resolves with the ms since `t0`. */
async function firstAnswer(socket, fn, t0, timeoutMs = 60_000) {
  const client = connect('Manager', socket, { 'grpc.initial_reconnect_backoff_ms': 5, 'grpc.max_reconnect_backoff_ms': 50 });
  try {
    for (;;) {
      try {
        await fn(client);
        return performance.now() - t0;
      } catch {
        if (performance.now() - t0 > timeoutMs) throw new Error('no answer');
        await sleep(2);
      }
    }
  } finally {
    client.close();
  }
}

/** The pids of the running bench services. */
function running(counter) {
  const c = new SleepCounter(counter.root, counter.isOwn);
  c.count();
  return new Set(c.sleeping);
}

async function oursRun(handle, results) {
  const init = await waitFor(() => namespaceInit(handle.group), 30_000, 'the sandbox init');
  const socket = `/proc/${init}/root/run/sysmaster/private`;
  const counter = { root: handle.group, isOwn: MANAGERS.ours.isOwn };
  const kept = running(counter);
  const serving = [];
  const synced = [];
  for (let i = 0; i < opts.kills; i++) {
    const [core] = descendantsNamed(init, 'sysmaster');
    const t0 = performance.now();
    process.kill(core, 'SIGKILL');
    await waitFor(() => descendantsNamed(init, 'sysmaster').some((p) => p !== core), 30_000, 'a new core');
    const [s, r] = await Promise.all([
      firstAnswer(socket, (c) => c.Keepalive({}, { timeoutMs: 200 }), t0),
      firstAnswer(socket, (c) => c.GetUnit({ name: 'bench-0.service', log_lines: 0 }, { timeoutMs: 5000 }), t0),
    ]);
    serving.push(s);
    synced.push(r);
    process.stderr.write(`\rbench: ours: kill ${i + 1}/${opts.kills}: answered ${s.toFixed(0)} ms, resynced ${r.toFixed(0)} ms   `);
    await sleep(300);
  }
  process.stderr.write('\n');
  results.kill = { serving: stats(serving), synced: stats(synced) };
  for (const [what, name] of [['core', 'sysmaster'], ['service worker', 'sm-service']]) {
    const ms = [];
    for (let i = 0; i < opts.hangs; i++) {
      const [pid] = descendantsNamed(init, name);
      const t0 = performance.now();
      process.kill(pid, 'SIGSTOP');
      await waitFor(() => descendantsNamed(init, name).some((p) => p !== pid), 60_000, `a new ${name}`);
      ms.push(performance.now() - t0);
      await firstAnswer(socket, (c) => c.GetUnit({ name: 'bench-0.service', log_lines: 0 }, { timeoutMs: 5000 }), t0);
      await sleep(500);
    }
    results[`hang ${what}`] = stats(ms);
  }
  results.reexec = await reexecs(init, 'sctl daemon-reexec', 'sctl is-active bench-0.service');
  const after = running(counter);
  results.servicesBefore = kept.size;
  results.servicesAfter = after.size;
  results.servicesReplaced = [...kept].filter((pid) => !after.has(pid)).length;
}

/** `cmd` --reexecs times inside the namespace: its own duration, and until `probe` answers. */
async function reexecs(init, cmd, probe) {
  const own = [];
  const back = [];
  for (let i = 0; i < opts.reexecs; i++) {
    const out = await runInside(init, `t0=$EPOCHREALTIME; ${cmd} >/dev/null; t1=$EPOCHREALTIME; until ${probe} >/dev/null 2>&1; do :; done; t2=$EPOCHREALTIME; echo "$t0 $t1 $t2"`, [], 120_000);
    const [t0, t1, t2] = out.trim().split(' ').map(Number);
    own.push((t1 - t0) * 1000);
    back.push((t2 - t0) * 1000);
    await sleep(500);
  }
  return { command: stats(own), answered: stats(back) };
}

async function systemdRun(handle, results) {
  const init = await waitFor(() => namespaceInit(handle.group), 30_000, 'systemd');
  results.reexec = await reexecs(init, 'systemctl daemon-reexec', 'systemctl is-active bench-0.service');
}

const fmt = (s) => (s ? `${s.p50.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)}, p99 ${s.p99.toFixed(0)})` : 'n/a');

async function main() {
  const live = new Set();
  const { workRoot } = benchSession('sm-bench-recovery-', live);
  const all = {};
  for (const name of only) {
    const manager = MANAGERS[name];
    const why = manager.unavailable();
    if (why) { console.error(`bench: ${name}: ${why}`); continue; }
    const workDir = fs.mkdtempSync(path.join(workRoot, `${name}-`));
    const handle = manager.launch(workDir, N, opts.timeoutSec);
    live.add(handle);
    try {
      const counter = new SleepCounter(handle.group, manager.isOwn);
      await waitFor(() => counter.count() >= N, opts.timeoutSec * 1000, `${N} services under ${name}`);
      console.error(`bench: ${name}: ${N} services running`);
      const results = {};
      await (name === 'ours' ? oursRun(handle, results) : systemdRun(handle, results));
      all[name] = results;
    } finally {
      await endTrial(handle, manager, live, workDir);
    }
  }
  const o = all.ours;
  const s = all.systemd;
  const ratio = (a, b) => (a && b ? (a.p50 / b.p50).toFixed(2) : 'n/a');
  console.log(`\nRecovery with ${N} services (ms: median (min–max, p99))\n`);
  console.log(table(['measure', 'ours', 'systemd', 'ours/systemd'], [
    ['SIGKILL of the core → first answered call', fmt(o?.kill?.serving), 'n/a (PID 1 cannot be replaced)', ''],
    ['SIGKILL of the core → state resynced (GetUnit answered)', fmt(o?.kill?.synced), 'n/a', ''],
    ['hang (SIGSTOP) of the core → replaced', fmt(o?.['hang core']), 'n/a', ''],
    ['hang (SIGSTOP) of the service worker → replaced', fmt(o?.['hang service worker']), 'n/a', ''],
    ['daemon-reexec command', fmt(o?.reexec?.command), fmt(s?.reexec?.command), ratio(o?.reexec?.command, s?.reexec?.command)],
    ['daemon-reexec → unit query answered', fmt(o?.reexec?.answered), fmt(s?.reexec?.answered), ratio(o?.reexec?.answered, s?.reexec?.answered)],
  ]));
  if (o) console.log(`\nours: ${o.servicesBefore} services running before the faults, ${o.servicesAfter} after, ${o.servicesReplaced} of them with another pid (restarted)`);
  const out = values.out ?? path.join(ROOT, 'test/bench/results', `recovery-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ machine: machine(), n: N, opts, results: all }, null, 2));
  console.error(`bench: results in ${out}`);
  fs.rmSync(workRoot, { recursive: true, force: true });
}

main().catch((e) => { console.error(`bench: ${e instanceof Error ? e.stack : e}`); process.exit(1); });
