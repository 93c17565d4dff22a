// Original file: protos/sysmaster/v1/manager.proto


/**
 * One unit of the graph and its edges in the requested direction.
 */
export interface DependencyNode {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * inactive, activating, active, reloading, deactivating, failed.
   */
  'active_state'?: (string);
  /**
   * The units it depends on in the requested direction, unsorted; empty when the unit was not
   * expanded (not a target and all is false).
   */
  'dependencies'?: (string)[];
  /**
   * Whether dependencies were collected for it.
   */
  'expanded'?: (boolean);
}

/**
 * One unit of the graph and its edges in the requested direction.
 */
export interface DependencyNode__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * inactive, activating, active, reloading, deactivating, failed.
   */
  'active_state': (string);
  /**
   * The units it depends on in the requested direction, unsorted; empty when the unit was not
   * expanded (not a target and all is false).
   */
  'dependencies': (string)[];
  /**
   * Whether dependencies were collected for it.
   */
  'expanded': (boolean);
}
