// Original file: protos/sysmaster/v1/worker.proto


/**
 * The size of the core's job queue (WatchJobQueue).
 */
export interface JobQueueState {
  /**
   * Jobs waiting or running, other than those of WatchJobQueueRequest.except_units.
   */
  'jobs'?: (number);
}

/**
 * The size of the core's job queue (WatchJobQueue).
 */
export interface JobQueueState__Output {
  /**
   * Jobs waiting or running, other than those of WatchJobQueueRequest.except_units.
   */
  'jobs': (number);
}
