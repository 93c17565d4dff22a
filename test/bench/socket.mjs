#!/usr/bin/env node
// node test/bench/socket.mjs [--runs 5] [--activations 5] [--connections 10000] [--parallel 4]
//                            [--restart-connections 1000] [--restart-seconds 10] [--restart-gap-ms 0]
//                            [--listen unix|tcp] [--only ours,systemd] [--timeout 120] [--out FILE]
//
// The socket activation benchmark (run by hand, as root; never by CI). Each run boots ours and
// systemd 252 in turn (as in boot.mjs: a cgroup and PID namespace each) with bench.socket
// (Accept=no, ListenStream= a unix socket, or with --listen tcp a port on 127.0.0.1) and
// bench.service, the test suite's sd_listen_fds daemon (lib/socket-units.mjs), and measures
//   - first connection through activation: the socket listening, the service not running,
//     connect → first byte of the answer, from a Node client on the host; --activations per boot
//     (the first right after boot, each next one after a stop of the service and the socket back
//     to listening), median and min–max over all; beside them the floor: the same daemon forked
//     and exec'd on a socket by a tiny launcher, no manager (lib/direct-activation.py);
//   - connections/s with the service up: --connections sequential connections from --parallel
//     lanes, and the CPU the manager's own processes used meanwhile (with Accept=no the service
//     owns the traffic: a manager that still polls the socket shows up here);
//   - connections during a restart loop: --restart-connections started at a steady pace over
//     --restart-seconds while `sctl restart` / `systemctl restart bench.service` runs in a loop
//     inside the manager's namespaces (--restart-gap-ms between restarts), and for ours once more
//     with the restarts made through the Manager API over one gRPC channel (sctl's cold Node
//     start lets ours restart ~25 times where systemctl restarts ~500); refused and failed
//     connections counted (lib/socket-client).
// Prints tables with ours/systemd ratios, writes everything as JSON under test/bench/results/.
// Everything started is killed and its cgroups removed, on success, on error and on Ctrl-C.
// See test/bench/README.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pidsUnder } from './lib/cgroup.mjs';
import { MANAGERS, ROOT, namespaceInit, oursManagerApi, runInside } from './lib/managers.mjs';
import { comm, cpuTicks } from './lib/procfs.mjs';
import { stats, table } from './lib/report.mjs';
import { closedLoop, connectOnce, openLoop, tally } from './lib/socket-client.mjs';
import { DAEMON, DAEMON_LOG, SOCKET_PATH, socketWriters } from './lib/socket-units.mjs';
import { benchSession, endTrial, machine, sleep, waitFor } from './lib/session.mjs';

