// Original file: protos/sysmaster/v1/manager.proto


export interface KillUnitsRequest {
  'names'?: (string)[];
  'signal'?: (number);
  'whom'?: (string);
}

export interface KillUnitsRequest__Output {
  'names': (string)[];
  'signal': (number);
  'whom': (string);
}
