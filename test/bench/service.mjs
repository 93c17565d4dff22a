#!/usr/bin/env node
// node test/bench/service.mjs [--kills 1000] [--cycles 1000] [--cli-cycles 100] [--gap-ms MS]
//                             [--only ours,systemd,s6,runit] [--timeout 120] [--out FILE]
//
// The service benchmark (run by hand, as root; never by CI). Each manager is booted (as in
// boot.mjs: its own cgroup and PID namespace) with two services, and measured in turn:
//   - restart latency: SIGKILL of the main process of bench-0 (Restart=always, RestartSec=0, no
//     start limit) until a new `sleep infinity` runs in its cgroup; --kills times, p50/p99;
//     the next kill comes --gap-ms after the restart (default: 10 ms for ours and systemd,
//     1100 ms for s6 and runit, which by design wait a second before relaunching a service
//     that lived less than a second: a throttle, not a cost); --throttled-max N caps the kills
//     and CLI cycles of s6 and runit (1,000 kills at 1.1 s each take 18 minutes per manager);
//   - start/stop cycles of bench-cycle through the manager's own CLI run inside its namespaces
//     from one bash loop timed with $EPOCHREALTIME (systemctl, s6-svc -wu/-wd, sv -w start/stop,
//     and sctl for ours, whose every call is a cold Node start: --cli-cycles of them), --cycles
//     times; and, for ours, the same cycles through the Manager API over one kept gRPC channel
//     (StartUnits+WaitJobs, StopUnits+WaitJobs), which is the manager's own cost.
// Managers run one after another in one run of this script; compare figures within it. Prints
// tables and ours/peer ratios, writes everything as JSON under test/bench/results/. Everything
// started is killed and its cgroups removed, on success, on error and on Ctrl-C.
// See test/bench/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { groupsUnder, procsOf } from './lib/cgroup.mjs';
import { MANAGERS, ROOT, namespaceInit, oursManagerApi, runInside } from './lib/managers.mjs';
import { isBenchSleep } from './lib/procfs.mjs';
import { stats, table } from './lib/report.mjs';
import { SERVICE_WRITERS } from './lib/service-units.mjs';
import { benchSession, endTrial, machine, sleep, waitFor } from './lib/session.mjs';

