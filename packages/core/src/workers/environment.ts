// The environment a worker is started with (docs/conventions.md "Worker registration"): a clean
// one of PATH, LANG and SYSMASTER_WORKER_TYPE, plus every SYSMASTER_* override the starter has
// itself (development paths such as SYSMASTER_RUNTIME_DIR) except the core's private ones. The
// WorkerPool starts workers by this rule, and the conformance kit (@sysmaster/worker-conformance)
// starts the worker it checks by the same function, so the two cannot drift apart.

/** The PATH the core gives a worker. */
const WORKER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variables the core sets for itself and never passes on. */
const CORE_ONLY = new Set(['SYSMASTER_WORKER_TYPE', 'SYSMASTER_CORE_GENERATION', 'SYSMASTER_INIT_STATE']);

/** The environment of the worker of `type`, as "KEY=value" strings, built from the starter's `env`. */
export function workerEnvironment(type: string, env: NodeJS.ProcessEnv): string[] {
  const vars = [`PATH=${WORKER_PATH}`, `LANG=${env.LANG || 'C.UTF-8'}`, `SYSMASTER_WORKER_TYPE=${type}`];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('SYSMASTER_') || value === undefined || CORE_ONLY.has(key)) continue;
    vars.push(`${key}=${value}`);
  }
  return vars;
}
