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
}
