// Original file: protos/sysmaster/v1/worker.proto


export interface UnitRequest {
  'name'?: (string);
}

export interface UnitRequest__Output {
  'name': (string);
}
