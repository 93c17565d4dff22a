// The sm-service process: ServiceUnits on the real OS, served through worker-kit's runWorker.
import fs from 'node:fs';
import { logDir } from '@sysmaster/proto';
import * as sys from '@sysmaster/sys';
import { createLogger, runWorker, type WorkerDefinition } from '@sysmaster/worker-kit';
import type { ServiceOs } from './os';
import { RealServiceOs } from './real-os';
import { ServiceUnits } from './service-units';

/** The service type as the core sees it through Describe (os: the seam, real by default). */
export function serviceWorker(os?: ServiceOs): WorkerDefinition {
  return {
    type: 'service',
    sections: ['Service'],
    capabilities: { can_reload: true, can_kill: true, can_reexec: true, once_only: false, has_processes: true, has_logs: true },
    create: (host) => new ServiceUnits({ host, os: os ?? new RealServiceOs(host.log) }),
  };
}

/**
 * Runs the service worker until SIGTERM. It becomes the child subreaper, so daemons that
 * double-fork are reparented to it and reaped; exits 1 only when it cannot serve at all.
 */
export async function start(): Promise<void> {
  const log = createLogger('sm-service');
  try {
    sys.setChildSubreaper();
    fs.mkdirSync(logDir(), { recursive: true });
    await runWorker(serviceWorker(), { log });
  } catch (error) {
    log.error(`cannot start the service worker: ${(error as Error).message}`);
    process.exit(1);
  }
}
