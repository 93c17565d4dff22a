// Original file: protos/sysmaster/v1/manager.proto


export interface UnitNamesRequest {
  'names'?: (string)[];
}

export interface UnitNamesRequest__Output {
  'names': (string)[];
}
