// Original file: protos/sysmaster/v1/manager.proto


export interface KeepaliveResponse {
  'pid'?: (number);
  'jobs'?: (number);
  'system_state'?: (string);
}

export interface KeepaliveResponse__Output {
  'pid': (number);
  'jobs': (number);
  'system_state': (string);
}
