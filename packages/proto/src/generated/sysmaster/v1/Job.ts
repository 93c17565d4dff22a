// Original file: protos/sysmaster/v1/manager.proto


export interface Job {
  'id'?: (number);
  'unit'?: (string);
  'type'?: (string);
  'state'?: (string);
  'result'?: (string);
  'message'?: (string);
}

export interface Job__Output {
  'id': (number);
  'unit': (string);
  'type': (string);
  'state': (string);
  'result': (string);
  'message': (string);
}
