// Original file: protos/sysmaster/v1/manager.proto

import type { DependencyNode as _sysmaster_v1_DependencyNode, DependencyNode__Output as _sysmaster_v1_DependencyNode__Output } from '../../sysmaster/v1/DependencyNode';

/**
 * What GetDependencies answers.
 */
export interface GetDependenciesResponse {
  /**
   * The starting unit (resolved through aliases).
   */
  'root'?: (string);
  /**
   * Every unit reachable from the root, the root first; each unit once.
   */
  'nodes'?: (_sysmaster_v1_DependencyNode)[];
}

/**
 * What GetDependencies answers.
 */
export interface GetDependenciesResponse__Output {
  /**
   * The starting unit (resolved through aliases).
   */
  'root': (string);
  /**
   * Every unit reachable from the root, the root first; each unit once.
   */
  'nodes': (_sysmaster_v1_DependencyNode__Output)[];
}
