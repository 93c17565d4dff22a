// Original file: protos/sysmaster/v1/worker.proto


export interface ReexecResponse {
  'pid'?: (number);
}

export interface ReexecResponse__Output {
  'pid': (number);
}
