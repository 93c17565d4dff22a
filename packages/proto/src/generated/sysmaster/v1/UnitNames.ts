// Original file: protos/sysmaster/v1/manager.proto


/**
 * A list of unit names: the value type of UnitInfo.dependencies.
 */
export interface UnitNames {
  /**
   * Full unit names.
   */
  'names'?: (string)[];
}

/**
 * A list of unit names: the value type of UnitInfo.dependencies.
 */
export interface UnitNames__Output {
  /**
   * Full unit names.
   */
  'names': (string)[];
}
