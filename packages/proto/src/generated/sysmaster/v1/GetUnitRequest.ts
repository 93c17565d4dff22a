// Original file: protos/sysmaster/v1/manager.proto


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
