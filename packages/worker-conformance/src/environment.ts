// The environment a worker is started with, by the core's rules (docs/conventions.md "Worker
// registration"; packages/core/src/workers/pool.ts, WorkerPool.spawn): a clean environment of
// PATH, LANG and SYSMASTER_WORKER_TYPE, plus every SYSMASTER_* override the starter has itself
// except the core's private ones. The pool keeps this rule in a private method, so it is written
// here a second time; test/environment.test.ts runs a real WorkerPool and asserts that both
// produce the same variables, so the two cannot drift apart unnoticed.

/** The PATH the core gives a worker (and the services it runs). */
const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variables the core sets for itself and never passes on. */
const CORE_ONLY = new Set(['SYSMASTER_WORKER_TYPE', 'SYSMASTER_CORE_GENERATION', 'SYSMASTER_INIT_STATE']);

/** The worker's environment as "KEY=value" strings, in the order the core builds them. */
export function workerEnvironment(type: string, env: NodeJS.ProcessEnv): string[] {
  const vars = [`PATH=${SERVICE_PATH}`, `LANG=${env.LANG || 'C.UTF-8'}`, `SYSMASTER_WORKER_TYPE=${type}`];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('SYSMASTER_') || value === undefined || CORE_ONLY.has(key)) continue;
    vars.push(`${key}=${value}`);
  }
  return vars;
}

/** "KEY=value" strings as the object child_process wants. */
export function environmentObject(vars: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) {
    const eq = v.indexOf('=');
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
