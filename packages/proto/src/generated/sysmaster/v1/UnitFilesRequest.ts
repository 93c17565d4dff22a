// Original file: protos/sysmaster/v1/manager.proto


export interface UnitFilesRequest {
  'names'?: (string)[];
  'runtime'?: (boolean);
  'force'?: (boolean);
  'now'?: (boolean);
}

export interface UnitFilesRequest__Output {
  'names': (string)[];
  'runtime': (boolean);
  'force': (boolean);
  'now': (boolean);
}
