// Original file: protos/sysmaster/v1/worker.proto


/**
 * Names one unit (Unload, Start, Stop, Reload, ResetFailed, Status).
 */
export interface UnitRequest {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * Stop only: this stop is the first half of a restart job, so the unit keeps what systemd
   * keeps across a restart (the file-descriptor store, RuntimeDirectoryPreserve=restart). A plain
   * stop (false) releases them once the unit is inactive.
   */
  'restart'?: (boolean);
}

/**
 * Names one unit (Unload, Start, Stop, Reload, ResetFailed, Status).
 */
export interface UnitRequest__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * Stop only: this stop is the first half of a restart job, so the unit keeps what systemd
   * keeps across a restart (the file-descriptor store, RuntimeDirectoryPreserve=restart). A plain
   * stop (false) releases them once the unit is inactive.
   */
  'restart': (boolean);
}
