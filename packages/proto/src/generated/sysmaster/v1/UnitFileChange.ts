// Original file: protos/sysmaster/v1/manager.proto


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
