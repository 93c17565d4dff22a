// sm-verify-worker: runs the conformance checks against one unit-type worker and prints one
// line per check (or, with --json, the report as one JSON document).
//
//   sm-verify-worker --registration FILE [--unit FILE]... [--timeout MS] [--json]
//   sm-verify-worker --socket PATH [--type TYPE] [--unit FILE]... [--timeout MS] [--json]
//
// Exit status: 0 every check passed (or was skipped), 1 a check failed or the worker could not
// be reached, 2 wrong usage.
import { parseArgs } from 'node:util';
import { formatReport } from './report';
import { verifyWorker, type VerifyOptions } from './verify';

export const USAGE = `sm-verify-worker --registration FILE | --socket PATH [--type TYPE] [--unit FILE]... [--timeout MS] [--json]

Runs a unit-type worker through the checks of the UnitWorker contract that the core relies on.
  --registration FILE  start the worker from its registration file, as the core would, in a
                       private runtime folder (never touching a running system)
  --socket PATH        check a worker already serving PATH (its restart is not checked); this
                       changes that worker: it loads, starts and stops the given units and
                       loads and unloads broken copies named sm-verify-*
  --type TYPE          with --socket: the type it must describe itself as (default: PATH's name)
  --unit FILE          a unit file of the type to exercise (repeatable)
  --timeout MS         how long a state change may take to show on Watch (default 10000)
  --json               print the report as JSON
`;

/** The command line as options, or a usage message. */
export function parseVerifyArgs(argv: string[]): { options: VerifyOptions; json: boolean } | { usage: string } {
  let values;
  try {
    values = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        registration: { type: 'string' }, socket: { type: 'string' }, type: { type: 'string' },
        unit: { type: 'string', multiple: true }, timeout: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { usage: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { usage: USAGE };
  if (!values.registration === !values.socket) return { usage: `Give exactly one of --registration and --socket.\n\n${USAGE}` };
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) return { usage: `--timeout takes a number of milliseconds, not '${values.timeout}'.` };
  return {
    json: values.json ?? false,
    options: {
      ...(values.registration ? { registration: values.registration } : {}),
      ...(values.socket ? { socket: values.socket } : {}),
      ...(values.type ? { type: values.type } : {}),
      unitFiles: values.unit ?? [],
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  };
}

/** Runs the checks and prints the report; resolves with the exit status. */
export async function runVerify(options: VerifyOptions, json: boolean, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const report = await verifyWorker(options);
    out(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (json) out(`${JSON.stringify({ error: message, passed: false })}\n`);
    err(`sm-verify-worker: ${message}\n`);
    return 1;
  }
}

export function start(): void {
  const parsed = parseVerifyArgs(process.argv.slice(2));
  if ('usage' in parsed) {
    const help = process.argv.includes('--help') || process.argv.includes('-h');
    (help ? process.stdout : process.stderr).write(parsed.usage);
    process.exitCode = help ? 0 : 2;
    return;
  }
  runVerify(parsed.options, parsed.json, (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then(
    (code) => { process.stdout.write('', () => process.exit(code)); },
    (error: unknown) => { process.stderr.write(`sm-verify-worker: internal error: ${String(error)}\n`); process.exit(1); },
  );
}
