// Original file: protos/sysmaster/v1/common.proto

/**
 * The stable error codes of sysmaster-ts. Every process that answers an RPC with an error sets
 * the trailing metadata key "sm-code" to one of these names (and "sm-hint" to a sentence saying
 * what to do, when there is one, percent-encoded outside printable ASCII as metadata requires)
 * beside the gRPC status listed here, its message at most 2,000 characters (the middle of a
 * longer one elided, so no argument echoed in it outgrows HTTP/2's headers), so an error keeps its code
 * across processes; a client that sees no "sm-code" (a peer that is not sysmaster-ts) derives the
 * code from the gRPC status — NOT_FOUND as ERR_UNIT_NOT_FOUND, INVALID_ARGUMENT as
 * ERR_INVALID_ARGUMENT, FAILED_PRECONDITION as ERR_WRONG_STATE, PERMISSION_DENIED as
 * ERR_PERMISSION, UNIMPLEMENTED, UNAVAILABLE and DEADLINE_EXCEEDED as their namesakes,
 * RESOURCE_EXHAUSTED as ERR_BUSY, anything else as ERR_INTERNAL. The enum is
 * never sent in a message: it is the one definition of the names that travel in the metadata.
 */
export const ErrorCode = {
  /**
   * An unexpected failure (INTERNAL).
   */
  ERR_INTERNAL: 'ERR_INTERNAL',
  /**
   * The unit does not exist (NOT_FOUND).
   */
  ERR_UNIT_NOT_FOUND: 'ERR_UNIT_NOT_FOUND',
  /**
   * The job id is unknown (NOT_FOUND).
   */
  ERR_JOB_NOT_FOUND: 'ERR_JOB_NOT_FOUND',
  /**
   * A malformed request: a bad field, a value out of range, a limit exceeded (INVALID_ARGUMENT).
   */
  ERR_INVALID_ARGUMENT: 'ERR_INVALID_ARGUMENT',
  /**
   * A unit name that is not valid (INVALID_ARGUMENT).
   */
  ERR_BAD_UNIT_NAME: 'ERR_BAD_UNIT_NAME',
  /**
   * The unit's configuration is bad; the message names file, line and key (FAILED_PRECONDITION).
   */
  ERR_BAD_SETTING: 'ERR_BAD_SETTING',
  /**
   * The unit is masked (FAILED_PRECONDITION).
   */
  ERR_UNIT_MASKED: 'ERR_UNIT_MASKED',
  /**
   * A policy refuses the request, e.g. RefuseManualStart= or a shutdown in progress
   * (FAILED_PRECONDITION).
   */
  ERR_REFUSED: 'ERR_REFUSED',
  /**
   * The request does not fit the unit's current state (FAILED_PRECONDITION).
   */
  ERR_WRONG_STATE: 'ERR_WRONG_STATE',
  /**
   * The unit hit its start limit (FAILED_PRECONDITION).
   */
  ERR_START_LIMIT: 'ERR_START_LIMIT',
  /**
   * The transaction cannot be built, e.g. an ordering cycle of requirements (FAILED_PRECONDITION).
   */
  ERR_TRANSACTION: 'ERR_TRANSACTION',
  /**
   * The caller may not do this, e.g. a write on the read-only socket (PERMISSION_DENIED).
   */
  ERR_PERMISSION: 'ERR_PERMISSION',
  /**
   * The unit type or the process does not support the request; Describe says so (UNIMPLEMENTED).
   */
  ERR_UNIMPLEMENTED: 'ERR_UNIMPLEMENTED',
  /**
   * The process that would answer is not there now, e.g. a worker restarting (UNAVAILABLE).
   */
  ERR_UNAVAILABLE: 'ERR_UNAVAILABLE',
  /**
   * The request took too long (DEADLINE_EXCEEDED).
   */
  ERR_TIMEOUT: 'ERR_TIMEOUT',
  /**
   * A system call failed; the message names it and the errno (INTERNAL).
   */
  ERR_SYSTEM: 'ERR_SYSTEM',
  /**
   * The server is at a bound of its admission queue for this caller (too many requests waiting
   * or streams open, packages/proto/src/admission.ts); retry after the earlier ones are answered
   * (RESOURCE_EXHAUSTED).
   */
  ERR_BUSY: 'ERR_BUSY',
} as const;

