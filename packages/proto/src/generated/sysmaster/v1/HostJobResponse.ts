// Original file: protos/sysmaster/v1/worker.proto


export interface HostJobResponse {
  /**
   * The id of the enqueued job.
   */
  'job_id'?: (number);
}

export interface HostJobResponse__Output {
  /**
   * The id of the enqueued job.
   */
  'job_id': (number);
}
