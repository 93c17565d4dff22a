// Original file: protos/sysmaster/v1/manager.proto


export interface SetDefaultTargetRequest {
  'name'?: (string);
}

export interface SetDefaultTargetRequest__Output {
  'name': (string);
}
