// Original file: protos/sysmaster/v1/worker.proto


export interface UnitRequest {
  'name'?: (string);
  'restart'?: (boolean);
}

export interface UnitRequest__Output {
  'name': (string);
  'restart': (boolean);
}
