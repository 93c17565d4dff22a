#!/usr/bin/env node
// node test/bench/boot.mjs [--n 100,1000] [--runs 3] [--only ours,systemd,s6,runit]
//                          [--timeout 180] [--settle 2] [--skip-stop] [--out FILE]
//
// The boot benchmark (run by hand, as root; never by CI). For each N and each run it boots every
// chosen manager in turn with N `sleep infinity` services and records
//   - time to all active: from just before the manager is launched until N `sleep infinity`
//     processes are in its cgroup tree (cgroup.procs read recursively, /proc/PID/comm and
//     cmdline checked), polled every 20 ms; the same rule for every manager, ours included;
//   - memory of the manager's own processes, `--settle` seconds after that: Rss and Pss from
//     /proc/PID/smaps_rollup, summed and by process name;
//   - stop all (unless --skip-stop): the manager's own shutdown request (lib/stop.mjs), then the
//     time until the last service is gone and until the manager's whole tree is gone.
// Managers run interleaved (ours, systemd, s6, runit, then the next run) so that drift of a
// noisy machine hits all of them alike; compare figures within one run of this script. Prints
// tables and ours/peer ratios, and writes everything as JSON under test/bench/results/.
// Everything started is killed (namespace PID 1, then cgroup.kill) and its cgroups removed, on
// success, on error and on Ctrl-C. See test/bench/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SleepCounter, pidsUnder } from './lib/cgroup.mjs';
import { MANAGERS, ROOT } from './lib/managers.mjs';
import { comm, memory } from './lib/procfs.mjs';
import { render, ratios, summarize, summarizeMemory } from './lib/report.mjs';
import { benchSession, endTrial, machine } from './lib/session.mjs';
import { timeStopAll } from './lib/stop.mjs';

const POLL_MS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function options() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '100,1000' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string', default: Object.keys(MANAGERS).join(',') },
      timeout: { type: 'string', default: '180' },
      settle: { type: 'string', default: '2' },
      out: { type: 'string' },
      'skip-stop': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 16).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    process.exit(0);
  }
  const positive = (name, text) => {
    const v = Number(text);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: '${text}' is not a positive number`);
    return v;
  };
  const ns = values.n.split(',').map((s) => Math.floor(positive('n', s.trim())));
  const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  for (const m of only) if (!(m in MANAGERS)) throw new Error(`--only: unknown manager '${m}' (known: ${Object.keys(MANAGERS).join(', ')})`);
  return {
    ns, only, runs: Math.floor(positive('runs', values.runs)),
    timeoutSec: positive('timeout', values.timeout), settleMs: positive('settle', values.settle) * 1000, out: values.out,
    stop: !values['skip-stop'],
  };
}

/** The manager's own processes in its cgroup tree, with their memory. */
function measure(group, isOwn) {
  const processes = [];
  for (const pid of pidsUnder(group)) {
    const name = comm(pid);
    if (name === null || !isOwn(name)) continue;
    const m = memory(pid);
    if (m) processes.push({ pid, comm: name, ...m });
  }
  return { ...summarizeMemory(processes), processes };
}

function tail(file, lines = 25) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return '(no output)'; }
}

const live = new Set();

/** One boot of one manager with N services; never throws: a failure is a record with its error. */
async function trial(manager, n, run, opts, workRoot) {
  const workDir = fs.mkdtempSync(path.join(workRoot, `${manager.name}-${n}-${run}-`));
  const base = { manager: manager.name, n, run, startedAt: new Date().toISOString() };
  let handle = null;
  try {
    const t0 = performance.now();
    handle = manager.launch(workDir, n, opts.timeoutSec);
    live.add(handle);
    // Fork-in-progress children carry the parent's comm, or systemd's "(sleep)": not supervisors.
    const counter = new SleepCounter(handle.group, (c) => manager.isOwn(c) && !c.startsWith('('));
    const deadline = t0 + (opts.timeoutSec + (manager.graceSec ?? 0)) * 1000;
    let count = 0;
    for (;;) {
      count = counter.count();
      if (count >= n) break;
      if (handle.child.exitCode !== null || handle.child.signalCode !== null) {
        throw new Error(`exited (${handle.child.exitCode ?? handle.child.signalCode}) with ${count} of ${n} services running; output:\n${tail(handle.logFile)}`);
      }
      if (performance.now() > deadline) {
        throw new Error(`only ${count} of ${n} services running after ${opts.timeoutSec} s; output:\n${tail(handle.logFile)}`);
      }
      await sleep(POLL_MS);
    }
    const timeMs = performance.now() - t0;
    await sleep(opts.settleMs);
    const mem = measure(handle.group, manager.isOwn);
    const running = counter.count();
    const stop = opts.stop
      ? await timeStopAll(manager, handle, counter.sleeping, mem.processes.map((p) => p.pid), opts.timeoutSec * 1000)
      : null;
    return { ...base, ok: true, timeMs, running, memory: mem, stop };
  } catch (e) {
    return { ...base, ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    await endTrial(handle, manager, live, workDir);
  }
}

async function main() {
  const opts = options();
  if (process.getuid?.() !== 0) throw new Error('needs root: namespaces, mounts and cgroups');
  const { workRoot, stopping } = benchSession('sm-bench-', live);

  const notes = [];
  const managers = [];
  for (const name of opts.only) {
    const m = MANAGERS[name];
    const why = m.unavailable();
    if (why) notes.push(`${name} skipped: ${why}`); else managers.push(m);
  }
  const trials = [];
  try {
    for (const n of opts.ns) {
      for (let run = 1; run <= opts.runs; run++) {
        for (const m of managers) {
          if (n > m.maxN) {
            if (run === 1) notes.push(`${m.name} skipped at N=${n}: it supervises at most ${m.maxN} services`);
            continue;
          }
          if (stopping()) return;
          process.stderr.write(`bench: N=${n} run ${run}/${opts.runs} ${m.name} ... `);
          const t = await trial(m, n, run, opts, workRoot);
          trials.push(t);
          if (stopping()) return;
          const stopText = t.stop ? `, stop all ${(t.stop.serviceGoneMs / 1000).toFixed(3)} s / ${(t.stop.treeGoneMs / 1000).toFixed(3)} s` : '';
          process.stderr.write(t.ok ? `${(t.timeMs / 1000).toFixed(2)} s, PSS ${(t.memory.pssKiB / 1024).toFixed(1)} MiB${stopText}\n` : `FAILED\n${t.error}\n`);
          await sleep(1000);
        }
      }
    }
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
  const summaries = summarize(trials);
  const ratioRows = ratios(summaries);
  for (const m of managers) notes.push(`${m.name} measures: ${m.members}`);
  notes.push('time = launch until N `sleep infinity` are in the manager\'s cgroup (for ours too, not sctl), polled every 20 ms');
  if (opts.stop) notes.push('stop all = from the shutdown signal (ours: SIGTERM to init; systemd: SIGRTMIN+4; s6-svscan: SIGTERM; runsvdir: SIGHUP) until the last service / the last manager process is gone (reaped), polled every 2 ms');
  const info = machine();
  console.log(`\nboot benchmark ${new Date().toISOString()} on ${info.host}: ${info.cpus}x ${info.cpuModel}, ${info.memTotalMiB} MiB, kernel ${info.kernel}, node ${info.node}\n`);
  console.log(render(summaries, ratioRows, notes));
  const out = opts.out ?? path.join(ROOT, 'test/bench/results', `boot-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: info, options: opts, summaries, ratios: ratioRows, notes, trials }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), out) || out}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
