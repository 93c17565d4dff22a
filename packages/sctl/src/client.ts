// Opening the Manager client. @sysmaster/proto (grpc-js and the proto loader, most of sctl's
// start-up time) is required here, on demand, so --help and usage errors never load it. (A
// require, not import(): in a Node16 CommonJS module import() goes through the ESM loader.)
import fs from 'node:fs';
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
  return { client: proto.connect('Manager', socket), socket };
}
