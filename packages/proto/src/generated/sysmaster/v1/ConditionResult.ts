// Original file: protos/sysmaster/v1/manager.proto

import type { Long } from '@grpc/proto-loader';

/**
 * How a unit's Condition*= or Assert*= settings evaluated when it was last started.
 */
export interface ConditionResult {
  /**
   * False until the checks ran once.
   */
  'checked'?: (boolean);
  /**
   * Whether they passed.
   */
  'passed'?: (boolean);
  /**
   * When they were checked (usec, realtime).
   */
  'timestamp_usec'?: (number | string | Long);
  /**
   * Each check that failed, as systemd prints it: "ConditionPathExists=/etc/foo was not met".
   */
  'failures'?: (string)[];
}

/**
 * How a unit's Condition*= or Assert*= settings evaluated when it was last started.
 */
export interface ConditionResult__Output {
  /**
   * False until the checks ran once.
   */
  'checked': (boolean);
  /**
   * Whether they passed.
   */
  'passed': (boolean);
  /**
   * When they were checked (usec, realtime).
   */
  'timestamp_usec': (number);
  /**
   * Each check that failed, as systemd prints it: "ConditionPathExists=/etc/foo was not met".
   */
  'failures': (string)[];
}
