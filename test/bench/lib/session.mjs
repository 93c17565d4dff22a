// What every benchmark run shares: a scratch folder, teardown of the managers still running when
// the run is interrupted (Ctrl-C, SIGTERM), a description of the machine for the results, and
// the waits the runs are made of.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms until it returns something truthy, which it resolves with; throws naming `what` after `timeoutMs`. */
export async function waitFor(check, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Makes the run's scratch folder and arranges that SIGINT/SIGTERM stop every manager in `live`
 * (each has stop()), remove the folder and exit 130. Returns the folder and whether such a
 * teardown has begun (the run's loops stop starting managers then).
 */
export function benchSession(prefix, live) {
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let stopping = false;
  const onSignal = (sig) => {
    if (stopping) return;
    stopping = true;
    console.error(`\nbench: ${sig}: tearing down ${live.size} manager(s)`);
    Promise.allSettled([...live].map((h) => h.stop())).finally(() => {
      fs.rmSync(workRoot, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { workRoot, stopping: () => stopping };
}

/** Ends one manager a trial started (logging, not throwing, when that fails) and removes its folder. */
export async function endTrial(handle, manager, live, workDir) {
  if (handle) {
    try { await handle.stop(); } catch (e) { console.error(`bench: teardown of ${manager.name}: ${e instanceof Error ? e.message : e}`); }
    live.delete(handle);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}

/** The machine the figures were measured on. */
export function machine() {
  const cpus = os.cpus();
  return {
    host: os.hostname(), kernel: os.release(), cpuModel: cpus[0]?.model ?? 'unknown', cpus: cpus.length,
    memTotalMiB: Math.round(os.totalmem() / 2 ** 20), loadAvg: os.loadavg(), node: process.version,
  };
}
