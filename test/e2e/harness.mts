// The e2e harness: boots the real stack with scripts/sandbox (init as PID 1 of new PID, mount and
// cgroup namespaces) and runs commands inside it with nsenter. Every scenario test boots its own
// sandbox with the unit files of its folder and powers it off at the end; nothing is mocked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execa, type ResultPromise } from 'execa';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SANDBOX = path.join(ROOT, 'scripts/sandbox');
const INSIDE_PATH = '/run/sysmaster-sandbox/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface RunResult { exitCode: number; stdout: string; stderr: string }

export class Sandbox {
  private constructor(
    readonly initPid: number,
    private readonly proc: ResultPromise,
    private readonly workDir: string,
    readonly logDir: string,
  ) {}

  /**
   * Boots a sandbox with these unit folders ranked above the shipped units, these extra worker
   * registration folders, and `persistent` as the host folder mounted over /var/lib/sysmaster
   * (give the same one to two boots for a reboot).
   */
  static async boot(options: { units?: string[]; workers?: string[]; timeoutSec?: number; persistent?: string } = {}): Promise<Sandbox> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-'));
    const pidfile = path.join(workDir, 'pid');
    const logDir = path.join(workDir, 'logs');
    const args = [
      ...(options.units ?? []).flatMap((u) => ['--units', u]),
      ...(options.workers ?? []).flatMap((d) => ['--workers', d]),
      ...(options.persistent ? ['--persistent', options.persistent] : []),
      '--pidfile', pidfile, '--keep-logs', logDir, '--timeout', String(options.timeoutSec ?? 60),
      '--', 'sh', '-c', 'while [ ! -e /run/sysmaster-sandbox/release ]; do sleep 0.1; done',
    ];
    const proc = execa(SANDBOX, args, { reject: false, all: true, stdin: 'ignore', env: { NODE_EXTRA_CA_CERTS: undefined } });
    let exited = false;
    void proc.then(() => { exited = true; });
    const deadline = Date.now() + (options.timeoutSec ?? 60) * 1000 + 5000;
    while (!fs.existsSync(pidfile) || fs.readFileSync(pidfile, 'utf8').trim() === '') {
      if (exited || Date.now() > deadline) {
        const r = await proc;
        throw new Error(`the sandbox did not come up (exit ${r.exitCode}):\n${r.all}`);
      }
      await sleep(100);
    }
    return new Sandbox(Number(fs.readFileSync(pidfile, 'utf8').trim()), proc, workDir, logDir);
  }

  /**
   * Runs a command inside the sandbox's namespaces with a clean environment and sctl on PATH.
   * The deadline is enforced inside (coreutils timeout, exit 124): ending nsenter alone leaves
   * its child running with the output pipes open, and the call would wait for that child.
   */
  async run(command: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const r = await execa('nsenter', ['--target', String(this.initPid), '--pid', '--mount', '--cgroup', '--',
      'env', '-i', `PATH=${INSIDE_PATH}`, 'LANG=C.UTF-8', 'HOME=/root', 'timeout', '--kill-after=2', `${timeoutMs / 1000}s`, ...command],
    { reject: false, timeout: timeoutMs + 5_000, stdin: 'ignore' });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  }

  /** Runs a shell snippet inside the sandbox. */
  sh(script: string, options: { timeoutMs?: number } = {}): Promise<RunResult> {
    return this.run(['sh', '-c', script], options);
  }

  sctl(...args: string[]): Promise<RunResult> {
    return this.run(['sctl', ...args]);
  }

  /** The pid (as seen inside) of the first process whose comm is `comm`, or 0. */
  async pidOf(comm: string): Promise<number> {
    const r = await this.sh(`ps -eo pid=,comm= | awk '$2 == "${comm}" { print $1; exit }'`);
    return Number(r.stdout.trim() || 0);
  }

  /** `sctl show -p Prop unit` as a value. */
  async show(unit: string, property: string): Promise<string> {
    const r = await this.sctl('show', '-p', property, '--value', unit);
    return r.stdout.trim();
  }

  /** Polls `check` until it returns true or the time is up; returns whether it did. */
  async waitFor(check: () => Promise<boolean>, timeoutMs = 10_000, intervalMs = 100): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await sleep(intervalMs);
    }
    return check();
  }

  /**
   * Powers the sandbox off (sctl poweroff from the sandbox script) and returns its exit code, its
   * output and the console (init's log and the core's stderr, kept by --keep-logs).
   */
  async shutdown(): Promise<{ exitCode: number; output: string; console: string }> {
    await this.sh('touch /run/sysmaster-sandbox/release');
    const r = await this.proc;
    let console = '';
    try { console = fs.readFileSync(path.join(this.logDir, 'console.log'), 'utf8'); } catch { /* no console kept */ }
    fs.rmSync(this.workDir, { recursive: true, force: true });
    return { exitCode: r.exitCode ?? -1, output: String(r.all), console };
  }
}

