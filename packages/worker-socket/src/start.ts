// The sm-socket process: SocketUnits served through worker-kit's runWorker.
import { runWorkerProcess, type WorkerDefinition } from '@sysmaster/worker-kit';
import { RealSocketOs } from './real-os';
import { SocketUnits } from './socket-units';

/** The socket type as the core sees it through Describe. */
export const SOCKET_WORKER: WorkerDefinition = {
  type: 'socket',
  sections: ['Socket'],
  capabilities: { can_reload: false, can_kill: false, can_reexec: true, once_only: false, has_processes: false, has_logs: false },
  create: (host) => new SocketUnits({ host, os: new RealSocketOs(host.log) }),
};

/** Runs the socket worker until SIGTERM; exits 1 when it cannot serve its socket at all. */
export async function start(): Promise<void> {
  await runWorkerProcess(SOCKET_WORKER);
}
