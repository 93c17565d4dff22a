// Original file: protos/sysmaster/v1/manager.proto


/**
 * One link a unit-file RPC created or removed, as `sctl enable` prints it.
 */
export interface UnitFileChange {
  /**
   * symlink or unlink.
   */
  'type'?: (string);
  /**
   * The link created or removed.
   */
  'path'?: (string);
  /**
   * For symlink, where it points.
   */
  'source'?: (string);
}

/**
 * One link a unit-file RPC created or removed, as `sctl enable` prints it.
 */
export interface UnitFileChange__Output {
  /**
   * symlink or unlink.
   */
  'type': (string);
  /**
   * The link created or removed.
   */
  'path': (string);
  /**
   * For symlink, where it points.
   */
  'source': (string);
}