/**
 * How long init's final step took, from its log on the console: "final step: stopping every
 * process left" to its last line; null when the console does not show both.
 */
export function finalStepMs(console: string): number | null {
  const times = console.split('\n').filter((l) => l.includes('"service":"init"')).map((l) => {
    try { return JSON.parse(l) as { message?: string; timestamp?: string }; } catch { return {}; }
  });
  const begin = times.find((t) => t.message === 'final step: stopping every process left');
  const end = times.filter((t) => t.message?.startsWith('final step:')).at(-1);
  if (!begin?.timestamp || !end?.timestamp || end === begin) return null;
  return Date.parse(end.timestamp) - Date.parse(begin.timestamp);
}

/**
 * The process name of the worker of each shipped registration (units/workers/*.conf, which the
 * sandbox always registers): `sm-` and its Type=, as worker-kit's runWorker() sets process.title.
 */
function shippedWorkerProcesses(): string[] {
  const dir = path.join(ROOT, 'units/workers');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => {
    const type = /^\s*Type\s*=\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1];
    if (type === undefined) throw new Error(`${path.join(dir, f)} has no Type=`);
    return `sm-${type}`;
  });
}

/** The manager's own processes, by the names they set: init, the core and the shipped workers. */
const MANAGER_PROCESSES = ['init', 'sysmaster', ...shippedWorkerProcesses()];

/**
 * Boots a sandbox before the tests of the enclosing describe() and powers it off after them,
 * asserting that it shut down cleanly. `use` receives the sandbox for the tests; `cleanup` runs
 * after the power-off (e.g. removing generated unit folders). With `managersSurvive`, it also
 * asserts that no manager process died (nor was replaced) while the tests ran.
 */
export function useSandbox(boot: () => Promise<Sandbox>, use: (sb: Sandbox) => void, cleanup?: () => void,
  options: { managersSurvive?: boolean } = {}): void {
  let sandbox: Sandbox | undefined;
  let pids: number[] = [];
  const managerPids = (sb: Sandbox): Promise<number[]> => Promise.all(MANAGER_PROCESSES.map((n) => sb.pidOf(n)));
  before(async () => {
    sandbox = await boot();
    if (options.managersSurvive) pids = await managerPids(sandbox);
    use(sandbox);
  });
  after(async () => {
    try {
      if (!sandbox) return;
      if (options.managersSurvive) assert.deepEqual(await managerPids(sandbox), pids, 'no manager process died');
      const r = await sandbox.shutdown();
      assert.equal(r.exitCode, 0, `sandbox exit:\n${r.output}`);
      // Every scenario ends with init's final step: with every unit stopped, nothing left may sit
      // out the SIGTERM grace period (the core once ignored init's sweep and waited for SIGKILL).
      assert.doesNotMatch(r.console, /processes still running after SIGTERM/, r.console.slice(-3000));
    } finally {
      cleanup?.();
    }
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The folder of a scenario's unit files, next to its test file. */
export function unitsOf(importMetaUrl: string): string {
  return path.join(path.dirname(fileURLToPath(importMetaUrl)), 'units');
}