function options() {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '1000' },
      cycles: { type: 'string', default: '1000' },
      'cli-cycles': { type: 'string', default: '100' },
      'gap-ms': { type: 'string' },
      'throttled-max': { type: 'string' },
      only: { type: 'string', default: Object.keys(MANAGERS).join(',') },
      timeout: { type: 'string', default: '120' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 18).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    process.exit(0);
  }
  const count = (name) => {
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${name}: '${values[name]}' is not a whole number`);
    return v;
  };
  const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  for (const m of only) if (!(m in MANAGERS)) throw new Error(`--only: unknown manager '${m}' (known: ${Object.keys(MANAGERS).join(', ')})`);
  const gapMs = values['gap-ms'] === undefined ? null : count('gap-ms');
  const throttledMax = values['throttled-max'] === undefined ? null : count('throttled-max');
  return { kills: count('kills'), cycles: count('cycles'), cliCycles: count('cli-cycles'), gapMs, throttledMax, only, timeoutSec: count('timeout'), out: values.out };
}

/** The bench-0 `sleep infinity` in the tree: [pid, its cgroup dir], or null. */
function findService(group) {
  for (const dir of groupsUnder(group)) for (const pid of procsOf(dir)) if (isBenchSleep(pid)) return [pid, dir];
  return null;
}

/**
 * Kills the service's main process `kills` times and times each restart: from just before
 * kill(2) until a different `sleep infinity` is in the same cgroup, polled every ~1 ms (a busy
 * poll would steal one of the two cores the manager needs). `gapMs` pause between kills.
 */
async function restartLatencies(group, kills, gapMs) {
  const latencies = [];
  let failures = 0;
  let [pid, dir] = await waitFor(() => findService(group), 30_000, 'the service to run');
  for (let k = 0; k < kills; k++) {
    const t0 = performance.now();
    try { process.kill(pid, 'SIGKILL'); } catch { /* raced with something else: measured anyway */ }
    let next = null;
    while (next === null) {
      for (const p of procsOf(dir)) if (p !== pid && isBenchSleep(p)) { next = p; break; }
      if (next !== null) break;
      if (performance.now() - t0 > 10_000) break;
      await sleep(1);
    }
    if (next === null) {
      failures++;
      const found = await waitFor(() => findService(group), 30_000, 'the service to come back').catch(() => null);
      if (!found) throw new Error(`the service did not come back after kill ${k + 1}`);
      [pid, dir] = found;
      continue;
    }
    latencies.push(performance.now() - t0);
    pid = next;
    await sleep(gapMs);
  }
  return { ...stats(latencies), failures };
}

// One bash loop: start, stop, timestamps from $EPOCHREALTIME (no process per clock read).
const CYCLE_LOOP = `n=$1; start=$2; stop=$3
for ((i = 0; i < n; i++)); do
  s=$EPOCHREALTIME; eval "$start" >/dev/null 2>&1; a=$?
  m=$EPOCHREALTIME; eval "$stop" >/dev/null 2>&1; b=$?
  e=$EPOCHREALTIME; echo "$s $m $e $a $b"
done`;

function cycleCommands(manager, workDir) {
  const svc = path.join(workDir, 'scan', 'bench-cycle');
  if (manager.ctl) return [`${manager.ctl} start bench-cycle.service`, `${manager.ctl} stop bench-cycle.service`];
  switch (manager.name) {
    case 's6': return [`s6-svc -wu -u ${svc}`, `s6-svc -wd -d ${svc}`];
    case 'runit': return [`sv -w 7 start ${svc}`, `sv -w 7 stop ${svc}`];
    default: throw new Error(`no CLI for ${manager.name}`);
  }
}

async function cliCycles(manager, init, workDir, n) {
  if (n === 0) return null;
  const [start, stop] = cycleCommands(manager, workDir);
  const out = await runInside(init, CYCLE_LOOP, [String(n), start, stop], n * 10_000 + 60_000);
  const rows = out.trim().split('\n').map((l) => l.split(' ').map(Number));
  const startMs = rows.map(([s, m]) => (m - s) * 1000);
  const stopMs = rows.map(([, m, e]) => (e - m) * 1000);
  const failures = rows.filter(([, , , a, b]) => a !== 0 || b !== 0).length;
  return { start: stats(startMs), stop: stats(stopMs), cycle: stats(rows.map(([s, , e]) => (e - s) * 1000)), failures, command: { start, stop } };
}

/** Ours through the Manager API over one channel: StartUnits+WaitJobs, StopUnits+WaitJobs. */
async function apiCycles(init, n) {
  const client = await oursManagerApi(init);
  try {
    const startMs = [];
    const stopMs = [];
    let failures = 0;
    const job = async (verb) => {
      const reply = await client[verb]({ names: ['bench-cycle.service'], mode: 'replace' });
      const done = await client.WaitJobs({ ids: reply.jobs.map((j) => j.id) });
      return done.jobs.every((j) => j.result === 'done');
    };
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (!(await job('StartUnits'))) failures++;
      const t1 = performance.now();
      if (!(await job('StopUnits'))) failures++;
      startMs.push(t1 - t0);
      stopMs.push(performance.now() - t1);
    }
    return { start: stats(startMs), stop: stats(stopMs), cycle: stats(startMs.map((s, i) => s + stopMs[i])), failures };
  } finally {
    client.close();
  }
}

const live = new Set();

async function runManager(manager, opts, workRoot) {
  const workDir = fs.mkdtempSync(path.join(workRoot, `${manager.name}-`));
  const record = { manager: manager.name };
  let handle = null;
  try {
    handle = manager.launch(workDir, 1, opts.timeoutSec, SERVICE_WRITERS);
    live.add(handle);
    if (manager.name === 'ours') {
      // The sandbox writes its pidfile once default.target is active (sctl answers).
      await waitFor(() => fs.existsSync(path.join(workDir, 'pid')) && fs.readFileSync(path.join(workDir, 'pid'), 'utf8').trim() !== '',
        (opts.timeoutSec + 15) * 1000, 'the sandbox to come up');
    }
    await waitFor(() => findService(handle.group), opts.timeoutSec * 1000, 'bench-0 to run');
    const init = await waitFor(() => namespaceInit(handle.group), 10_000, 'the namespace init');
    await sleep(1000);
    const throttled = manager.name === 's6' || manager.name === 'runit';
    const cap = (n) => (throttled && opts.throttledMax !== null ? Math.min(n, opts.throttledMax) : n);
    const gapMs = opts.gapMs ?? (throttled ? 1100 : 10);
    record.gapMs = gapMs;
    process.stderr.write(`bench: ${manager.name}: ${cap(opts.kills)} kills ... `);
    record.restart = await restartLatencies(handle.group, cap(opts.kills), gapMs);
    process.stderr.write(`p50 ${record.restart.p50?.toFixed(1)} ms, p99 ${record.restart.p99?.toFixed(1)} ms\n`);
    const n = manager.name === 'ours' ? opts.cliCycles : cap(opts.cycles);
    process.stderr.write(`bench: ${manager.name}: ${n} start/stop cycles with its CLI ... `);
    record.cli = await cliCycles(manager, init, workDir, n);
    process.stderr.write(record.cli ? `cycle p50 ${record.cli.cycle.p50.toFixed(1)} ms (${record.cli.failures} failed)\n` : 'skipped\n');
    if (manager.name === 'ours') {
      process.stderr.write(`bench: ours: ${opts.cycles} start/stop cycles through the Manager API ... `);
      record.api = await apiCycles(init, opts.cycles);
      process.stderr.write(`cycle p50 ${record.api.cycle.p50.toFixed(1)} ms (${record.api.failures} failed)\n`);
    }
    record.ok = true;
  } catch (e) {
    record.ok = false;
    record.error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`FAILED: ${record.error}\n`);
  } finally {
    await endTrial(handle, manager, live, workDir);
  }
  return record;
}

const f = (v) => (v === undefined || v === null ? '-' : v.toFixed(1));

function render(records) {
  const lines = [];
  lines.push('Restart latency (SIGKILL of the main pid -> new main pid running), ms');
  lines.push(table(['manager', 'kills', 'gap', 'p50', 'p99', 'mean', 'max', 'lost'],
    records.filter((r) => r.restart).map((r) => [r.manager, String(r.restart.n ?? 0), `${r.gapMs} ms`, f(r.restart.p50), f(r.restart.p99), f(r.restart.mean), f(r.restart.max), String(r.restart.failures)])));
  lines.push('');
  lines.push('Start/stop cycles of one service, ms (start = the start command returned, stop likewise)');
  const cycleRows = [];
  for (const r of records) {
    if (r.cli) cycleRows.push([`${r.manager} (CLI)`, String(r.cli.cycle.n), f(r.cli.start.p50), f(r.cli.start.p99), f(r.cli.stop.p50), f(r.cli.stop.p99), f(r.cli.cycle.p50), f(r.cli.cycle.p99), String(r.cli.failures)]);
    if (r.api) cycleRows.push([`${r.manager} (API)`, String(r.api.cycle.n), f(r.api.start.p50), f(r.api.start.p99), f(r.api.stop.p50), f(r.api.stop.p99), f(r.api.cycle.p50), f(r.api.cycle.p99), String(r.api.failures)]);
  }
  lines.push(table(['manager', 'cycles', 'start p50', 'start p99', 'stop p50', 'stop p99', 'cycle p50', 'cycle p99', 'failed'], cycleRows));
  lines.push('');
  const ours = records.find((r) => r.manager === 'ours' && r.ok);
  if (ours) {
    lines.push('Ratios ours/peer (< 1: ours is faster)');
    const ratioRows = [];
    for (const p of records.filter((r) => r.manager !== 'ours' && r.ok)) {
      ratioRows.push([p.manager, (ours.restart.p50 / p.restart.p50).toFixed(2), (ours.restart.p99 / p.restart.p99).toFixed(2),
        ours.cli ? (ours.cli.cycle.p50 / p.cli.cycle.p50).toFixed(2) : '-', ours.api ? (ours.api.cycle.p50 / p.cli.cycle.p50).toFixed(2) : '-']);
    }
    lines.push(table(['peer', 'restart p50', 'restart p99', 'cycle p50 (sctl)', 'cycle p50 (API)'], ratioRows));
  }
  for (const r of records.filter((x) => !x.ok)) lines.push(`${r.manager} failed: ${r.error}`);
  return lines.join('\n');
}

async function main() {
  const opts = options();
  if (process.getuid?.() !== 0) throw new Error('needs root: namespaces, mounts and cgroups');
  const { workRoot, stopping } = benchSession('sm-bench-service-', live);
  const records = [];
  const notes = [];
  try {
    for (const name of opts.only) {
      const m = MANAGERS[name];
      const why = m.unavailable();
      if (why) { notes.push(`${name} skipped: ${why}`); continue; }
      if (stopping()) return;
      records.push(await runManager(m, opts, workRoot));
      await sleep(1000);
    }
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
  const host = machine();
  console.log(`\nservice benchmark ${new Date().toISOString()} on ${host.host}: ${host.cpus}x ${host.cpuModel}, kernel ${host.kernel}, load ${host.loadAvg.map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log(render(records));
  for (const n of notes) console.log(`note: ${n}`);
  const out = opts.out ?? path.join(ROOT, 'test/bench/results', `service-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: host, options: opts, records, notes }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), out) || out}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
