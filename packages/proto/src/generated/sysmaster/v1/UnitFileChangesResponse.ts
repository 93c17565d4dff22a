// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileChange as _sysmaster_v1_UnitFileChange, UnitFileChange__Output as _sysmaster_v1_UnitFileChange__Output } from '../../sysmaster/v1/UnitFileChange';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';

/**
 * What a unit-file RPC did.
 */
export interface UnitFileChangesResponse {
  /**
   * Every link created or removed, in the order it happened.
   */
  'changes'?: (_sysmaster_v1_UnitFileChange)[];
  /**
   * Sentences about what was not done and why (e.g. a unit without an [Install] section),
   * printed by sctl on stderr; they do not make the call fail.
   */
  'warnings'?: (string)[];
  /**
   * With now: the start or stop jobs queued for the units (sctl waits for them unless
   * --no-block).
   */
  'jobs'?: (_sysmaster_v1_Job)[];
}

/**
 * What a unit-file RPC did.
 */
export interface UnitFileChangesResponse__Output {
  /**
   * Every link created or removed, in the order it happened.
   */
  'changes': (_sysmaster_v1_UnitFileChange__Output)[];
  /**
   * Sentences about what was not done and why (e.g. a unit without an [Install] section),
   * printed by sctl on stderr; they do not make the call fail.
   */
  'warnings': (string)[];
  /**
   * With now: the start or stop jobs queued for the units (sctl waits for them unless
   * --no-block).
   */
  'jobs': (_sysmaster_v1_Job__Output)[];
}
