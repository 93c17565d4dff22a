// Helpers shared by the service-* scenarios (issue 4): unit folders with the fixture daemons'
// location filled in, and small polls on unit state. Unit files name the fixture daemons as
// @DAEMONS@ (packages/worker-service/test/fixtures/daemons) and the checkout as @ROOT@; the copy
// made here replaces them with absolute paths, so a checkout anywhere works. The host's
// filesystem is visible inside the sandbox (only /run, /etc/sysmaster and /var/log/sysmaster are
// private), so the daemons run from the checkout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, Sandbox, sleep, useSandbox } from '../harness.mjs';

const DAEMONS = path.join(ROOT, 'packages/worker-service/test/fixtures/daemons');

/** Copies the scenario's units/ (next to the test file) into a temporary folder with @DAEMONS@
 * and @ROOT@ replaced, adds `extra` files (name → text), and returns the folder. */
function prepareUnits(importMetaUrl: string, extra: Record<string, string> = {}): string {
  const source = path.join(path.dirname(fileURLToPath(importMetaUrl)), 'units');
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-units-'));
  const fill = (text: string): string => text.replaceAll('@DAEMONS@', DAEMONS).replaceAll('@ROOT@', ROOT);
  const copy = (from: string, to: string): void => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const a = path.join(from, entry.name);
      const b = path.join(to, entry.name);
      if (entry.isDirectory()) { fs.mkdirSync(b); copy(a, b); } else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(a), b);
      else fs.writeFileSync(b, fill(fs.readFileSync(a, 'utf8')));
    }
  };
  if (fs.existsSync(source)) copy(source, target);
  for (const [name, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(target, name)), { recursive: true });
    fs.writeFileSync(path.join(target, name), fill(text));
  }
  return target;
}

/** Boots a sandbox with the scenario's prepared units; `cleanup()` powers it off and removes them. */
export async function bootScenario(importMetaUrl: string, extra: Record<string, string> = {}, timeoutSec = 90):
Promise<{ sb: Sandbox; units: string; cleanup: () => Promise<{ exitCode: number; output: string; console: string }> }> {
  const units = prepareUnits(importMetaUrl, extra);
  try {
    const sb = await Sandbox.boot({ units: [units], timeoutSec });
    return {
      sb, units,
      cleanup: async () => {
        try { return await sb.shutdown(); } finally { fs.rmSync(units, { recursive: true, force: true }); }
      },
    };
  } catch (e) {
    fs.rmSync(units, { recursive: true, force: true });
    throw e;
  }
}

/**
 * bootScenario() for the tests of the enclosing describe(): boots before them, powers off and
 * removes the prepared units after them, asserting a clean shutdown.
 */
export function useScenario(importMetaUrl: string, use: (sb: Sandbox) => void, extra: Record<string, string> = {}, timeoutSec = 90): void {
  let units = '';
  useSandbox(async () => {
    const booted = await bootScenario(importMetaUrl, extra, timeoutSec);
    units = booted.units;
    return booted.sb;
  }, use, () => { if (units) fs.rmSync(units, { recursive: true, force: true }); });
}

/** Polls `sctl show -p property --value unit` until it equals one of `values`; returns the last value. */
export async function waitProperty(sb: Sandbox, unit: string, property: string, values: string[], timeoutMs = 15_000): Promise<string> {
  let last = '';
  await sb.waitFor(async () => values.includes(last = await sb.show(unit, property)), timeoutMs, 100);
  return last;
}

/** ActiveState and SubState and Result of a unit, as one "active/running/success" string. */
export async function stateOf(sb: Sandbox, unit: string): Promise<string> {
  const r = await sb.sctl('show', '-p', 'ActiveState', '-p', 'SubState', '-p', 'Result', unit);
  const v = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return `${v.ActiveState ?? '?'}/${v.SubState ?? '?'}/${v.Result ?? '?'}`;
}

/** Whether `pid` (as seen inside the sandbox) exists and is not a zombie. */
export async function alive(sb: Sandbox, pid: number): Promise<boolean> {
  if (!(pid > 0)) return false;
  const r = await sb.sh(`s=$(awk '{print $3}' /proc/${pid}/stat 2>/dev/null); [ -n "$s" ] && [ "$s" != Z ] && echo yes || echo no`);
  return r.stdout.trim() === 'yes';
}

/** The pids (inside) whose full command line is exactly `args` (space-joined). */
export async function pidsByArgs(sb: Sandbox, args: string): Promise<number[]> {
  const r = await sb.sh(`ps -eo pid=,stat=,args= | awk '$2 !~ /^Z/ { pid=$1; $1=""; $2=""; sub(/^  /, ""); if ($0 == "${args}") print pid }'`);
  return r.stdout.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
}

/** Runs `sctl` and asserts nothing; the whole result, for messages. */
export function describeRun(r: { exitCode: number; stdout: string; stderr: string }): string {
  return `exit ${r.exitCode}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
}

export { ROOT, Sandbox, sleep };