const PEERS = ['ours', 'systemd'];
const STOP_FILE = '/run/sm-bench-loop.stop';
const SETTLE_MS = 500;
const IDLE_MS = 2000;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      activations: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10000' },
      parallel: { type: 'string', default: '4' },
      'restart-connections': { type: 'string', default: '1000' },
      'restart-seconds': { type: 'string', default: '10' },
      'restart-gap-ms': { type: 'string', default: '0' },
      listen: { type: 'string', default: 'unix' },
      only: { type: 'string', default: PEERS.join(',') },
      timeout: { type: 'string', default: '120' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
    process.stdout.write(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    process.exit(0);
  }
  const count = (name, min = 1) => {
    const v = Number(values[name]);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name}: '${values[name]}' is not a whole number >= ${min}`);
    return v;
  };
  const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  for (const m of only) if (!PEERS.includes(m)) throw new Error(`--only: '${m}' has no socket activation here (known: ${PEERS.join(', ')})`);
  if (values.listen !== 'unix' && values.listen !== 'tcp') throw new Error(`--listen: '${values.listen}' is neither unix nor tcp`);
  return {
    runs: count('runs'), activations: count('activations'), connections: count('connections'), parallel: count('parallel'),
    restartConnections: count('restart-connections'), restartSeconds: count('restart-seconds'), restartGapMs: count('restart-gap-ms', 0), listen: values.listen,
    only, timeoutSec: count('timeout'), out: values.out,
  };
}

/** A TCP port free on 127.0.0.1 right now (both managers share the host's network). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no free port'))));
    });
  });
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** The manager's own processes (not the daemon, not a fork on its way to exec: "(python3)"). */
const own = (manager, c) => manager.isOwn(c) && c !== 'python3' && !c.startsWith('(');

/** CPU ticks used so far by each of the manager's own processes, by pid. */
function managerCpu(manager, group) {
  const ticks = new Map();
  for (const pid of pidsUnder(group)) {
    const c = comm(pid);
    const t = c !== null && own(manager, c) ? cpuTicks(pid) : null;
    if (t !== null) ticks.set(pid, t);
  }
  return ticks;
}

/** Milliseconds of CPU the manager used between two managerCpu() samples (a new pid counts from 0). */
function cpuSpent(before, after) {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * TICK_MS;
}

/** ActiveState and SubState of bench.socket and bench.service, from the manager's own CLI. */
async function unitStates(init, ctl) {
  const out = await runInside(init, `${ctl} show -p ActiveState -p SubState bench.socket; echo; ${ctl} show -p ActiveState -p SubState bench.service`, [], 30_000);
  const [socket, service] = out.split(/\n\s*\n/).map((block) => Object.fromEntries(block.trim().split('\n').map((l) => l.split('=', 2))));
  return { socket: socket ?? {}, service: service ?? {} };
}

/**
 * Waits until the socket listens and its service is not running (polled through the CLI). A CLI
 * that fails counts as "not yet": right after launch, PID 1 may still be the shell that execs the
 * manager, and systemctl refuses to run until systemd is PID 1.
 */
async function untilListening(init, ctl, timeoutMs) {
  let last = null;
  try {
    await waitFor(async () => {
      last = await unitStates(init, ctl).catch((e) => ({ error: e instanceof Error ? e.message : String(e) }));
      return last.socket?.SubState === 'listening' && ['inactive', 'failed'].includes(last.service?.ActiveState);
    }, timeoutMs, 'bench.socket listening with bench.service not running');
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : e}; last seen ${JSON.stringify(last)}`, { cause: e });
  }
}

/** The daemon's incarnations so far: its log's "start pid=" lines, and those it refused (LISTEN_PID not its own). */
function daemonLog(init) {
  let text = '';
  try { text = fs.readFileSync(`/proc/${init}/root${DAEMON_LOG}`, 'utf8'); } catch { /* not started yet */ }
  const lines = text.split('\n');
  return { starts: lines.filter((l) => l.startsWith('start ')).length, refused: lines.filter((l) => l.startsWith('refused ')).length };
}

/** The last lines of the manager's own logs, for a record that went wrong. */
function diagnostics(manager, init, handle) {
  const files = manager.name === 'ours'
    ? ['sm-socket.log', 'sysmaster.log', 'sm-service.log'].map((f) => `/proc/${init}/root/var/log/sysmaster/${f}`)
    : [handle.logFile];
  const out = {};
  for (const f of files) {
    try { out[path.basename(f)] = fs.readFileSync(f, 'utf8').trimEnd().split('\n').slice(-30).join('\n'); } catch { /* none */ }
  }
  return out;
}

// The restart loop, inside the manager's namespaces: restart after restart (a pause of $3
// seconds between them, 0 by default) until the benchmark creates the stop file; one line per
// restart, "start end exit-code" ($EPOCHREALTIME seconds).
const RESTART_LOOP = `ctl=$1; stop=$2; gap=$3
while [ ! -e "$stop" ]; do
  s=$EPOCHREALTIME; "$ctl" restart bench.service >/dev/null 2>&1; rc=$?
  echo "$s $EPOCHREALTIME $rc"
  [ "$gap" = 0 ] || sleep "$gap"
done`;

async function activations(record, manager, init, target, opts) {
  record.activations = [];
  for (let k = 1; k <= opts.activations; k++) {
    if (k > 1) {
      await runInside(init, `${manager.ctl} stop bench.service`, [], 60_000);
      await untilListening(init, manager.ctl, 30_000);
      await sleep(SETTLE_MS);
    }
    const r = await connectOnce(target, k);
    record.activations.push({ k, ...r });
    process.stderr.write(r.outcome === 'served' ? `${r.firstByteMs.toFixed(1)} ` : `${r.outcome}:${r.code} `);
  }
}

