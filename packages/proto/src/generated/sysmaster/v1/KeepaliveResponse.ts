// Original file: protos/sysmaster/v1/manager.proto


/**
 * What Keepalive answers: enough for init to tell a live core from a hung one.
 */
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

/**
 * What Keepalive answers: enough for init to tell a live core from a hung one.
 */
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
