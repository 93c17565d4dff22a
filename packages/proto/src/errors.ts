// The one error type of sysmaster-ts: a stable code, a sentence, a hint saying what to do, and a
// cause. Mapped to a gRPC status at every process boundary (toServiceError / fromServiceError) and
// to sctl's documented exit codes at the edge, so an error keeps its code across processes.
import * as grpc from '@grpc/grpc-js';
import { SysmasterError, isErrorCode, type ErrorCode } from '@sysmaster/errors';
import type { ErrorCode__Output } from './generated/sysmaster/v1/ErrorCode';

export { SysmasterError, type ErrorCode };

/** Compile-time proof that @sysmaster/errors lists exactly common.proto's ErrorCode names. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const CODES_MATCH_PROTO: Same<ErrorCode, ErrorCode__Output> = true;
void CODES_MATCH_PROTO;

/** The gRPC status of each error code (as common.proto documents beside each). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, grpc.status>> = {
  ERR_UNIT_NOT_FOUND: grpc.status.NOT_FOUND,
  ERR_JOB_NOT_FOUND: grpc.status.NOT_FOUND,
  ERR_INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  ERR_BAD_UNIT_NAME: grpc.status.INVALID_ARGUMENT,
  ERR_BAD_SETTING: grpc.status.FAILED_PRECONDITION,
  ERR_UNIT_MASKED: grpc.status.FAILED_PRECONDITION,
  ERR_REFUSED: grpc.status.FAILED_PRECONDITION,
  ERR_WRONG_STATE: grpc.status.FAILED_PRECONDITION,
  ERR_START_LIMIT: grpc.status.FAILED_PRECONDITION,
  ERR_TRANSACTION: grpc.status.FAILED_PRECONDITION,
  ERR_PERMISSION: grpc.status.PERMISSION_DENIED,
  ERR_UNIMPLEMENTED: grpc.status.UNIMPLEMENTED,
  ERR_UNAVAILABLE: grpc.status.UNAVAILABLE,
  ERR_TIMEOUT: grpc.status.DEADLINE_EXCEEDED,
  ERR_SYSTEM: grpc.status.INTERNAL,
  ERR_INTERNAL: grpc.status.INTERNAL,
  ERR_BUSY: grpc.status.RESOURCE_EXHAUSTED,
};

/** The trailing-metadata keys that carry the code and the hint (common.proto ErrorCode). */
const CODE_KEY = 'sm-code';
const HINT_KEY = 'sm-hint';

/**
 * The most characters of a message (and of a hint) that cross a process boundary. The message
 * travels in the grpc-message trailer: one that outgrows HTTP/2's header limits (a 256 KiB unit
 * name echoed in "Unit … not found.") was never answered and broke the connection's other calls.
 */
export const MAX_ERROR_TEXT = 2000;

/** `text` as it may cross a boundary: its start and end kept, the middle elided, when too long. */
export function boundErrorText(text: string, max = MAX_ERROR_TEXT): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 4);
  const head = max - tail - 40;
  return `${text.slice(0, head)}... [${text.length - head - tail} characters elided] ...${text.slice(text.length - tail)}`;
}

/**
 * A hint as a metadata value, which grpc-js allows only in printable ASCII (it throws on any
 * other character, out of the handler): '%' and every other character percent-encoded (UTF-8).
 */
function encodeHint(hint: string): string {
  return hint.replace(/[^\x20-\x24\x26-\x7e]/gu, (c) => encodeURIComponent(c));
}

function decodeHint(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Turns any thrown value into the status object a grpc-js handler passes to its callback. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (error instanceof SysmasterError) {
    metadata.set(CODE_KEY, error.code);
    if (error.hint) metadata.set(HINT_KEY, encodeHint(boundErrorText(error.hint, MAX_ERROR_TEXT / 2)));
    return { code: ERROR_STATUS[error.code], details: boundErrorText(error.message), metadata };
  }
  const message = error instanceof Error ? error.message : String(error);
  metadata.set(CODE_KEY, 'ERR_INTERNAL');
  return { code: grpc.status.INTERNAL, details: boundErrorText(`internal error: ${message}`), metadata };
}

const STATUS_CODE: Partial<Record<grpc.status, ErrorCode>> = {
  [grpc.status.NOT_FOUND]: 'ERR_UNIT_NOT_FOUND',
  [grpc.status.INVALID_ARGUMENT]: 'ERR_INVALID_ARGUMENT',
  [grpc.status.FAILED_PRECONDITION]: 'ERR_WRONG_STATE',
  [grpc.status.PERMISSION_DENIED]: 'ERR_PERMISSION',
  [grpc.status.UNIMPLEMENTED]: 'ERR_UNIMPLEMENTED',
  [grpc.status.UNAVAILABLE]: 'ERR_UNAVAILABLE',
  // A unary call the server cancelled: it shut down under the call (a peer ending or
  // re-executing). A caller's own cancel ends a stream, which never comes through here.
  [grpc.status.CANCELLED]: 'ERR_UNAVAILABLE',
  [grpc.status.DEADLINE_EXCEEDED]: 'ERR_TIMEOUT',
  [grpc.status.RESOURCE_EXHAUSTED]: 'ERR_BUSY',
};

/** Turns an error a grpc-js client received back into a SysmasterError with its original code. */
export function fromServiceError(error: unknown): SysmasterError {
  if (error instanceof SysmasterError) return error;
  const e = error as Partial<grpc.ServiceError>;
  if (typeof e?.code !== 'number') {
    return new SysmasterError('ERR_INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const sent = e.metadata?.get(CODE_KEY)[0];
  const hint = e.metadata?.get(HINT_KEY)[0];
  const code = typeof sent === 'string' && isErrorCode(sent) ? sent : (STATUS_CODE[e.code] ?? 'ERR_INTERNAL');
  return new SysmasterError(code, e.details || e.message || 'unknown error', {
    cause: error,
    ...(typeof hint === 'string' ? { hint: decodeHint(hint) } : {}),
  });
}
