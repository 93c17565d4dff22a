// Original file: protos/sysmaster/v1/worker.proto


export interface KillRequest {
  'name'?: (string);
  'signal'?: (number);
  'whom'?: (string);
}

export interface KillRequest__Output {
  'name': (string);
  'signal': (number);
  'whom': (string);
}
