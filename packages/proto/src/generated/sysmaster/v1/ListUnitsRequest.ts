// Original file: protos/sysmaster/v1/manager.proto


export interface ListUnitsRequest {
  'all'?: (boolean);
  'states'?: (string)[];
  'types'?: (string)[];
  'patterns'?: (string)[];
}

export interface ListUnitsRequest__Output {
  'all': (boolean);
  'states': (string)[];
  'types': (string)[];
  'patterns': (string)[];
}
