// Original file: protos/sysmaster/v1/common.proto


/**
 * One assignment of a unit file, exactly as the parser read it.
 */
export interface Entry {
  /**
   * The key, e.g. "ExecStart".
   */
  'key'?: (string);
  /**
   * The value after the parser unquoted sysMaster-style values and joined continuation lines.
   * An empty value is an explicit reset of a list (systemd semantics).
   */
  'value'?: (string);
  /**
   * The file the assignment came from (the fragment or a drop-in).
   */
  'file'?: (string);
  /**
   * The 1-based line of that file where the assignment starts.
   */
  'line'?: (number);
}

/**
 * One assignment of a unit file, exactly as the parser read it.
 */
export interface Entry__Output {
  /**
   * The key, e.g. "ExecStart".
   */
  'key': (string);
  /**
   * The value after the parser unquoted sysMaster-style values and joined continuation lines.
   * An empty value is an explicit reset of a list (systemd semantics).
   */
  'value': (string);
  /**
   * The file the assignment came from (the fragment or a drop-in).
   */
  'file': (string);
  /**
   * The 1-based line of that file where the assignment starts.
   */
  'line': (number);
}
