// Original file: protos/sysmaster/v1/manager.proto


/**
 * What Reexecute did, one sentence per process ("the service worker re-executed (pid 12)").
 */
export interface ReexecuteResponse {
  /**
   * What happened to each process, in the order it was done.
   */
  'steps'?: (string)[];
}

/**
 * What Reexecute did, one sentence per process ("the service worker re-executed (pid 12)").
 */
export interface ReexecuteResponse__Output {
  /**
   * What happened to each process, in the order it was done.
   */
  'steps': (string)[];
}
