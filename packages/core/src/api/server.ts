// The core's listening sockets and the gRPC servers behind them.
//
// Three grpc.Servers: the Manager with every RPC (root callers), the Manager with the read-only
// RPCs (everyone else), and WorkerHost. The public socket feeds the read-only server. The private
// socket is accepted here rather than by grpc-js, so that each connection's SO_PEERCRED can be
// read before it is handed (injected) to one of the two Manager servers: a peer that is not root
// gets the read-only one, even though the socket's 0600 mode should have kept it out.
//
// With inherited fds (init creates the sockets once, every core incarnation accepts on them) the
// listeners take the fds; without them (development, tests) the sockets are created at
// runtimePaths() with their modes set explicitly.
//
// Every connection is labelled with its peer's uid, and the two Manager servers share one fair
// queue (@sysmaster/proto admission.ts): a flood of requests from one user on the public socket
// waits in that user's lane, root's calls and init's Keepalive are served first, and each request
// is bounded before it runs (@sysmaster/proto limits.ts). WorkerHost has a queue of its own, so
// that no client flood delays a worker's EnqueueJob.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'winston';
import { Admission, createServer, grpc, implement, labelSocket, runtimePaths, serveOnFd, serveOnPath } from '@sysmaster/proto';
import type { ManagerCore } from '../manager-core';
import type { ApiSystem } from './system';
import type { HostHandlers } from './host-service';
import { hostHandlers } from './host-service';
import { heldUntil, managerHandlers, readOnlyHandlers } from './manager-service';
import { forImplement } from './handler-types';

export interface ApiOptions {
  /** The inherited listening fd of the private (full access) socket. */
  privateFd?: number;
  /** The inherited listening fd of the public (read-only) socket. */
  publicFd?: number;
  hostHandlers: HostHandlers;
  log: Logger;
  /**
   * Manager calls (all but Keepalive) wait for this: a new core answers nobody before its
   * workers' List and the job queue it took over show the state the system really has.
   */
  ready?: Promise<void>;
}

export interface ApiServer {
  close(): Promise<void>;
}

/** Whether a peer may use the full API: root, or the user the core itself runs as (development). */
function isPrivileged(uid: number | null): boolean {
  return uid !== null && (uid === 0 || uid === process.getuid?.());
}

async function listenOnPath(listener: net.Server, socketPath: string): Promise<void> {
  fs.rmSync(socketPath, { force: true });
  fs.mkdirSync(path.dirname(socketPath), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(socketPath, () => {
      listener.off('error', reject);
      resolve();
    });
  });
}

/** Serves the Manager and WorkerHost services for `core`, with `system` as the OS seam. */
export async function serveApiWith(core: ManagerCore, options: ApiOptions, system: ApiSystem): Promise<ApiServer> {
  const { log } = options;
  const paths = runtimePaths();
  const report = (service: string) => (method: string, error: unknown): void => {
    log.error(`${service}.${method} failed`, { error: error instanceof Error ? error.stack ?? error.message : String(error) });
  };
  const full = options.ready ? heldUntil(managerHandlers(core, system), options.ready) : managerHandlers(core, system);
  const fullServer = createServer('Manager');
  const readOnlyServer = createServer('Manager');
  const hostServer = createServer('WorkerHost');
  const managerQueue = new Admission();
  implement(fullServer, 'Manager', forImplement<'Manager'>(full), { report: report('Manager'), admission: managerQueue });
  implement(readOnlyServer, 'Manager', forImplement<'Manager'>(readOnlyHandlers(full)), { report: report('Manager'), admission: managerQueue });
  implement(hostServer, 'WorkerHost', forImplement<'WorkerHost'>(hostHandlers(options.hostHandlers)), { report: report('WorkerHost'), admission: new Admission() });
  const identify = (socket: net.Socket): number | null => system.peerUid(socket);
  const listeners: net.Server[] = [];

  try {
    // The private socket: SO_PEERCRED decides which Manager a connection talks to.
    const credentials = grpc.ServerCredentials.createInsecure();
    const fullInjector = fullServer.createConnectionInjector(credentials);
    const readOnlyInjector = readOnlyServer.createConnectionInjector(credentials);
    const privateListener = net.createServer((socket) => {
      socket.on('error', () => socket.destroy());
      const uid = system.peerUid(socket);
      labelSocket(socket, uid);
      if (isPrivileged(uid)) fullInjector.injectConnection(socket);
      else {
        log.info('read-only access for a caller on the private socket', { uid });
        readOnlyInjector.injectConnection(socket);
      }
    });
    listeners.push(privateListener);
    if (options.privateFd !== undefined) {
      privateListener.on('error', (error) => log.error('private socket failed', { error: error.message }));
      privateListener.listen({ fd: options.privateFd });
    } else {
      await listenOnPath(privateListener, paths.privateSocket);
      privateListener.on('error', (error) => log.error('private socket failed', { error: error.message }));
      fs.chmodSync(paths.privateSocket, 0o600);
    }

    if (options.publicFd !== undefined) {
      listeners.push(serveOnFd(readOnlyServer, options.publicFd, identify));
    } else {
      listeners.push(await serveOnPath(readOnlyServer, paths.readOnlySocket, identify));
      fs.chmodSync(paths.readOnlySocket, 0o666);
    }

    listeners.push(await serveOnPath(hostServer, paths.hostSocket, identify));
    fs.chmodSync(paths.hostSocket, 0o600);
  } catch (error) {
    for (const listener of listeners) listener.close();
    for (const server of [fullServer, readOnlyServer, hostServer]) server.forceShutdown();
    throw error;
  }
  log.info('API listening', {
    private: options.privateFd !== undefined ? `fd ${options.privateFd}` : paths.privateSocket,
    public: options.publicFd !== undefined ? `fd ${options.publicFd}` : paths.readOnlySocket,
    host: paths.hostSocket,
  });

  return {
    async close() {
      await Promise.all(listeners.map((listener) => new Promise<void>((resolve) => listener.close(() => resolve()))));
      // Streams (Subscribe, Logs -f) never end by themselves: cancel every call.
      for (const server of [fullServer, readOnlyServer, hostServer]) server.forceShutdown();
    },
  };
}
