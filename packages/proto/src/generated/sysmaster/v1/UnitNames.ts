// Original file: protos/sysmaster/v1/manager.proto


export interface UnitNames {
  'names'?: (string)[];
}

export interface UnitNames__Output {
  'names': (string)[];
}
