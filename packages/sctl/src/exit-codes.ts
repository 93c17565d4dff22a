// sctl's exit statuses (docs/conventions.md, after systemctl and LSB) and the error that carries one.
import { SysmasterError, type ErrorCode } from '@sysmaster/errors';

export const EXIT = {
  SUCCESS: 0,
  FAILURE: 1,
  USAGE: 2,
  NOT_ACTIVE: 3,
  NO_SUCH_UNIT: 4,
  PERMISSION: 5,
} as const;

/** What each exit status means, for the man page (reference.ts). */
export const EXIT_MEANINGS: Readonly<Record<keyof typeof EXIT, string>> = {
  SUCCESS: 'The command succeeded (is-active, is-failed, is-enabled: at least one unit is in the state asked about).',
  FAILURE: 'The command failed: the manager refused it, a job failed or the manager could not be reached; is-failed and is-enabled: no unit is in that state.',
  USAGE: 'The command line is wrong (an unknown command or option, a missing argument).',
  NOT_ACTIVE: 'is-active: no unit is active; status: a unit shown is not active.',
  NO_SUCH_UNIT: 'A unit named does not exist.',
  PERMISSION: 'The caller may not do this (an unprivileged user asked for a change).',
};

/** The error code that stands for an exit status when sctl raises the error itself. */
const CODE_OF_EXIT: Readonly<Record<number, ErrorCode>> = {
  [EXIT.USAGE]: 'ERR_INVALID_ARGUMENT',
  [EXIT.NOT_ACTIVE]: 'ERR_WRONG_STATE',
  [EXIT.NO_SUCH_UNIT]: 'ERR_UNIT_NOT_FOUND',
  [EXIT.PERMISSION]: 'ERR_PERMISSION',
};

/** An error to print (message, then the hint) before exiting with `exitCode`. */
export class CliError extends SysmasterError {
  constructor(readonly exitCode: number, message: string, hint?: string, code: ErrorCode = CODE_OF_EXIT[exitCode] ?? 'ERR_INTERNAL') {
    super(code, message, hint === undefined ? {} : { hint });
    this.name = 'CliError';
  }
}

/** The exit status for an error the manager answered with. */
export function exitCodeFor(code: ErrorCode): number {
  if (code === 'ERR_UNIT_NOT_FOUND') return EXIT.NO_SUCH_UNIT;
  if (code === 'ERR_PERMISSION') return EXIT.PERMISSION;
  return EXIT.FAILURE;
}
