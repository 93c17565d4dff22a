// Original file: protos/sysmaster/v1/worker.proto


/**
 * What EnqueueJob answers.
 */
export interface HostJobResponse {
  /**
   * The id of the enqueued job.
   */
  'job_id'?: (number);
}

/**
 * What EnqueueJob answers.
 */
export interface HostJobResponse__Output {
  /**
   * The id of the enqueued job.
   */
  'job_id': (number);
}
