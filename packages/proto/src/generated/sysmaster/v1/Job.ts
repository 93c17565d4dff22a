// Original file: protos/sysmaster/v1/manager.proto


/**
 * One job of the core's queue, as `sctl list-jobs` shows it.
 */
export interface Job {
  /**
   * The job id, unique for the life of the core's store.
   */
  'id'?: (number);
  /**
   * The unit it is for.
   */
  'unit'?: (string);
  /**
   * start, stop, restart, reload, try-restart, reload-or-restart, verify-active.
   */
  'type'?: (string);
  /**
   * waiting, running, or (when finished) done.
   */
  'state'?: (string);
  /**
   * When finished: done, canceled, timeout, failed, dependency, skipped, invalid, assert,
   * unsupported, collected, once, frozen. "" while queued or running.
   */
  'result'?: (string);
  /**
   * For a failed job, why, in a sentence.
   */
  'message'?: (string);
}

/**
 * One job of the core's queue, as `sctl list-jobs` shows it.
 */
export interface Job__Output {
  /**
   * The job id, unique for the life of the core's store.
   */
  'id': (number);
  /**
   * The unit it is for.
   */
  'unit': (string);
  /**
   * start, stop, restart, reload, try-restart, reload-or-restart, verify-active.
   */
  'type': (string);
  /**
   * waiting, running, or (when finished) done.
   */
  'state': (string);
  /**
   * When finished: done, canceled, timeout, failed, dependency, skipped, invalid, assert,
   * unsupported, collected, once, frozen. "" while queued or running.
   */
  'result': (string);
  /**
   * For a failed job, why, in a sentence.
   */
  'message': (string);
}
