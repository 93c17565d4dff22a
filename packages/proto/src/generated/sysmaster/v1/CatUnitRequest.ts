// Original file: protos/sysmaster/v1/manager.proto


/**
 * Which unit CatUnit shows.
 */
export interface CatUnitRequest {
  /**
   * The unit's name; a name without a suffix means ".service".
   */
  'name'?: (string);
}

/**
 * Which unit CatUnit shows.
 */
export interface CatUnitRequest__Output {
  /**
   * The unit's name; a name without a suffix means ".service".
   */
  'name': (string);
}
