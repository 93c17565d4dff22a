// Original file: protos/sysmaster/v1/manager.proto


/**
 * One file of a unit's configuration.
 */
export interface UnitFileText {
  /**
   * Its absolute path.
   */
  'path'?: (string);
  /**
   * Its whole text as it is on disk now.
   */
  'text'?: (string);
}

/**
 * One file of a unit's configuration.
 */
export interface UnitFileText__Output {
  /**
   * Its absolute path.
   */
  'path': (string);
  /**
   * Its whole text as it is on disk now.
   */
  'text': (string);
}
