// sctl's entry: parse the command line, connect, run the command, map the outcome to an exit
// status. Only what a command needs is imported: --help, --version and usage errors load neither
// gRPC nor the formatters (cold start is most of sctl's run time: docs/field-notes.md "gRPC and
// startup").
import { parseCommandLine, UsageError } from './args';
import { packageVersion, usage } from './reference';
import type { Invocation } from './args';
import { CliError, EXIT, exitCodeFor } from './exit-codes';
import type * as ClientModule from './client';
import type * as CommandsModule from './commands';
import type * as TimersModule from './commands/timers';
import type * as Proto from '@sysmaster/proto';
import type * as Conformance from '@sysmaster/worker-conformance';

/* eslint-disable @typescript-eslint/no-require-imports */
// Modules loaded on first use: CommonJS requires, not import() (in a Node16 CommonJS module
// import() goes through the ESM loader, which is slower and wraps CommonJS exports), each with a
// literal name so that the bundle (scripts/bundle-sctl.mjs) holds them and still runs each only
// when it is required.
const timers = (): typeof TimersModule => require('./commands/timers') as typeof TimersModule;
const conformance = (): typeof Conformance => require('@sysmaster/worker-conformance') as typeof Conformance;
const client = (): typeof ClientModule => require('./client') as typeof ClientModule;
const commands = (): typeof CommandsModule => require('./commands') as typeof CommandsModule;
const proto = (): typeof Proto => require('@sysmaster/proto') as typeof Proto;
/* eslint-enable @typescript-eslint/no-require-imports */

function version(): string {
  return `sctl (sysmaster-ts) ${packageVersion()}\n`;
}

function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text);
}

/** Runs sctl with `argv` (without node and the script) and resolves with the exit status. */
export async function run(argv: string[]): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    write(process.stderr, `sctl: ${error.message}\nSee 'sctl --help' for usage.\n`);
    return EXIT.USAGE;
  }
  if (invocation.kind === 'help') {
    write(process.stdout, usage());
    return EXIT.SUCCESS;
  }
  if (invocation.kind === 'version') {
    write(process.stdout, version());
    return EXIT.SUCCESS;
  }

  const io = {
    out: (text: string) => write(process.stdout, text),
    err: (text: string) => write(process.stderr, text),
    color: process.stdout.isTTY === true,
    now: () => Date.now() * 1000,
    interrupted: new Promise<void>((resolve) => process.once('SIGINT', () => resolve())),
  };
  // `calendar` is computed here, like systemd-analyze's: it needs no manager.
  if (invocation.command === 'calendar') return timers().calendar(invocation.args, invocation.options, io);
  if (invocation.command === 'verify-worker') {
    // The conformance kit starts the worker itself in a private runtime: no manager is involved.
    const [type, ...unitFiles] = invocation.args;
    const kit = conformance();
    return kit.verifyRegisteredWorker(type!, unitFiles, { out: io.out, err: io.err });
  }

  const { openManager, connectFailure } = client();
  let socket = '';
  let close = (): void => undefined;
  try {
    const opened = await openManager();
    socket = opened.socket;
    close = () => opened.client.close();
    const { runCommand } = commands();
    return await runCommand(invocation.command, invocation.args, invocation.options, opened.client, io);
  } catch (raw) {
    let error = raw;
    if (!(error instanceof CliError)) {
      const sm = proto().fromServiceError(raw);
      error = sm.code === 'ERR_UNAVAILABLE' ? connectFailure(socket) : new CliError(exitCodeFor(sm.code), sm.message, sm.hint, sm.code);
    }
    const cli = error as CliError;
    write(process.stderr, `${cli.message}\n${cli.hint ? `${cli.hint}\n` : ''}`);
    return cli.exitCode;
  } finally {
    close();
  }
}

/** The executable: runs with process.argv and exits with the command's status. */
export function start(): void {
  run(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`sctl: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = EXIT.FAILURE;
    },
  ).finally(() => {
    // A cancelled log stream or a closed channel can leave handles for a moment; do not wait.
    process.stdout.write('', () => process.exit());
  });
}
