// sctl's exit statuses (docs/conventions.md, after systemctl and LSB) and the error that carries one.
import type { ErrorCode } from '@sysmaster/proto';

export const EXIT = {
  SUCCESS: 0,
  FAILURE: 1,
  USAGE: 2,
  NOT_ACTIVE: 3,
  NO_SUCH_UNIT: 4,
  PERMISSION: 5,
} as const;

/** An error to print (message, then the hint) before exiting with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(readonly exitCode: number, message: string, readonly hint?: string) {
    super(message);
  }
}

/** The exit status for an error the manager answered with. */
export function exitCodeFor(code: ErrorCode): number {
  if (code === 'ERR_UNIT_NOT_FOUND') return EXIT.NO_SUCH_UNIT;
  if (code === 'ERR_PERMISSION') return EXIT.PERMISSION;
  return EXIT.FAILURE;
}
