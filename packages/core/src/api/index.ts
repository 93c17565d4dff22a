// The gRPC face of the core: the Manager service (for sctl and init) and the WorkerHost service
// (for workers), translating between manager.proto/worker.proto and the ManagerCore engine.
import type { ManagerCore } from '../manager-core';
import { serveApiWith } from './server';
import type { ApiOptions, ApiServer } from './server';
import { realSystem } from './system';

export type { HostHandlers } from './host-service';

/**
 * Serves Manager on the private socket (fd `privateFd`, or runtimePaths().privateSocket, 0600)
 * with root peers getting full access and others the read-only RPCs, Manager read-only on the
 * public socket (fd `publicFd`, or runtimePaths().readOnlySocket, 0666), and WorkerHost on
 * runtimePaths().hostSocket (0600). close() stops accepting and cancels every call in progress.
 */
export async function serveApi(core: ManagerCore, options: ApiOptions): Promise<ApiServer> {
  return serveApiWith(core, options, realSystem());
}
