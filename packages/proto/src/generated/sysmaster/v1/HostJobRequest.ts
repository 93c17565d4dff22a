// Original file: protos/sysmaster/v1/worker.proto


export interface HostJobRequest {
  'unit'?: (string);
  'type'?: (string);
  'mode'?: (string);
  'from_type'?: (string);
}

export interface HostJobRequest__Output {
  'unit': (string);
  'type': (string);
  'mode': (string);
  'from_type': (string);
}
