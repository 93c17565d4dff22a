// Original file: protos/sysmaster/v1/worker.proto


/**
 * Where Reexec finds the new code.
 */
export interface ReexecRequest {
  /**
   * Where the new code is; "" means the worker's own executable as it is now on disk.
   */
  'exec_path'?: (string);
}

/**
 * Where Reexec finds the new code.
 */
export interface ReexecRequest__Output {
  /**
   * Where the new code is; "" means the worker's own executable as it is now on disk.
   */
  'exec_path': (string);
}
