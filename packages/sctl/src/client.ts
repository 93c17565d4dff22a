// Opening the Manager client. @sysmaster/proto (grpc-js and the proto loader, most of sctl's
// start-up time) is required here, on demand, so --help and usage errors never load it. (A
// require, not import(): in a Node16 CommonJS module import() goes through the ESM loader.)
import fs from 'node:fs';
import net from 'node:net';
import type { Client } from '@sysmaster/proto';
import type * as Proto from '@sysmaster/proto';
import { CliError, EXIT } from './exit-codes';

export type ManagerClient = Client<'Manager'>;

/** The message for a manager that cannot be reached, naming the socket tried. */
export function connectFailure(socket: string): CliError {
  return new CliError(EXIT.FAILURE, `Failed to connect to sysmaster: is it running? (socket ${socket})`);
}

/**
 * Root (or whoever may write the private socket, e.g. the developer who started the core) talks
 * to the private socket; everyone else to the read-only public one.
 */
export async function openManager(): Promise<{ client: ManagerClient; socket: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const proto = require('@sysmaster/proto') as typeof Proto;
  const paths = proto.runtimePaths();
  let socket = paths.readOnlySocket;
  if (process.getuid?.() === 0) socket = paths.privateSocket;
  else {
    try {
      fs.accessSync(paths.privateSocket, fs.constants.W_OK);
      socket = paths.privateSocket;
    } catch {
      // Not ours: the read-only socket it is.
    }
  }
  if (!fs.existsSync(socket)) throw connectFailure(socket);
  // The sockets stay while the core behind them is replaced (a crash or daemon-reexec): a call
  // waits for the next core, and one cut off mid-call is made again (jobs carry a request id).
  // A socket nobody listens on any more (init is gone) fails at once, as before.
  const raw = proto.connect('Manager', socket, RECONNECT);
  let told = false;
  let firstFailure = 0;
  const client = proto.retrying(raw, {
    budgetMs: retryBudgetMs(),
    mayRetry: async () => {
      if (!(await listening(socket))) return false;
      firstFailure ||= Date.now();
      // A replacement usually takes well under a second: only a longer wait is worth a line.
      if (!told && Date.now() - firstFailure > 1000) {
        process.stderr.write('Waiting for the manager, which is being replaced...\n');
        told = true;
      }
      return true;
    },
  });
  return { client, socket };
}

/** Whether something listens on the Unix socket (a full backlog counts: it is being served). */
function listening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect({ path: socket });
    probe.once('connect', () => { probe.destroy(); resolve(true); });
    probe.once('error', (error: NodeJS.ErrnoException) => { probe.destroy(); resolve(error.code === 'EAGAIN'); });
  });
}

/** Reconnect quickly to a core that was just replaced (grpc-js starts at 1 s). */
const RECONNECT = { 'grpc.initial_reconnect_backoff_ms': 50, 'grpc.max_reconnect_backoff_ms': 500 };

/** How long a call waits for a core that is being replaced: SYSMASTER_SCTL_WAIT_SEC, default 90 s. */
function retryBudgetMs(): number {
  const sec = Number(process.env.SYSMASTER_SCTL_WAIT_SEC);
  return (Number.isFinite(sec) && sec >= 0 ? sec : 90) * 1000;
}
