// Original file: /work/main/protos/sysmaster/v1/worker.proto


export interface ReexecRequest {
  'exec_path'?: (string);
}

export interface ReexecRequest__Output {
  'exec_path': (string);
}
