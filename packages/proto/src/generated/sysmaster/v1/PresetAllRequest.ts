// Original file: protos/sysmaster/v1/manager.proto


/**
 * The options of PresetAllUnitFiles.
 */
export interface PresetAllRequest {
  /**
   * Act on /run (lost at reboot) instead of /etc.
   */
  'runtime'?: (boolean);
  /**
   * Replace conflicting links.
   */
  'force'?: (boolean);
}

/**
 * The options of PresetAllUnitFiles.
 */
export interface PresetAllRequest__Output {
  /**
   * Act on /run (lost at reboot) instead of /etc.
   */
  'runtime': (boolean);
  /**
   * Replace conflicting links.
   */
  'force': (boolean);
}
