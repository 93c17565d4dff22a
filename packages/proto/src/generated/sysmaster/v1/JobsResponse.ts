// Original file: protos/sysmaster/v1/manager.proto

import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';

/**
 * The jobs a job RPC queued, those WaitJobs waited for, or the queue (ListJobs).
 */
export interface JobsResponse {
  /**
   * One entry per job.
   */
  'jobs'?: (_sysmaster_v1_Job)[];
}

/**
 * The jobs a job RPC queued, those WaitJobs waited for, or the queue (ListJobs).
 */
export interface JobsResponse__Output {
  /**
   * One entry per job.
   */
  'jobs': (_sysmaster_v1_Job__Output)[];
}
