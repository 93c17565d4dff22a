// Shared test helpers: waiting for exits reported by the reaper, reading /proc, temp dirs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onChildExit, type ExitInfo } from '../src/index';

const exits = new Map<number, ExitInfo>();
const waiters = new Map<number, (info: ExitInfo) => void>();
onChildExit((info) => {
  const waiter = waiters.get(info.pid);
  if (waiter) {
    waiters.delete(info.pid);
    waiter(info);
  } else exits.set(info.pid, info);
});

/** The exit of a spawn() child as the reaper reports it (subscribed before any test runs). */
export function exitOf(pid: number, timeoutMs = 10_000): Promise<ExitInfo> {
  const known = exits.get(pid);
  if (known) {
    exits.delete(pid);
    return Promise.resolve(known);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(pid);
      reject(new Error(`pid ${pid} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    waiters.set(pid, (info) => {
      clearTimeout(timer);
      resolve(info);
    });
  });
}

/** Kill pid (ignoring ESRCH) and wait for the reaper to report it. */
export async function killAndReap(pid: number): Promise<ExitInfo> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  return exitOf(pid);
}

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sysmaster-sys-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Fields of /proc/PID/stat after the command name, numbered as in proc(5) (state = 3). */
export function procStat(pid: number | 'self'): (n: number) => string {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
  return (n) => rest[n - 3] ?? '';
}

/** The octal "flags:" of /proc/PID/fdinfo/FD. */
export function fdFlags(fd: number, pid: number | 'self' = 'self'): number {
  const text = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
  const match = /^flags:\s+([0-7]+)$/m.exec(text);
  if (!match?.[1]) throw new Error(`no flags in fdinfo of fd ${fd}`);
  return parseInt(match[1], 8);
}
export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const FIXTURES = path.join(__dirname, 'fixtures');
