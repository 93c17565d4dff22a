// Original file: protos/sysmaster/v1/manager.proto

import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';

/**
 * One event of the Subscribe stream.
 */
export interface ManagerEvent {
  /**
   * A unit changed state.
   */
  'unit'?: (_sysmaster_v1_UnitStatus | null);
  /**
   * A job was queued, started or finished.
   */
  'job'?: (_sysmaster_v1_Job | null);
  /**
   * Exactly one of the two is set.
   */
  'event'?: "unit"|"job";
}

/**
 * One event of the Subscribe stream.
 */
export interface ManagerEvent__Output {
  /**
   * A unit changed state.
   */
  'unit'?: (_sysmaster_v1_UnitStatus__Output | null);
  /**
   * A job was queued, started or finished.
   */
  'job'?: (_sysmaster_v1_Job__Output | null);
  /**
   * Exactly one of the two is set.
   */
  'event'?: "unit"|"job";
}
