// Original file: protos/sysmaster/v1/manager.proto


/**
 * One unit file of the search path.
 */
export interface UnitFile {
  /**
   * Its absolute path.
   */
  'path'?: (string);
  /**
   * enabled, disabled, static, masked, alias, indirect, generated, ….
   */
  'state'?: (string);
  /**
   * What a preset would make of it: enabled or disabled.
   */
  'preset'?: (string);
}

/**
 * One unit file of the search path.
 */
export interface UnitFile__Output {
  /**
   * Its absolute path.
   */
  'path': (string);
  /**
   * enabled, disabled, static, masked, alias, indirect, generated, ….
   */
  'state': (string);
  /**
   * What a preset would make of it: enabled or disabled.
   */
  'preset': (string);
}
