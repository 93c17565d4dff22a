// Original file: protos/sysmaster/v1/manager.proto


export interface LogLine {
  'text'?: (string);
}

export interface LogLine__Output {
  'text': (string);
}
