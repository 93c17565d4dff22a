// Original file: protos/sysmaster/v1/manager.proto


export interface DefaultTargetResponse {
  'name'?: (string);
}

export interface DefaultTargetResponse__Output {
  'name': (string);
}
