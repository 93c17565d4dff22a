// The listening socket of UnitWorker as an fd, so that it can cross a Reexec (reexec.ts).
//
// With @sysmaster/sys the socket is made natively (socket+bind+listen, mode 0600: only the core,
// which runs as root, and the worker's own user may connect) and served with serveOnFd; a new image
// given SYSMASTER_WORKER_LISTEN_FD serves that fd without binding anything. Without the addon (a
// third-party worker where it is not built) net.Server binds the path as before, and there is no
// fd to keep: such a worker cannot re-execute.
import fs from 'node:fs';
import path from 'node:path';
import { serveOnFd, serveOnPath, type grpc } from '@sysmaster/proto';
import type { Logger } from './logger';

/** How the UnitWorker socket is made natively; absent where @sysmaster/sys is not built. */
export type ListenUnix = (socketPath: string) => number;

/** The socket being served: its fd (null when net.Server bound it) and how to stop serving it. */
export interface WorkerListener {
  fd: number | null;
  /** Removes the socket file, when it is still the one this worker serves (a newer worker may have bound it). */
  unlink(): void;
}

interface SysListen { listen?: (spec: { family: 'unix'; type: 'stream'; address: string; backlog?: number; mode?: number }) => number }

/** The native listener of @sysmaster/sys, or null where the addon is not built. */
export function realListenUnix(): ListenUnix | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sys = require('@sysmaster/sys') as SysListen;
    const listen = sys.listen;
    if (typeof listen !== 'function') return null;
    return (socketPath) => listen({ family: 'unix', type: 'stream', address: socketPath, backlog: 4096, mode: 0o600 });
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
  inheritedFd: number | null; listenUnix: ListenUnix | null; log: Logger;
}): Promise<WorkerListener> {
  let fd = options.inheritedFd;
  if (fd === null && options.listenUnix !== null) {
    fs.mkdirSync(path.dirname(socketPath), { recursive: true });
    fd = options.listenUnix(socketPath);
  }
  if (fd === null) {
    options.log.warn('@sysmaster/sys is not available: the UnitWorker socket is bound by net.Server and this worker cannot re-execute');
    await serveOnPath(server, socketPath);
    return { fd: null, unlink: () => undefined }; // net.Server unlinks it when the server shuts down
  }
  serveOnFd(server, fd);
  const ours = inode(socketPath);
  return {
    fd,
    unlink: () => { if (ours !== null && inode(socketPath) === ours) fs.rmSync(socketPath, { force: true }); },
  };
}
