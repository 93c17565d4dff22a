// Original file: protos/sysmaster/v1/manager.proto


/**
 * The units and options of the unit-file RPCs (enable, disable, reenable, preset, mask, unmask).
 */
export interface UnitFilesRequest {
  /**
   * Unit names (a name without a suffix means ".service") or absolute paths of unit files.
   */
  'names'?: (string)[];
  /**
   * Act on /run (lost at reboot) instead of /etc.
   */
  'runtime'?: (boolean);
  /**
   * Replace conflicting links.
   */
  'force'?: (boolean);
  /**
   * Also start (enable/unmask) or stop (disable/mask) the units.
   */
  'now'?: (boolean);
}

/**
 * The units and options of the unit-file RPCs (enable, disable, reenable, preset, mask, unmask).
 */
export interface UnitFilesRequest__Output {
  /**
   * Unit names (a name without a suffix means ".service") or absolute paths of unit files.
   */
  'names': (string)[];
  /**
   * Act on /run (lost at reboot) instead of /etc.
   */
  'runtime': (boolean);
  /**
   * Replace conflicting links.
   */
  'force': (boolean);
  /**
   * Also start (enable/unmask) or stop (disable/mask) the units.
   */
  'now': (boolean);
}
