// Original file: protos/sysmaster/v1/worker.proto


export interface HostEvent {
  'unit'?: (string);
  'kind'?: (string);
  'message'?: (string);
  'fields'?: ({[key: string]: string});
}

export interface HostEvent__Output {
  'unit': (string);
  'kind': (string);
  'message': (string);
  'fields': ({[key: string]: string});
}
