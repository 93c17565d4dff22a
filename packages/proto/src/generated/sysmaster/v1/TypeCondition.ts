// Original file: protos/sysmaster/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A start condition that a worker checks itself (a service's ExecCondition=), as the last start
 * that ran it found it. The core folds it into the unit's ConditionResult=.
 */
export interface TypeCondition {
  /**
   * False when the unit has no such check, or no start has run it yet.
   */
  'checked'?: (boolean);
  /**
   * True when the check let the start go on; false when it skipped the start.
   */
  'passed'?: (boolean);
  /**
   * When the check ended (usec, realtime).
   */
  'timestamp_usec'?: (number | string | Long);
  /**
   * Why it did not pass, e.g. "ExecCondition=/bin/sh failed (exit status 1)"; "" when it passed.
   */
  'failure'?: (string);
}

/**
 * A start condition that a worker checks itself (a service's ExecCondition=), as the last start
 * that ran it found it. The core folds it into the unit's ConditionResult=.
 */
export interface TypeCondition__Output {
  /**
   * False when the unit has no such check, or no start has run it yet.
   */
  'checked': (boolean);
  /**
   * True when the check let the start go on; false when it skipped the start.
   */
  'passed': (boolean);
  /**
   * When the check ended (usec, realtime).
   */
  'timestamp_usec': (number);
  /**
   * Why it did not pass, e.g. "ExecCondition=/bin/sh failed (exit status 1)"; "" when it passed.
   */
  'failure': (string);
}
