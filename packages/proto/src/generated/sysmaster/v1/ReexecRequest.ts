// Original file: protos/sysmaster/v1/worker.proto


export interface ReexecRequest {
  'exec_path'?: (string);
}

export interface ReexecRequest__Output {
  'exec_path': (string);
}
