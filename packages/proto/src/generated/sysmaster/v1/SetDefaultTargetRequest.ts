// Original file: protos/sysmaster/v1/manager.proto


/**
 * The new default target of SetDefaultTarget.
 */
export interface SetDefaultTargetRequest {
  /**
   * A target's full name, e.g. "multi-user.target"; a unit of another type is INVALID_ARGUMENT.
   */
  'name'?: (string);
}

/**
 * The new default target of SetDefaultTarget.
 */
export interface SetDefaultTargetRequest__Output {
  /**
   * A target's full name, e.g. "multi-user.target"; a unit of another type is INVALID_ARGUMENT.
   */
  'name': (string);
}
