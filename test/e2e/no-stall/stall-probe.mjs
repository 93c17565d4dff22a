#!/usr/bin/env node
// stall-probe.mjs CASE [ARG] (or init-status) — runs inside a sandbox: drives one of issue 15's stall cases against
// the core while a root Keepalive probe on the private socket measures how long the core's event
// loop was unavailable, and prints one JSON line:
//   { case, calls, answered, errors: {CODE: n}, slowestMs, probe: { maxMs, p50Ms, samples } }
// `answered` counts replies and error statuses alike (an error is an answer); a call that got no
// answer within 5 s counts as unanswered. The flood's calls go to the public socket, so a case
// run as an unprivileged user (setpriv) is exactly what any local user can do.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { connect, runtimePaths } = require(path.join(ROOT, 'packages/proto/dist/index.js'));

const ANSWER_DEADLINE_MS = 5_000;
const paths = runtimePaths();
const [caseName = 'list-flood', argument] = process.argv.slice(2);

/** One call with a deadline; resolves to its outcome, never rejects. */
async function timed(call) {
  const begun = performance.now();
  try {
    await call();
    return { ms: performance.now() - begun, code: 'OK' };
  } catch (error) {
    const code = error?.code ?? 'ERR';
    return { ms: performance.now() - begun, code: code === 'ERR_TIMEOUT' ? 'UNANSWERED' : code };
  }
}

/**
 * Root's view while the case runs: a Keepalive every 20 ms on the private socket, from a thread of
 * its own, so that the time this process spends decoding the flood's answers is not counted as
 * the core's.
 */
function startProbe() {
  const thread = new Worker(fileURLToPath(import.meta.url), { workerData: { probe: true } });
  return () => new Promise((resolve) => {
    thread.once('message', resolve);
    thread.postMessage('stop');
  });
}

async function runProbeThread() {
  const client = connect('Manager', paths.privateSocket);
  const samples = [];
  let running = true;
  parentPort.once('message', () => { running = false; });
  while (running) {
    const r = await timed(() => client.Keepalive({}, { timeoutMs: ANSWER_DEADLINE_MS }));
    samples.push(r.ms);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  client.close();
  const sorted = [...samples].sort((a, b) => a - b);
  parentPort.postMessage({ maxMs: Math.round(sorted.at(-1) ?? 0), p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), samples: sorted.length });
}

if (!isMainThread && workerData?.probe) {
  await runProbeThread();
  process.exit(0);
}

const big = (n) => 'x'.repeat(n);

/** Each case: a list of calls to make concurrently on one public-socket client. */
const CASES = {
  'list-flood': (c) => Array.from({ length: Number(argument ?? 1000) }, () => () => c.ListUnits({ all: true }, { timeoutMs: ANSWER_DEADLINE_MS })),
  'file-state-names': (c) => [() => c.GetUnitFileState({ names: Array.from({ length: Number(argument ?? 100_000) }, (_, i) => `u${i}.service`) }, { timeoutMs: ANSWER_DEADLINE_MS })],
  'file-state-10k': (c) => [() => c.GetUnitFileState({ names: Array.from({ length: 10_000 }, (_, i) => `filler${i % 300 + 1}.service`) }, { timeoutMs: ANSWER_DEADLINE_MS })],
  'big-argument': (c) => [
    () => c.GetUnit({ name: big(Number(argument ?? 256 * 1024)) }, { timeoutMs: ANSWER_DEADLINE_MS }),
    () => c.ListUnits({ patterns: [big(Number(argument ?? 256 * 1024))] }, { timeoutMs: ANSWER_DEADLINE_MS }),
    () => c.ListUnitFiles({ patterns: ['*'.repeat(50_000) + 'a'.repeat(50_000)] }, { timeoutMs: ANSWER_DEADLINE_MS }),
    () => c.GetUnit({ name: 'a.service' }, { timeoutMs: ANSWER_DEADLINE_MS }),
  ],
  'big-get-unit': (c) => [() => c.GetUnit({ name: big(Number(argument ?? 256 * 1024)) }, { timeoutMs: ANSWER_DEADLINE_MS })],
  'big-list-pattern': (c) => [() => c.ListUnits({ patterns: [big(Number(argument ?? 256 * 1024))] }, { timeoutMs: ANSWER_DEADLINE_MS })],
  'big-start': (c) => [() => c.StartUnits({ names: [big(Number(argument ?? 256 * 1024)) + '.service'], mode: 'JOB_MODE_REPLACE' }, { timeoutMs: ANSWER_DEADLINE_MS })],
  status: (c) => [() => c.GetUnit({ name: argument }, { timeoutMs: ANSWER_DEADLINE_MS })],
};

if (caseName === 'init-status') {
  // init's own account of the core: its pid and how many cores it has started since boot.
  const init = connect('Init', paths.initSocket);
  const status = await init.Status({}, { timeoutMs: ANSWER_DEADLINE_MS });
  init.close();
  process.stdout.write(`${JSON.stringify({ core_pid: status.core_pid, core_starts: status.core_starts })}\n`);
  process.exit(0);
}
const make = CASES[caseName];
if (!make) {
  process.stderr.write(`stall-probe: unknown case ${caseName}; cases: ${Object.keys(CASES).join(', ')}\n`);
  process.exit(2);
}
const client = connect('Manager', process.env.STALL_PROBE_SOCKET || paths.readOnlySocket);
const stopProbe = process.getuid() === 0 ? startProbe() : undefined;
await new Promise((resolve) => setTimeout(resolve, 100));
const results = await Promise.all(make(client).map((call) => timed(call)));
const probe = stopProbe ? await stopProbe() : undefined;
client.close();
const errors = {};
for (const r of results) if (r.code !== 'OK') errors[r.code] = (errors[r.code] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({
  case: caseName,
  calls: results.length,
  answered: results.filter((r) => r.code !== 'UNANSWERED').length,
  errors,
  slowestMs: Math.round(Math.max(...results.map((r) => r.ms))),
  probe,
})}\n`);
