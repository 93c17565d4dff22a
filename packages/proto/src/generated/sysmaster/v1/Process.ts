// Original file: protos/sysmaster/v1/manager.proto


export interface Process {
  'pid'?: (number);
  'command'?: (string);
}

export interface Process__Output {
  'pid': (number);
  'command': (string);
}
