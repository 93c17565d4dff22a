// @sysmaster/errors: the one error type of sysmaster-ts. Every error a process raises on purpose
// is a SysmasterError (or a subclass): a stable code, a sentence naming what is wrong, a hint
// saying what to do, and a cause. The codes are those of common.proto's ErrorCode, which is their
// one definition; @sysmaster/proto checks at compile time that this list and the proto agree, and
// maps each code to a gRPC status at every process boundary. This package has no dependencies, so
// the parser, the native addon and sctl's argument parser can raise it without loading gRPC.

/** The stable error codes (common.proto ErrorCode; kept equal to it by a compile-time check). */
export const ERROR_CODES = [
  'ERR_INTERNAL', 'ERR_UNIT_NOT_FOUND', 'ERR_JOB_NOT_FOUND', 'ERR_INVALID_ARGUMENT', 'ERR_BAD_UNIT_NAME',
  'ERR_BAD_SETTING', 'ERR_UNIT_MASKED', 'ERR_REFUSED', 'ERR_WRONG_STATE', 'ERR_START_LIMIT', 'ERR_TRANSACTION',
  'ERR_PERMISSION', 'ERR_UNIMPLEMENTED', 'ERR_UNAVAILABLE', 'ERR_TIMEOUT', 'ERR_SYSTEM', 'ERR_BUSY',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/** The base error: every error a process raises on purpose is one of these. */
export class SysmasterError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SysmasterError';
    this.code = code;
    this.hint = options.hint;
  }
}
