// The listening socket of UnitWorker as an fd, so that it can cross a Reexec (reexec.ts).
//
// With @sysmaster/sys the socket is made natively (socket+bind+listen, mode 0600: only the core,
// which runs as root, and the worker's own user may connect) and served with serveOnFd; a new image
// given SYSMASTER_WORKER_LISTEN_FD serves that fd without binding anything. Before the exec the
// old image stops accepting (handOff: libuv's fd closed, a duplicate kept for the next image), so
// a connection made from then on waits in the backlog for the new image instead of being taken by
// one about to vanish. Without the addon (a third-party worker where it is not built) net.Server
// binds the path as before, and there is no fd to keep: such a worker cannot re-execute.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { serveOnFd, serveOnPath, type grpc } from '@sysmaster/proto';
import type { Logger } from './logger';

/** The native socket calls of the listener; absent where @sysmaster/sys is not built. */
export interface NativeListen {
  /** A listening unix stream socket at `socketPath` (a stale one replaced); its fd. */
  listen(socketPath: string): number;
  /** A duplicate of `fd` (CLOEXEC). */
  dup(fd: number): number;
}

/** The socket being served. */
export interface WorkerListener {
  /** Its fd, null when net.Server bound the path (no addon). */
  readonly fd: number | null;
  /** Stops accepting in this image and returns an fd of the same socket for the next one. */
  handOff(): number;
  /** Accepts again on the handed-off fd (the exec failed). */
  resume(): void;
  /** Removes the socket file, when it is still the one this worker serves (a newer worker may have bound it). */
  unlink(): void;
}

interface SysListen {
  listen?: (spec: { family: 'unix'; type: 'stream'; address: string; backlog?: number; mode?: number }) => number;
  dupFd?: (fd: number) => number;
}

/** The native calls of @sysmaster/sys, or null where the addon is not built. */
export function realNativeListen(): NativeListen | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sys = require('@sysmaster/sys') as SysListen;
    const { listen, dupFd } = sys;
    if (typeof listen !== 'function' || typeof dupFd !== 'function') return null;
    return {
      listen: (socketPath) => listen({ family: 'unix', type: 'stream', address: socketPath, backlog: 4096, mode: 0o600 }),
      dup: (fd) => dupFd(fd),
    };
  } catch {
    return null;
  }
}

function inode(file: string): number | null {
  try { return fs.statSync(file).ino; } catch { return null; }
}

/**
 * Serves `server` on `socketPath`: on `inheritedFd` when the previous image passed one, else on a
 * new native socket, else (no addon) on a path bound by net.Server.
 */
export async function serveWorkerSocket(server: grpc.Server, socketPath: string, options: {
  inheritedFd: number | null; native: NativeListen | null; log: Logger;
}): Promise<WorkerListener> {
  const { native } = options;
  let fd = options.inheritedFd;
  if (fd === null && native !== null) {
    fs.mkdirSync(path.dirname(socketPath), { recursive: true });
    fd = native.listen(socketPath);
  }
  if (fd === null || native === null) {
    options.log.warn('@sysmaster/sys is not available: the UnitWorker socket is bound by net.Server and this worker cannot re-execute');
    await serveOnPath(server, socketPath);
    const refuse = (): never => { throw new Error('no listening fd to hand off'); };
    // net.Server unlinks the path when the server shuts down.
    return { fd: null, handOff: refuse, resume: () => undefined, unlink: () => undefined };
  }
  let current: number = fd;
  let accepting: net.Server | null = serveOnFd(server, current);
  const ours = inode(socketPath);
  return {
    get fd() { return current; },
    handOff: () => {
      if (accepting) {
        const copy = native.dup(current);
        accepting.close(); // closes libuv's fd; the socket lives on in `copy`
        accepting = null;
        current = copy;
      }
      return current;
    },
    resume: () => { if (!accepting) accepting = serveOnFd(server, current); },
    unlink: () => { if (ours !== null && inode(socketPath) === ours) fs.rmSync(socketPath, { force: true }); },
  };
}
