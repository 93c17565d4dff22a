// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFileChange {
  'type'?: (string);
  'path'?: (string);
  'source'?: (string);
}

export interface UnitFileChange__Output {
  'type': (string);
  'path': (string);
  'source': (string);
}
