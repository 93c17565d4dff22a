// Original file: protos/sysmaster/v1/manager.proto


export interface PresetAllRequest {
  'runtime'?: (boolean);
  'force'?: (boolean);
}

export interface PresetAllRequest__Output {
  'runtime': (boolean);
  'force': (boolean);
}
