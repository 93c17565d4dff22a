// Original file: protos/sysmaster/v1/worker.proto


/**
 * Where Reexec finds the new code.
 */
export interface ReexecRequest {
  /**
   * Where the new code is; "" means the worker's own main script as it is now on disk. A worker
   * on worker-kit runs the same node binary with the same node flags and arguments, and a
   * non-empty exec_path replaces only the main script. It must be readable (INVALID_ARGUMENT
   * otherwise, and the worker carries on unchanged).
   */
  'exec_path'?: (string);
}

/**
 * Where Reexec finds the new code.
 */
export interface ReexecRequest__Output {
  /**
   * Where the new code is; "" means the worker's own main script as it is now on disk. A worker
   * on worker-kit runs the same node binary with the same node flags and arguments, and a
   * non-empty exec_path replaces only the main script. It must be readable (INVALID_ARGUMENT
   * otherwise, and the worker carries on unchanged).
   */
  'exec_path': (string);
}
