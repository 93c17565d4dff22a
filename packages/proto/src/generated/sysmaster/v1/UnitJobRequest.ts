// Original file: protos/sysmaster/v1/manager.proto

import type { JobMode as _sysmaster_v1_JobMode, JobMode__Output as _sysmaster_v1_JobMode__Output } from '../../sysmaster/v1/JobMode';

/**
 * The units and mode of a job RPC (StartUnits, StopUnits, …, Isolate).
 */
export interface UnitJobRequest {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names'?: (string)[];
  /**
   * Job mode; replace when not set.
   */
  'mode'?: (_sysmaster_v1_JobMode);
  /**
   * A client's id for this request (at most 128 characters; "" for none). A request repeated
   * with the same id — a client retrying after the core was replaced mid-call — is answered
   * with the jobs the first one queued instead of queueing them again (the core keeps the last
   * 1,024 ids in its store, across its own crashes and re-execs). sctl sends a random one.
   */
  'request_id'?: (string);
}

/**
 * The units and mode of a job RPC (StartUnits, StopUnits, …, Isolate).
 */
export interface UnitJobRequest__Output {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names': (string)[];
  /**
   * Job mode; replace when not set.
   */
  'mode': (_sysmaster_v1_JobMode__Output);
  /**
   * A client's id for this request (at most 128 characters; "" for none). A request repeated
   * with the same id — a client retrying after the core was replaced mid-call — is answered
   * with the jobs the first one queued instead of queueing them again (the core keeps the last
   * 1,024 ids in its store, across its own crashes and re-execs). sctl sends a random one.
   */
  'request_id': (string);
}
