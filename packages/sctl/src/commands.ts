// The commands of sctl, each a short conversation with the Manager service, grouped in
// commands/*.ts. Only the group a command needs is loaded (with its formatters), so a command
// pays for its own code only: cold start is most of sctl's run time (docs/field-notes.md). Output
// goes through the Io seam; each command resolves with its exit status.
import type { CommandName, Options } from './args';
import type { ManagerClient } from './client';
import { EXIT } from './exit-codes';
import type { Io } from './io';
import type * as Jobs from './commands/jobs';
import type * as Units from './commands/units';
import type * as Files from './commands/files';
import type * as Logs from './commands/logs';
import type * as Timers from './commands/timers';
import type * as Sockets from './commands/sockets';

export type { Io } from './io';

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading; see the header */
const jobs = (): typeof Jobs => require('./commands/jobs') as typeof Jobs;
const units = (): typeof Units => require('./commands/units') as typeof Units;
const files = (): typeof Files => require('./commands/files') as typeof Files;
const logs = (): typeof Logs => require('./commands/logs') as typeof Logs;
const timers = (): typeof Timers => require('./commands/timers') as typeof Timers;
const sockets = (): typeof Sockets => require('./commands/sockets') as typeof Sockets;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs a command that talks to the manager (calendar and verify-worker do not: start.ts runs them without one). */
export async function runCommand(command: Exclude<CommandName, 'verify-worker' | 'calendar'>, args: string[], options: Options, client: ManagerClient, io: Io): Promise<number> {
  switch (command) {
    case 'start': case 'stop': case 'restart': case 'try-restart': case 'reload': case 'reload-or-restart': case 'isolate':
      return jobs().unitJobs(client, command, args, options, io);
    case 'kill': return jobs().kill(client, args, options);
    case 'reset-failed': return jobs().resetFailed(client, args);
    case 'clean': return jobs().clean(client, args, options);
    case 'list-jobs': return jobs().listJobs(client, options, io);
    case 'cancel': return jobs().cancel(client, args);

    case 'status': return units().status(client, args, options, io);
    case 'is-active': return units().isState(client, 'active', args, options, io);
    case 'is-failed': return units().isState(client, 'failed', args, options, io);
    case 'show': return units().show(client, args, options, io);
    case 'list-units': return units().listUnits(client, args, options, io);
    case 'cat': return units().cat(client, args, io);
    case 'list-dependencies': return units().listDependencies(client, args, options, io);

    case 'enable': case 'disable': case 'reenable': case 'preset': case 'mask': case 'unmask':
      return files().changeFiles(client, command, args, options, io);
    case 'preset-all': return files().presetAll(client, options, io);
    case 'is-enabled': return files().isEnabled(client, args, options, io);
    case 'list-unit-files': return files().listUnitFiles(client, args, options, io);
    case 'get-default': return files().getDefault(client, io);
    case 'set-default': return files().setDefault(client, args[0]!, io);

    case 'logs': return logs().logs(client, args[0]!, options, io);

    case 'list-timers': return timers().listTimers(client, args, options, io);
    case 'list-sockets': return sockets().listSockets(client, args, options, io);

    case 'daemon-reload':
      await client.Reload({});
      return EXIT.SUCCESS;
    case 'daemon-reexec': return daemonReexec(client, io);
    case 'poweroff':
      await client.PowerOff({});
      return EXIT.SUCCESS;
    case 'reboot':
      await client.Reboot({});
      return EXIT.SUCCESS;
    case 'halt':
      await client.Halt({});
      return EXIT.SUCCESS;
  }
}

/**
 * daemon-reexec: like systemctl, silent on success and back only once the new manager answers;
 * a process that kept its old code (or took the crash path) is named on stderr.
 */
async function daemonReexec(client: ManagerClient, io: Io): Promise<number> {
  const before = Number((await client.Keepalive({})).image_started_usec);
  const { steps } = await client.Reexecute({});
  for (const step of steps) if (!/ re-execute(d|s now)\b/.test(step)) io.err(`Warning: ${step}.\n`);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const now = await client.Keepalive({}).catch(() => null);
    if (now && Number(now.image_started_usec) > before) return EXIT.SUCCESS;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  io.err('The manager did not come back from daemon-reexec within 90 s.\n');
  return EXIT.FAILURE;
}
