// Original file: protos/sysmaster/v1/worker.proto

import type { JobType as _sysmaster_v1_JobType, JobType__Output as _sysmaster_v1_JobType__Output } from '../../sysmaster/v1/JobType';
import type { JobMode as _sysmaster_v1_JobMode, JobMode__Output as _sysmaster_v1_JobMode__Output } from '../../sysmaster/v1/JobMode';

/**
 * The job a worker asks for (EnqueueJob).
 */
export interface HostJobRequest {
  /**
   * The unit the job is for.
   */
  'unit'?: (string);
  /**
   * The job type.
   */
  'type'?: (_sysmaster_v1_JobType);
  /**
   * The job mode.
   */
  'mode'?: (_sysmaster_v1_JobMode);
  /**
   * The worker type that asks, for the log.
   */
  'from_type'?: (string);
}

/**
 * The job a worker asks for (EnqueueJob).
 */
export interface HostJobRequest__Output {
  /**
   * The unit the job is for.
   */
  'unit': (string);
  /**
   * The job type.
   */
  'type': (_sysmaster_v1_JobType__Output);
  /**
   * The job mode.
   */
  'mode': (_sysmaster_v1_JobMode__Output);
  /**
   * The worker type that asks, for the log.
   */
  'from_type': (string);
}
