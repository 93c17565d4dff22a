// Original file: protos/sysmaster/v1/manager.proto


export interface DependencyNode {
  'name'?: (string);
  'active_state'?: (string);
  'dependencies'?: (string)[];
  'expanded'?: (boolean);
}

export interface DependencyNode__Output {
  'name': (string);
  'active_state': (string);
  'dependencies': (string)[];
  'expanded': (boolean);
}