async function throughput(record, manager, init, group, target, opts) {
  const states = await unitStates(init, manager.ctl);
  if (states.service.ActiveState !== 'active') await runInside(init, `${manager.ctl} start bench.service`, [], 60_000);
  await closedLoop(target, 50, opts.parallel); // warm-up: the daemon's first answers, the client's code paths
  // What the manager burns with nothing to do (keepalives, liveness pings), to set its CPU during
  // the connections against.
  const idle = managerCpu(manager, group);
  await sleep(IDLE_MS);
  const idleCpuMs = cpuSpent(idle, managerCpu(manager, group));
  const before = managerCpu(manager, group);
  const { results, wallMs } = await closedLoop(target, opts.connections, opts.parallel);
  const cpuMs = cpuSpent(before, managerCpu(manager, group));
  const t = tally(results);
  record.throughput = {
    connections: opts.connections, parallel: opts.parallel, wallMs, perSecond: (t.served / wallMs) * 1000, ...t,
    latency: stats(results.filter((r) => r.outcome === 'served').map((r) => r.ms)),
    managerCpuMs: cpuMs, managerCpuMsPerSecond: (cpuMs / wallMs) * 1000, idleCpuMsPerSecond: (idleCpuMs / IDLE_MS) * 1000,
  };
}

/**
 * The manager's CLI restarting bench.service in RESTART_LOOP inside its namespaces. stop()
 * creates the stop file and resolves with one [start ms, end ms, exit code] row per restart once
 * the restart under way has returned. The loop's promise is settled into a value at once, so a
 * loop that dies early is reported when stop() is awaited, not as an unhandled rejection.
 */
function cliRestarts(manager, init, opts) {
  let loop = null;
  return {
    how: `${manager.ctl} restart`,
    start() {
      loop = runInside(init, RESTART_LOOP, [manager.ctl, STOP_FILE, String(opts.restartGapMs / 1000)], opts.restartSeconds * 1000 + 300_000)
        .then((out) => ({ out }), (error) => ({ error }));
    },
    async stop() {
      fs.writeFileSync(`/proc/${init}/root${STOP_FILE}`, '');
      const { out, error } = await loop;
      if (error) throw new Error(`the restart loop stopped: ${error instanceof Error ? error.message : error}`, { cause: error });
      return out.trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number)).map(([a, b, rc]) => [a * 1000, b * 1000, rc]);
    },
  };
}

/**
 * Ours restarting bench.service through the Manager API over one kept gRPC channel
 * (RestartUnits, then WaitJobs for its jobs): the manager's own cost, without sctl's cold Node
 * start of ~200 ms per call, so that ours is stressed with as many restarts as systemctl gives
 * systemd. Exit code 1: a job did not end "done"; 2: the call failed.
 */
function apiRestarts(init, opts) {
  let running = true;
  let loop = null;
  const run = async () => {
    const client = await oursManagerApi(init);
    const rows = [];
    try {
      while (running) {
        const t0 = performance.now();
        let rc = 0;
        try {
          const reply = await client.RestartUnits({ names: ['bench.service'], mode: 'replace' });
          const done = await client.WaitJobs({ ids: reply.jobs.map((j) => j.id) });
          if (!done.jobs.every((j) => j.result === 'done')) rc = 1;
        } catch { rc = 2; }
        rows.push([t0, performance.now(), rc]);
        if (opts.restartGapMs > 0) await sleep(opts.restartGapMs);
      }
    } finally {
      client.close();
    }
    return rows;
  };
  return {
    how: 'Manager API',
    start() { loop = run().then((rows) => ({ rows }), (error) => ({ error })); },
    async stop() {
      running = false;
      const { rows, error } = await loop;
      if (error) throw new Error(`the API restart loop stopped: ${error instanceof Error ? error.message : error}`, { cause: error });
      return rows;
    },
  };
}

/**
 * --restart-connections connections at a steady pace over --restart-seconds while `restarts`
 * restarts the service; the restarts stop once the last connection has been started (not
 * answered: under a loop faster than the daemon's start-up, no incarnation may live to answer
 * until the loop ends), then every answer is awaited.
 */
