// Original file: protos/sysmaster/v1/common.proto


/**
 * One line of a unit's log.
 */
export interface LogLine {
  /**
   * The line as written, without its newline.
   */
  'text'?: (string);
}

/**
 * One line of a unit's log.
 */
export interface LogLine__Output {
  /**
   * The line as written, without its newline.
   */
  'text': (string);
}
