// Original file: protos/sysmaster/v1/worker.proto


export interface ReexecResponse {
  /**
   * The pid that will run the new code (the same as before).
   */
  'pid'?: (number);
}

export interface ReexecResponse__Output {
  /**
   * The pid that will run the new code (the same as before).
   */
  'pid': (number);
}
