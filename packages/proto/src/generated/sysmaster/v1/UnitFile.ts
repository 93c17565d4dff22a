// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFile {
  'path'?: (string);
  'state'?: (string);
  'preset'?: (string);
}

export interface UnitFile__Output {
  'path': (string);
  'state': (string);
  'preset': (string);
}
