// `sctl logs UNIT [-n N] [-f] [--since TIME]`: the unit's log from the manager's Logs stream.
import type { LogLine__Output } from '@sysmaster/proto';
import type { Options } from '../args';
import type { ManagerClient } from '../client';
import { EXIT } from '../exit-codes';
import type { Io } from '../io';
import { parseSince } from '../since';

export async function logs(client: ManagerClient, unit: string, options: Options, io: Io): Promise<number> {
  const since = options.since === null ? 0 : parseSince(options.since, io.now());
  // With --since every line since then is shown unless -n limits it (journalctl's way).
  const lines = options.lines ?? (since ? 0 : 10);
  const stream: ReturnType<ManagerClient['Logs']> = client.Logs({ name: unit, lines, follow: options.follow, since_usec: since });
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('data', (line: LogLine__Output) => io.out(`${line.text}\n`));
    stream.on('end', () => resolve());
    stream.on('error', (error) => reject(error));
  });
  // The stream's own 'end' arrives after its status; an interrupt just stops following.
  const interrupted = io.interrupted.then(() => {
    stream.cancel();
  });
  await Promise.race([ended, interrupted]);
  return EXIT.SUCCESS;
}
