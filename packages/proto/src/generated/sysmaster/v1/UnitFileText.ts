// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFileText {
  'path'?: (string);
  'text'?: (string);
}

export interface UnitFileText__Output {
  'path': (string);
  'text': (string);
}
