// One-shot readiness watches on the event loop (the native pollStart/pollStop of poll.c), and
// the two uses of them: a pidfd that becomes readable when a process exits, and a listening
// socket that becomes readable when a connection or datagram is pending.
import { native } from './native';
import { sys } from './errors';

function guarded(what: string, fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (err) {
      process.emitWarning(`@sysmaster/sys: ${what} callback threw: ${String(err)}`);
    }
  };
}

/**
 * Call `fire` once when fd is readable. The returned cancel is idempotent and a no-op after
 * firing; the native handle is never touched again once it fired (it frees itself).
 */
function oneShot(fd: number, ownsFd: boolean, fire: () => void): () => void {
  let active = true;
  const handle = sys(() =>
    native().pollStart(fd, ownsFd, () => {
      if (!active) return;
      active = false;
      fire();
    }),
  );
  return () => {
    if (!active) return;
    active = false;
    native().pollStop(handle);
  };
}

/** pidfd_open(pid, 0): an fd (CLOEXEC) that polls readable once pid has exited. */
export function pidfdOpen(pid: number): number {
  return sys(() => native().pidfdOpen(pid));
}

/**
 * Call onExit once when pid exits, whether or not it is our child (pidfd_open + uv_poll; no
 * exit status: reap children through onChildExit). Throws SysError ESRCH when pid does not
 * exist. Returns cancel, which also closes the pidfd.
 */
export function watchProcessExit(pid: number, onExit: () => void): () => void {
  const pidfd = pidfdOpen(pid);
  try {
    return oneShot(pidfd, true, guarded('watchProcessExit', onExit));
  } catch (err) {
    sys(() => native().closeFd(pidfd));
    throw err;
  }
}

/**
 * Call onReadable once when fd becomes readable (a pending connection on a listening socket, a
 * queued datagram), without reading or accepting. One-shot: readiness is level-triggered, so a
 * caller that wants the next event calls pollReadable again (e.g. after the activated service
 * exits). At most one watch per fd at a time (a libuv rule). The fd stays the caller's; note
 * that the poll sets O_NONBLOCK on it (spawn() clears it on the fds it passes). Returns cancel.
 */
export function pollReadable(fd: number, onReadable: () => void): () => void {
  return oneShot(fd, false, guarded('pollReadable', onReadable));
}
