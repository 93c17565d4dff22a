// Original file: protos/sysmaster/v1/worker.proto


/**
 * Dependency rules of a type that involve other units, so they cannot be returned by Load for one
 * unit alone. The core applies them once both units are loaded.
 */
export interface DependencyRules {
  /**
   * When a unit of this type has DefaultDependencies=yes, it is ordered After= every unit it
   * Wants= or Requires= that has DefaultDependencies=yes itself (systemd.target(5): a target
   * waits for what it pulls in).
   */
  'order_after_wanted'?: (boolean);
  /**
   * `sctl list-dependencies` expands units of this type recursively even without --all (as
   * systemctl does for targets, which only group other units).
   */
  'expand_in_tree'?: (boolean);
}

/**
 * Dependency rules of a type that involve other units, so they cannot be returned by Load for one
 * unit alone. The core applies them once both units are loaded.
 */
export interface DependencyRules__Output {
  /**
   * When a unit of this type has DefaultDependencies=yes, it is ordered After= every unit it
   * Wants= or Requires= that has DefaultDependencies=yes itself (systemd.target(5): a target
   * waits for what it pulls in).
   */
  'order_after_wanted': (boolean);
  /**
   * `sctl list-dependencies` expands units of this type recursively even without --all (as
   * systemctl does for targets, which only group other units).
   */
  'expand_in_tree': (boolean);
}
