// Original file: protos/sysmaster/v1/manager.proto

import type { DependencyNode as _sysmaster_v1_DependencyNode, DependencyNode__Output as _sysmaster_v1_DependencyNode__Output } from '../../sysmaster/v1/DependencyNode';

export interface GetDependenciesResponse {
  'root'?: (string);
  'nodes'?: (_sysmaster_v1_DependencyNode)[];
}

export interface GetDependenciesResponse__Output {
  'root': (string);
  'nodes': (_sysmaster_v1_DependencyNode__Output)[];
}
