// Original file: protos/sysmaster/v1/init.proto


export interface ShutdownRequest {
  'kind'?: (string);
}

export interface ShutdownRequest__Output {
  'kind': (string);
}
