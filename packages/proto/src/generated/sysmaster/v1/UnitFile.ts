// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFile {
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

export interface UnitFile__Output {
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
