// A real init as PID 1 of a fresh PID + mount namespace, for the real tests:
//   unshare --pid --fork --mount --mount-proc sh -c 'mount -t tmpfs tmpfs /run; exec node dist/main.js'
// with init.conf in a temp SYSMASTER_CONFIG_DIR pointing CoreExecStart at the fixture core.
// The host side reaches init's sockets through /proc/<init>/root (the namespace's /run), and runs
// commands inside with nsenter. Everything is killed by pid at the end.
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '@sysmaster/proto';
import type { Client } from '@sysmaster/proto';

const INIT_MAIN = path.resolve(__dirname, '../dist/main.js');
const FAKE_CORE = path.resolve(__dirname, 'fixtures/fake-core.js');

/** Why the real tests cannot run here, or false when they can. */
export function cannotRun(): string | false {
  if (process.getuid?.() !== 0) return 'needs root for namespaces';
  if (!fs.existsSync(INIT_MAIN)) return 'packages/init is not built (dist/main.js)';
  if (!fs.existsSync(path.resolve(__dirname, '../../sys/build/Release/sys.node'))) return '@sysmaster/sys is not built';
  return false;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function ppidOf(pid: number): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

export class Sandbox {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'init-pid1-'));
  readonly confDir = path.join(this.dir, 'etc');
  readonly logDir = path.join(this.dir, 'log');
  private unshare: ChildProcess | undefined;
  /** init's pid as the host sees it. */
  initPid = 0;
  stderr = '';
  exited: Promise<number | null> = Promise.resolve(null);

  constructor(private readonly conf: Record<string, string | number>) {
    fs.mkdirSync(this.confDir);
    fs.mkdirSync(this.logDir);
  }

  async start(): Promise<void> {
    const lines = Object.entries({ CoreExecStart: FAKE_CORE, ...this.conf }).map(([k, v]) => `${k}=${v}`);
    fs.writeFileSync(path.join(this.confDir, 'init.conf'), `[Init]\n${lines.join('\n')}\n`);
    const script = 'mount -t tmpfs -o mode=0755 tmpfs /run && exec "$0" "$1"';
    const child = spawn('unshare', ['--pid', '--fork', '--mount', '--mount-proc', '/bin/sh', '-c', script, process.execPath, INIT_MAIN], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SYSMASTER_CONFIG_DIR: this.confDir, SYSMASTER_LOG_DIR: this.logDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.unshare = child;
    child.stderr?.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const unsharePid = child.pid ?? 0;
    this.initPid = await until('init to start', () => {
      for (const name of fs.readdirSync('/proc')) {
        if (/^[0-9]+$/.test(name) && ppidOf(Number(name)) === unsharePid) return Number(name);
      }
      return undefined;
    });
    await until('init.sock', () => fs.existsSync(this.path('/run/sysmaster/init.sock')), 10_000);
  }

  /** A path inside the namespace, as the host reaches it. */
  path(p: string): string {
    return `/proc/${this.initPid}/root${p}`;
  }

  init(): Client<'Init'> {
    return connect('Init', this.path('/run/sysmaster/init.sock'));
  }

  manager(): Client<'Manager'> {
    return connect('Manager', this.path('/run/sysmaster/private'));
  }

  /** The cores started so far: [generation, pid inside the namespace]. */
  cores(): [number, number][] {
    try {
      return fs.readFileSync(path.join(this.confDir, 'cores.log'), 'utf8').trim().split('\n').filter(Boolean)
        .map((l) => l.split(' ').map(Number) as [number, number]);
    } catch {
      return [];
    }
  }

  /** The host pid of a process whose pid inside the namespace is nsPid. */
  hostPid(nsPid: number): number {
    const ns = fs.readlinkSync(`/proc/${this.initPid}/ns/pid`);
    for (const name of fs.readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(name)) continue;
      try {
        if (fs.readlinkSync(`/proc/${name}/ns/pid`) !== ns) continue;
        const line = fs.readFileSync(`/proc/${name}/status`, 'utf8').split('\n').find((l) => l.startsWith('NSpid:'));
        const ids = line?.split(/\s+/).slice(1).map(Number) ?? [];
        if (ids[ids.length - 1] === nsPid) return Number(name);
      } catch { /* gone meanwhile */ }
    }
    throw new Error(`no process ${nsPid} in the sandbox`);
  }

  /** Runs a shell command inside the namespace (its PID namespace and its /proc). */
  exec(command: string, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('nsenter', ['-t', String(this.initPid), '-p', '-m', '/bin/sh', '-c', command], { timeout: timeoutMs }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${command}: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  }

  /** Kills init by pid (which ends the namespace), then removes the temp dir. */
  async stop(): Promise<void> {
    if (this.initPid) {
      try { process.kill(this.initPid, 'SIGKILL'); } catch { /* already gone */ }
    }
    await Promise.race([this.exited, sleep(5000)]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
