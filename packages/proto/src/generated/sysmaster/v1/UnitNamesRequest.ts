// Original file: protos/sysmaster/v1/manager.proto


/**
 * A list of unit names (ResetFailed, GetUnitFileState).
 */
export interface UnitNamesRequest {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names'?: (string)[];
}

/**
 * A list of unit names (ResetFailed, GetUnitFileState).
 */
export interface UnitNamesRequest__Output {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names': (string)[];
}
