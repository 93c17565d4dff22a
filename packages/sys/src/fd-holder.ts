// Fd holders: a process whose only job is to keep file descriptors open, so that they outlive
// the process that owns them (a worker's crash or restart) and can be copied back later.
//
// A holder is an idle `sleep infinity` started by spawn() with the fds at 3, 4, …, in its own
// session, with no environment and stdio on /dev/null. The caller names it in argv[0]
// (`sm-fdstore`, `sm-socket-fds@echo.socket`), and that name is what proves, later, that a pid
// is still that holder: pids are reused, and a copy taken from a reused pid would hand over
// another process's fds, an end would kill it.
//
// spawn() returns when the kernel lets the vfork parent go, which is inside execve, before the
// new program's arguments are in place: /proc/PID/cmdline reads empty for a moment (measured
// here: in 179 of 300 spawns, 66 µs at the median, up to 38 ms on a loaded machine). A holder
// that is ended or read at once would then fail its own check, and be left running. So
// spawnFdHolder() returns only once the name can be read, sleeping in short steps meanwhile.
//
// takeFdsFromHolder() opens a pidfd first, then reads the name from /proc/PID/cmdline, then
// copies with pidfd_getfd(2) through that pidfd. pidfd_getfd fails (ESRCH) once the process
// behind the pidfd has exited, so a copy that succeeds comes from a process that was alive when
// the name was read, that is, from the process whose name was checked: a reuse of the pid
// between the check and the copy cannot slip another process's fds in. endFdHolder() checks
// the name and then signals by pid; it is meant for holders that have been seen alive.
import fs from 'node:fs';
import { SysmasterError } from '@sysmaster/errors';
import { native } from './native';
import { sys } from './errors';
import { spawn } from './process';

const SLEEP = ['/usr/bin/sleep', '/bin/sleep'];
/** How long spawnFdHolder() waits for the holder's name to be readable before giving up. */
const NAMED_WITHIN_MS = 500;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** argv[0] of `pid`; '' when the process is gone or has no command line (a kernel thread, a zombie). */
function argv0Of(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  } catch {
    return '';
  }
}

function closeQuietly(fd: number): void {
  try { native().closeFd(fd); } catch { /* already closed */ }
}

/**
 * Starts a holder named `name` (its argv[0]) that keeps `fds` open at 3, 4, … until it is
 * ended; returns its pid once the name can be checked (see the header). The caller's copies stay
 * the caller's. The holder is the caller's child until the caller dies: reap it (onChildExit).
 */
export function spawnFdHolder(name: string, fds: number[]): number {
  const sleep = SLEEP.find((file) => fs.existsSync(file)) ?? 'sleep';
  const pid = spawn({
    path: sleep, argv: [name, 'infinity'], env: [], fds, setsid: true,
    stdin: { kind: 'null' }, stdout: { kind: 'null' }, stderr: { kind: 'null' },
  });
  const deadline = Date.now() + NAMED_WITHIN_MS;
  for (let step = 0.02; argv0Of(pid) !== name; step = Math.min(1, step * 2)) {
    if (Date.now() > deadline) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      throw new SysmasterError('ERR_TIMEOUT', `the fd holder ${name} (pid ${pid}) did not finish its execve within ${NAMED_WITHIN_MS} ms`);
    }
    Atomics.wait(pause, 0, 0, step); // the child is inside execve: let it run
  }
  return pid;
}

/**
 * Copies fds 3 … 3+count-1 out of the holder `pid` named `name` (pidfd_getfd: copies, CLOEXEC;
 * the holder keeps its own). Throws SysmasterError ERR_REFUSED when `pid` is not that holder
 * (a reused pid) and SysError when it is gone (ESRCH) or holds fewer fds (EBADF). All or
 * nothing: on an error the copies made so far are closed.
 */
export function takeFdsFromHolder(pid: number, name: string, count: number): number[] {
  const pidfd = sys(() => native().pidfdOpen(pid));
  const out: number[] = [];
  try {
    if (argv0Of(pid) !== name) {
      throw new SysmasterError('ERR_REFUSED', `pid ${pid} is not the fd holder ${name}`,
        { hint: 'the holder has ended and its pid may belong to another process now' });
    }
    for (let i = 0; i < count; i++) out.push(sys(() => native().pidfdGetfd(pidfd, 3 + i)));
    return out;
  } catch (error) {
    for (const fd of out) closeQuietly(fd);
    throw error;
  } finally {
    closeQuietly(pidfd);
  }
}

/** SIGKILLs the holder `pid` when it is still the one named `name`; true when it was signalled. */
export function endFdHolder(pid: number, name: string): boolean {
  if (pid <= 0 || argv0Of(pid) !== name) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false; // gone already
  }
}
