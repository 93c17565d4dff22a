// Original file: protos/sysmaster/v1/common.proto


export interface Entry {
  'key'?: (string);
  'value'?: (string);
  'file'?: (string);
  'line'?: (number);
}

export interface Entry__Output {
  'key': (string);
  'value': (string);
  'file': (string);
  'line': (number);
}
