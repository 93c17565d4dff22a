// Original file: protos/sysmaster/v1/manager.proto


export interface KeepaliveResponse {
  /**
   * The core's pid.
   */
  'pid'?: (number);
  /**
   * How many unit jobs are queued or running.
   */
  'jobs'?: (number);
  /**
   * "initializing", "starting", "running", "degraded", "stopping".
   */
  'system_state'?: (string);
}

export interface KeepaliveResponse__Output {
  /**
   * The core's pid.
   */
  'pid': (number);
  /**
   * How many unit jobs are queued or running.
   */
  'jobs': (number);
  /**
   * "initializing", "starting", "running", "degraded", "stopping".
   */
  'system_state': (string);
}
