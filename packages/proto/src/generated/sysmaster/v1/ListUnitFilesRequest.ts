// Original file: protos/sysmaster/v1/manager.proto


export interface ListUnitFilesRequest {
  'states'?: (string)[];
  'types'?: (string)[];
  'patterns'?: (string)[];
}

export interface ListUnitFilesRequest__Output {
  'states': (string)[];
  'types': (string)[];
  'patterns': (string)[];
}
