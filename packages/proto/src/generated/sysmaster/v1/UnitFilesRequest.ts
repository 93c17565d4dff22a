// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFilesRequest {
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

export interface UnitFilesRequest__Output {
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
