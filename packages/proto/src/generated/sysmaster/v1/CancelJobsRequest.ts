// Original file: protos/sysmaster/v1/manager.proto


/**
 * The jobs CancelJobs cancels.
 */
export interface CancelJobsRequest {
  /**
   * Job ids; one that is not queued or running is NOT_FOUND, and then none is canceled.
   */
  'ids'?: (number)[];
}

/**
 * The jobs CancelJobs cancels.
 */
export interface CancelJobsRequest__Output {
  /**
   * Job ids; one that is not queued or running is NOT_FOUND, and then none is canceled.
   */
  'ids': (number)[];
}
