// Original file: protos/sysmaster/v1/manager.proto


/**
 * The jobs WaitJobs waits for.
 */
export interface WaitJobsRequest {
  /**
   * Job ids as a job RPC returned them; an id that never existed is NOT_FOUND.
   */
  'ids'?: (number)[];
}

/**
 * The jobs WaitJobs waits for.
 */
export interface WaitJobsRequest__Output {
  /**
   * Job ids as a job RPC returned them; an id that never existed is NOT_FOUND.
   */
  'ids': (number)[];
}
