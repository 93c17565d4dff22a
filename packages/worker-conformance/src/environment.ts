// The kit starts a worker with the core's own environment rule (workerEnvironment() of
// @sysmaster/core, which the WorkerPool uses); this turns that rule's "KEY=value" strings into
// the object node's child_process takes.

/** "KEY=value" strings as the object child_process wants. */
export function environmentObject(vars: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) {
    const eq = v.indexOf('=');
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
