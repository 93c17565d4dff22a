// Original file: protos/sysmaster/v1/manager.proto


/**
 * The enablement state of one unit file.
 */
export interface UnitFileState {
  /**
   * The unit name as normalized ("sshd" becomes "sshd.service").
   */
  'name'?: (string);
  /**
   * enabled, enabled-runtime, linked, linked-runtime, alias, masked, masked-runtime, static,
   * indirect, disabled, generated, transient, bad or not-found (systemctl is-enabled's words).
   */
  'state'?: (string);
}

/**
 * The enablement state of one unit file.
 */
export interface UnitFileState__Output {
  /**
   * The unit name as normalized ("sshd" becomes "sshd.service").
   */
  'name': (string);
  /**
   * enabled, enabled-runtime, linked, linked-runtime, alias, masked, masked-runtime, static,
   * indirect, disabled, generated, transient, bad or not-found (systemctl is-enabled's words).
   */
  'state': (string);
}
