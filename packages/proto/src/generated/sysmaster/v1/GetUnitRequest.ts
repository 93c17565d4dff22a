// Original file: protos/sysmaster/v1/manager.proto


export interface GetUnitRequest {
  'name'?: (string);
  'log_lines'?: (number);
}

export interface GetUnitRequest__Output {
  'name': (string);
  'log_lines': (number);
}
