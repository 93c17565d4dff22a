// Original file: protos/sysmaster/v1/manager.proto


export interface CatUnitRequest {
  'name'?: (string);
}

export interface CatUnitRequest__Output {
  'name': (string);
}
