// Original file: protos/sysmaster/v1/worker.proto


/**
 * What Reexec answers before it re-executes.
 */
export interface ReexecResponse {
  /**
   * The pid that will run the new code (the same as before).
   */
  'pid'?: (number);
}

/**
 * What Reexec answers before it re-executes.
 */
export interface ReexecResponse__Output {
  /**
   * The pid that will run the new code (the same as before).
   */
  'pid': (number);
}