async function restartLoop(manager, init, group, target, opts, restarts) {
  const startsBefore = daemonLog(init).starts;
  const before = managerCpu(manager, group);
  restarts.start();
  let stopping = null;
  const { results, wallMs } = await openLoop(target, opts.restartConnections, opts.restartSeconds * 1000, () => { stopping = restarts.stop(); });
  const rows = await stopping;
  const cpuMs = cpuSpent(before, managerCpu(manager, group));
  const end = await unitStates(init, manager.ctl);
  const log = daemonLog(init);
  const t = tally(results);
  return {
    how: restarts.how, connections: opts.restartConnections, spreadMs: opts.restartSeconds * 1000, gapMs: opts.restartGapMs, wallMs, ...t,
    latency: stats(results.filter((r) => r.outcome === 'served').map((r) => r.ms)),
    restarts: rows.length, restartFailures: rows.filter((r) => r[2] !== 0).length,
    restartMs: stats(rows.map(([a, b]) => b - a)), managerCpuMs: cpuMs,
    incarnations: log.starts - startsBefore, daemonRefusedFds: log.refused,
    socketAtEnd: `${end.socket.ActiveState}/${end.socket.SubState}`, serviceAtEnd: `${end.service.ActiveState}/${end.service.SubState}`,
  };
}

const live = new Set();

/** One boot of one manager and the three measurements; never throws: a failure is recorded with its error. */
async function trial(manager, run, opts, workRoot) {
  const workDir = fs.mkdtempSync(path.join(workRoot, `${manager.name}-${run}-`));
  const record = { manager: manager.name, run, startedAt: new Date().toISOString() };
  let handle = null;
  let init = null;
  try {
    const port = opts.listen === 'tcp' ? await freePort() : null;
    record.listen = port === null ? SOCKET_PATH : `127.0.0.1:${port}`;
    handle = manager.launch(workDir, 1, opts.timeoutSec, socketWriters(record.listen));
    live.add(handle);
    if (manager.name === 'ours') {
      // The sandbox writes its pidfile once default.target is active (sctl answers).
      const pidfile = path.join(workDir, 'pid');
      await waitFor(() => fs.existsSync(pidfile) && fs.readFileSync(pidfile, 'utf8').trim() !== '',
        (opts.timeoutSec + 15) * 1000, 'the sandbox to come up');
    }
    init = await waitFor(() => namespaceInit(handle.group), opts.timeoutSec * 1000, 'the namespace init');
    await untilListening(init, manager.ctl, opts.timeoutSec * 1000);
    await sleep(SETTLE_MS);
    const target = port === null ? { path: `/proc/${init}/root${SOCKET_PATH}` } : { host: '127.0.0.1', port };
    process.stderr.write('first connections (ms): ');
    await activations(record, manager, init, target, opts);
    process.stderr.write(`\nbench:   ${opts.connections} connections, ${opts.parallel} at a time ... `);
    await throughput(record, manager, init, handle.group, target, opts);
    const tp = record.throughput;
    process.stderr.write(`${tp.perSecond.toFixed(0)}/s, manager CPU ${tp.managerCpuMsPerSecond.toFixed(0)} ms/s (idle ${tp.idleCpuMsPerSecond.toFixed(0)}) (${tp.refused} refused, ${tp.failed} failed)\n`);
    const loops = [['restartLoop', cliRestarts(manager, init, opts)]];
    if (manager.name === 'ours') loops.push(['restartLoopApi', apiRestarts(init, opts)]);
    let lost = tp.refused + tp.failed;
    for (const [key, restarts] of loops) {
      process.stderr.write(`bench:   ${opts.restartConnections} connections over ${opts.restartSeconds} s, restarting bench.service with ${restarts.how} ... `);
      const rl = await restartLoop(manager, init, handle.group, target, opts, restarts);
      record[key] = rl;
      lost += rl.refused + rl.failed;
      process.stderr.write(`${rl.restarts} restarts; ${rl.served} served by ${rl.pids} daemons, ${rl.refused} refused, ${rl.failed} failed; socket ${rl.socketAtEnd}\n`);
    }
    record.ok = true;
    if (lost > 0 || record.activations.some((a) => a.outcome !== 'served')) {
      record.diagnostics = diagnostics(manager, init, handle);
    }
  } catch (e) {
    record.ok = false;
    record.error = e instanceof Error ? e.message : String(e);
    process.stderr.write(`\nFAILED: ${record.error}\n`);
    if (handle && init !== null) record.diagnostics = diagnostics(manager, init, handle);
  } finally {
    await endTrial(handle, manager, live, workDir);
  }
  return record;
}

