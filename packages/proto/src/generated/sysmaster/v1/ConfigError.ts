// Original file: protos/sysmaster/v1/common.proto


export interface ConfigError {
  'file'?: (string);
  'line'?: (number);
  'section'?: (string);
  'key'?: (string);
  'message'?: (string);
}

export interface ConfigError__Output {
  'file': (string);
  'line': (number);
  'section': (string);
  'key': (string);
  'message': (string);
}
