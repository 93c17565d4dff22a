// Original file: protos/sysmaster/v1/manager.proto


/**
 * What GetDefaultTarget answers.
 */
export interface DefaultTargetResponse {
  /**
   * The default target's full name, e.g. "multi-user.target".
   */
  'name'?: (string);
}

/**
 * What GetDefaultTarget answers.
 */
export interface DefaultTargetResponse__Output {
  /**
   * The default target's full name, e.g. "multi-user.target".
   */
  'name': (string);
}
