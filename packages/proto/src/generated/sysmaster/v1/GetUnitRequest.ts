// Original file: protos/sysmaster/v1/manager.proto


/**
 * Which unit GetUnit describes.
 */
export interface GetUnitRequest {
  /**
   * The unit's name; a name without a suffix means ".service".
   */
  'name'?: (string);
  /**
   * How many of the last log lines to include (0 for none).
   */
  'log_lines'?: (number);
}

/**
 * Which unit GetUnit describes.
 */
export interface GetUnitRequest__Output {
  /**
   * The unit's name; a name without a suffix means ".service".
   */
  'name': (string);
  /**
   * How many of the last log lines to include (0 for none).
   */
  'log_lines': (number);
}
