// Original file: protos/sysmaster/v1/worker.proto


export interface ReexecRequest {
  /**
   * Where the new code is; "" means the worker's own executable as it is now on disk.
   */
  'exec_path'?: (string);
}

export interface ReexecRequest__Output {
  /**
   * Where the new code is; "" means the worker's own executable as it is now on disk.
   */
  'exec_path': (string);
}
