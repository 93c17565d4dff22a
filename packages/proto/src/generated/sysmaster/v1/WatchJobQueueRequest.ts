// Original file: protos/sysmaster/v1/worker.proto


/**
 * Which jobs WatchJobQueue leaves out of its count.
 */
export interface WatchJobQueueRequest {
  /**
   * Units whose jobs do not count (the caller's own units that wait for the queue to empty).
   */
  'except_units'?: (string)[];
}

/**
 * Which jobs WatchJobQueue leaves out of its count.
 */
export interface WatchJobQueueRequest__Output {
  /**
   * Units whose jobs do not count (the caller's own units that wait for the queue to empty).
   */
  'except_units': (string)[];
}
