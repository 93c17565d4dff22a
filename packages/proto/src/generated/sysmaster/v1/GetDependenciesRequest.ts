// Original file: protos/sysmaster/v1/manager.proto


export interface GetDependenciesRequest {
  'name'?: (string);
  'direction'?: (string);
  'all'?: (boolean);
}

export interface GetDependenciesRequest__Output {
  'name': (string);
  'direction': (string);
  'all': (boolean);
}