/** Median, min and max of a list (lib/report.mjs stats), or null when it is empty. */
const spread = (values) => {
  const s = stats(values);
  return s === null ? null : { median: s.median, min: s.min, max: s.max };
};

/** Medians and spreads over a manager's runs. */
function summarize(name, trials) {
  const ok = trials.filter((t) => t.manager === name && t.ok);
  const first = ok.flatMap((t) => t.activations);
  const served = first.filter((a) => a.outcome === 'served');
  const sum = (f) => ok.reduce((a, t) => a + f(t), 0);
  return {
    manager: name, runs: ok.length, failedRuns: trials.filter((t) => t.manager === name && !t.ok).map((t) => t.error),
    firstConnection: { ...spread(served.map((a) => a.firstByteMs)), n: served.length, notServed: first.length - served.length,
      afterBoot: spread(served.filter((a) => a.k === 1).map((a) => a.firstByteMs)) },
    perSecond: spread(ok.map((t) => t.throughput.perSecond)),
    throughputLatencyP99: spread(ok.map((t) => t.throughput.latency?.p99 ?? NaN)),
    managerCpuMsPerSecond: spread(ok.map((t) => t.throughput.managerCpuMsPerSecond)),
    idleCpuMsPerSecond: spread(ok.map((t) => t.throughput.idleCpuMsPerSecond)),
    throughputLost: sum((t) => t.throughput.refused + t.throughput.failed),
    restarts: ['restartLoop', 'restartLoopApi'].map((key) => restartSummary(ok.map((t) => t[key]).filter(Boolean))).filter(Boolean),
  };
}

/** Totals and spreads of one kind of restart loop over the runs, or null when none ran. */
function restartSummary(loops) {
  if (loops.length === 0) return null;
  const sum = (f) => loops.reduce((acc, l) => acc + f(l), 0);
  return {
    how: loops[0].how, connections: sum((l) => l.connections), served: sum((l) => l.served), refused: sum((l) => l.refused), failed: sum((l) => l.failed),
    lostPerRun: spread(loops.map((l) => l.refused + l.failed)), restarts: spread(loops.map((l) => l.restarts)),
    restartFailures: sum((l) => l.restartFailures), answeringDaemons: spread(loops.map((l) => l.pids)),
    restartMs: spread(loops.map((l) => l.restartMs?.p50 ?? NaN)), latencyP99: spread(loops.map((l) => l.latency?.p99 ?? NaN)),
    cpuMsPerRestart: spread(loops.map((l) => l.managerCpuMs / Math.max(1, l.restarts))),
    codes: loops.reduce((acc, l) => { for (const [c, n] of Object.entries(l.codes)) acc[c] = (acc[c] ?? 0) + n; return acc; }, {}),
    socketAtEnd: [...new Set(loops.map((l) => l.socketAtEnd))],
  };
}

const f1 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '-' : v.toFixed(1));
const range = (s, f = f1) => (s ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : '-');
const ratio = (a, b) => (a && b && b.median > 0 ? (a.median / b.median).toFixed(2) : '-');