/**
 * The stable error codes of sysmaster-ts. Every process that answers an RPC with an error sets
 * the trailing metadata key "sm-code" to one of these names (and "sm-hint" to a sentence saying
 * what to do, when there is one, percent-encoded outside printable ASCII as metadata requires)
 * beside the gRPC status listed here, its message at most 2,000 characters (the middle of a
 * longer one elided, so no argument echoed in it outgrows HTTP/2's headers), so an error keeps its code
 * across processes; a client that sees no "sm-code" (a peer that is not sysmaster-ts) derives the
 * code from the gRPC status — NOT_FOUND as ERR_UNIT_NOT_FOUND, INVALID_ARGUMENT as
 * ERR_INVALID_ARGUMENT, FAILED_PRECONDITION as ERR_WRONG_STATE, PERMISSION_DENIED as
 * ERR_PERMISSION, UNIMPLEMENTED, UNAVAILABLE and DEADLINE_EXCEEDED as their namesakes,
 * RESOURCE_EXHAUSTED as ERR_BUSY, anything else as ERR_INTERNAL. The enum is
 * never sent in a message: it is the one definition of the names that travel in the metadata.
 */
export type ErrorCode =
  /**
   * An unexpected failure (INTERNAL).
   */
  | 'ERR_INTERNAL'
  | 0
  /**
   * The unit does not exist (NOT_FOUND).
   */
  | 'ERR_UNIT_NOT_FOUND'
  | 1
  /**
   * The job id is unknown (NOT_FOUND).
   */
  | 'ERR_JOB_NOT_FOUND'
  | 2
  /**
   * A malformed request: a bad field, a value out of range, a limit exceeded (INVALID_ARGUMENT).
   */
  | 'ERR_INVALID_ARGUMENT'
  | 3
  /**
   * A unit name that is not valid (INVALID_ARGUMENT).
   */
  | 'ERR_BAD_UNIT_NAME'
  | 4
  /**
   * The unit's configuration is bad; the message names file, line and key (FAILED_PRECONDITION).
   */
  | 'ERR_BAD_SETTING'
  | 5
  /**
   * The unit is masked (FAILED_PRECONDITION).
   */
  | 'ERR_UNIT_MASKED'
  | 6
  /**
   * A policy refuses the request, e.g. RefuseManualStart= or a shutdown in progress
   * (FAILED_PRECONDITION).
   */
  | 'ERR_REFUSED'
  | 7
  /**
   * The request does not fit the unit's current state (FAILED_PRECONDITION).
   */
  | 'ERR_WRONG_STATE'
  | 8
  /**
   * The unit hit its start limit (FAILED_PRECONDITION).
   */
  | 'ERR_START_LIMIT'
  | 9
  /**
   * The transaction cannot be built, e.g. an ordering cycle of requirements (FAILED_PRECONDITION).
   */
  | 'ERR_TRANSACTION'
  | 10
  /**
   * The caller may not do this, e.g. a write on the read-only socket (PERMISSION_DENIED).
   */
  | 'ERR_PERMISSION'
  | 11
  /**
   * The unit type or the process does not support the request; Describe says so (UNIMPLEMENTED).
   */
  | 'ERR_UNIMPLEMENTED'
  | 12
  /**
   * The process that would answer is not there now, e.g. a worker restarting (UNAVAILABLE).
   */
  | 'ERR_UNAVAILABLE'
  | 13
  /**
   * The request took too long (DEADLINE_EXCEEDED).
   */
  | 'ERR_TIMEOUT'
  | 14
  /**
   * A system call failed; the message names it and the errno (INTERNAL).
   */
  | 'ERR_SYSTEM'
  | 15
  /**
   * The server is at a bound of its admission queue for this caller (too many requests waiting
   * or streams open, packages/proto/src/admission.ts); retry after the earlier ones are answered
   * (RESOURCE_EXHAUSTED).
   */
  | 'ERR_BUSY'
  | 16

/**
 * The stable error codes of sysmaster-ts. Every process that answers an RPC with an error sets
 * the trailing metadata key "sm-code" to one of these names (and "sm-hint" to a sentence saying
 * what to do, when there is one, percent-encoded outside printable ASCII as metadata requires)
 * beside the gRPC status listed here, its message at most 2,000 characters (the middle of a
 * longer one elided, so no argument echoed in it outgrows HTTP/2's headers), so an error keeps its code
 * across processes; a client that sees no "sm-code" (a peer that is not sysmaster-ts) derives the
 * code from the gRPC status — NOT_FOUND as ERR_UNIT_NOT_FOUND, INVALID_ARGUMENT as
 * ERR_INVALID_ARGUMENT, FAILED_PRECONDITION as ERR_WRONG_STATE, PERMISSION_DENIED as
 * ERR_PERMISSION, UNIMPLEMENTED, UNAVAILABLE and DEADLINE_EXCEEDED as their namesakes,
 * RESOURCE_EXHAUSTED as ERR_BUSY, anything else as ERR_INTERNAL. The enum is
 * never sent in a message: it is the one definition of the names that travel in the metadata.
 */
export type ErrorCode__Output = typeof ErrorCode[keyof typeof ErrorCode]
