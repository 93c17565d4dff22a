// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFileState {
  'name'?: (string);
  'state'?: (string);
}

export interface UnitFileState__Output {
  'name': (string);
  'state': (string);
}