function render(summaries, floor) {
  const lines = [];
  const has = summaries.filter((s) => s.runs > 0);
  lines.push('First connection through activation (connect -> first byte of the answer), ms: median (min-max)');
  const floorRow = floor ? [['floor: fork+exec, no manager', String(floor.n), range(floor), '-', '-']] : [];
  lines.push(table(['manager', 'samples', 'all', 'first after boot', 'above floor'], [
    ...has.map((s) => [s.manager, `${s.firstConnection.n}${s.firstConnection.notServed ? ` (+${s.firstConnection.notServed} not served)` : ''}`,
      range(s.firstConnection), range(s.firstConnection.afterBoot), floor ? f1(s.firstConnection.median - floor.median) : '-']),
    ...floorRow,
  ]));
  lines.push('');
  lines.push('Connections/s with the service up: median (min-max) over runs');
  lines.push(table(['manager', 'runs', 'connections/s', 'p99 ms', 'manager CPU ms/s, idle', 'manager CPU ms/s, connections', 'lost'],
    has.map((s) => [s.manager, String(s.runs), range(s.perSecond, (v) => v.toFixed(0)), range(s.throughputLatencyP99),
      range(s.idleCpuMsPerSecond), range(s.managerCpuMsPerSecond), String(s.throughputLost)])));
  lines.push('');
  lines.push('Connections during a restart loop: totals over runs; restarts and times median (min-max) over runs');
  const whole = (v) => v.toFixed(0);
  lines.push(table(['manager, restarted by', 'connections', 'served', 'refused', 'failed', 'lost per run', 'restarts per run', 'failed restarts', 'answering daemons', 'restart p50 ms', 'manager CPU ms per restart', 'conn p99 ms', 'socket at end'],
    has.flatMap((s) => s.restarts.map((r) => [`${s.manager}, ${r.how}`, String(r.connections), String(r.served), String(r.refused), String(r.failed),
      range(r.lostPerRun, whole), range(r.restarts, whole), String(r.restartFailures), range(r.answeringDaemons, whole), range(r.restartMs),
      range(r.cpuMsPerRestart), range(r.latencyP99), r.socketAtEnd.join(' ')]))));
  const ours = has.find((s) => s.manager === 'ours');
  const peer = has.find((s) => s.manager === 'systemd');
  if (ours && peer) {
    lines.push('');
    lines.push('Ratios ours/systemd of the medians (time: < 1 means ours is faster; connections/s: > 1 means ours serves more)');
    lines.push(table(['first connection', 'first after boot', 'connections/s', 'manager CPU', 'restart p50 (sctl)', 'conn p99 in loop (sctl)',
      'restart p50 (API)', 'conn p99 in loop (API)', 'lost in loops (sctl, API vs systemctl)'], [[
      ratio(ours.firstConnection, peer.firstConnection), ratio(ours.firstConnection.afterBoot, peer.firstConnection.afterBoot),
      ratio(ours.perSecond, peer.perSecond), ratio(ours.managerCpuMsPerSecond, peer.managerCpuMsPerSecond),
      ...[ours.restarts[0], ours.restarts[1]].flatMap((o) => [ratio(o?.restartMs, peer.restarts[0]?.restartMs), ratio(o?.latencyP99, peer.restarts[0]?.latencyP99)]),
      `${ours.restarts.map((o) => o.refused + o.failed).join(', ')} vs ${peer.restarts.map((o) => o.refused + o.failed).join(', ')}`,
    ]]));
  }
  for (const s of summaries) {
    for (const e of s.failedRuns) lines.push(`${s.manager} failed a run: ${e}`);
    for (const r of s.restarts) if (Object.keys(r.codes).length > 0) lines.push(`${s.manager}, ${r.how}: connection errors: ${JSON.stringify(r.codes)}`);
  }
  return lines.join('\n');
}

async function main() {
  const opts = options();
  if (process.getuid?.() !== 0) throw new Error('needs root: namespaces, mounts and cgroups');
  const managers = [];
  const notes = [];
  for (const name of opts.only) {
    const why = MANAGERS[name].unavailable();
    if (why) notes.push(`${name} skipped: ${why}`); else managers.push(MANAGERS[name]);
  }
  const { workRoot, stopping } = benchSession('sm-bench-socket-', live);
  const trials = [];
  const floorMs = [];
  try {
    for (let run = 1; run <= opts.runs; run++) {
      if (stopping()) return;
      floorMs.push(...JSON.parse(execFileSync('/usr/bin/python3', [path.join(ROOT, 'test/bench/lib/direct-activation.py'), DAEMON, String(opts.activations)], { encoding: 'utf8' })));
      for (const m of managers) {
        if (stopping()) return;
        process.stderr.write(`bench: run ${run}/${opts.runs} ${m.name}: `);
        trials.push(await trial(m, run, opts, workRoot));
        await sleep(1000);
      }
    }
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
  const floor = floorMs.length > 0 ? { n: floorMs.length, ...spread(floorMs) } : null;
  const summaries = managers.map((m) => summarize(m.name, trials));
  const host = machine();
  console.log(`\nsocket benchmark ${new Date().toISOString()} on ${host.host}: ${host.cpus}x ${host.cpuModel}, kernel ${host.kernel}, node ${host.node}, load ${host.loadAvg.map((l) => l.toFixed(1)).join(' ')}; listen ${opts.listen}\n`);
  console.log(render(summaries, floor));
  for (const n of notes) console.log(`note: ${n}`);
  const out = opts.out ?? path.join(ROOT, 'test/bench/results', `socket-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: host, options: opts, floorMs, floor, summaries, notes, trials }, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), out) || out}`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
