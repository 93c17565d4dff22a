// Original file: protos/sysmaster/v1/common.proto


/**
 * A problem with a unit's configuration, pointing at the exact place in a file.
 */
export interface ConfigError {
  /**
   * The file that holds the bad setting ("" when the problem is not tied to a file).
   */
  'file'?: (string);
  /**
   * The 1-based line of the bad setting (0 when unknown).
   */
  'line'?: (number);
  /**
   * The section, e.g. "Service".
   */
  'section'?: (string);
  /**
   * The key, e.g. "RestartSec".
   */
  'key'?: (string);
  /**
   * A sentence saying what is wrong and, where possible, what is accepted.
   */
  'message'?: (string);
}

/**
 * A problem with a unit's configuration, pointing at the exact place in a file.
 */
export interface ConfigError__Output {
  /**
   * The file that holds the bad setting ("" when the problem is not tied to a file).
   */
  'file': (string);
  /**
   * The 1-based line of the bad setting (0 when unknown).
   */
  'line': (number);
  /**
   * The section, e.g. "Service".
   */
  'section': (string);
  /**
   * The key, e.g. "RestartSec".
   */
  'key': (string);
  /**
   * A sentence saying what is wrong and, where possible, what is accepted.
   */
  'message': (string);
}
