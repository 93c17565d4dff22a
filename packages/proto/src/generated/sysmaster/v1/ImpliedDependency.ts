// Original file: protos/sysmaster/v1/worker.proto

import type { DependencyKind as _sysmaster_v1_DependencyKind, DependencyKind__Output as _sysmaster_v1_DependencyKind__Output } from '../../sysmaster/v1/DependencyKind';

/**
 * One dependency a worker implies for a unit: this unit, kind, other unit.
 */
export interface ImpliedDependency {
  /**
   * The kind of the dependency.
   */
  'kind'?: (_sysmaster_v1_DependencyKind);
  /**
   * The other unit's full name.
   */
  'unit'?: (string);
}

/**
 * One dependency a worker implies for a unit: this unit, kind, other unit.
 */
export interface ImpliedDependency__Output {
  /**
   * The kind of the dependency.
   */
  'kind': (_sysmaster_v1_DependencyKind__Output);
  /**
   * The other unit's full name.
   */
  'unit': (string);
}
