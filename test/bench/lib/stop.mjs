// "Stop all" for boot.mjs: ask a booted manager to stop everything, the way its own shutdown is
// asked for, and time two moments from just before the signal:
//   - last service gone: every `sleep infinity` counted at boot has exited and been reaped;
//   - manager tree gone: the manager's own processes (those measured for memory, PID 1 of its
//     namespace among them) are gone too.
// A pid is "gone" when kill(pid, 0) says ESRCH: a zombie is not gone until its parent (or the
// kernel, when the namespace's PID 1 ends) reaps it. kill(pid, 0) is one system call per pid, so
// the poll (every POLL_MS) costs the machine almost nothing while the managers stop.
import { performance } from 'node:perf_hooks';

const POLL_MS = 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code !== 'ESRCH'; }
}

/**
 * Sends the manager's stop request (`manager.stopAll(handle)`) and resolves with
 * { serviceGoneMs, treeGoneMs } once `servicePids` and then `ownPids` are gone; throws after
 * `timeoutMs`, naming what is left.
 */
export async function timeStopAll(manager, handle, servicePids, ownPids, timeoutMs) {
  let services = [...servicePids];
  let own = [...ownPids];
  const t0 = performance.now();
  manager.stopAll(handle);
  let serviceGoneMs = null;
  for (;;) {
    services = services.filter(alive);
    const now = performance.now() - t0;
    if (services.length === 0 && serviceGoneMs === null) serviceGoneMs = now;
    own = own.filter(alive);
    if (services.length === 0 && own.length === 0) return { serviceGoneMs, treeGoneMs: now };
    if (now > timeoutMs) throw new Error(`stop all: ${services.length} services and ${own.length} manager processes left after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}
