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
  /**
   * Of the units a job request named, those whose unit file or drop-ins changed on disk since
   * they were loaded (NeedDaemonReload=): sctl prints systemctl's daemon-reload warning for each.
   */
  'changed_on_disk'?: (string)[];
}

/**
 * The jobs a job RPC queued, those WaitJobs waited for, or the queue (ListJobs).
 */
export interface JobsResponse__Output {
  /**
   * One entry per job.
   */
  'jobs': (_sysmaster_v1_Job__Output)[];
  /**
   * Of the units a job request named, those whose unit file or drop-ins changed on disk since
   * they were loaded (NeedDaemonReload=): sctl prints systemctl's daemon-reload warning for each.
   */
  'changed_on_disk': (string)[];
}
