// Original file: protos/sysmaster/v1/manager.proto


export interface UnitJobRequest {
  'names'?: (string)[];
  'mode'?: (string);
}

export interface UnitJobRequest__Output {
  'names': (string)[];
  'mode': (string);
}
