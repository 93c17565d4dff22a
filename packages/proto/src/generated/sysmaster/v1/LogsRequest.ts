// Original file: protos/sysmaster/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Asks for the lines of a unit's log (Manager.Logs, and UnitWorker.Logs of a worker that has
 * capability has_logs).
 */
export interface LogsRequest {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * How many of the last lines to send first (0 means 10).
   */
  'lines'?: (number);
  /**
   * Keep the stream open and send new lines as they are written.
   */
  'follow'?: (boolean);
  /**
   * Only lines written at or after this time (usec, realtime; 0 for all).
   */
  'since_usec'?: (number | string | Long);
}

/**
 * Asks for the lines of a unit's log (Manager.Logs, and UnitWorker.Logs of a worker that has
 * capability has_logs).
 */
export interface LogsRequest__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * How many of the last lines to send first (0 means 10).
   */
  'lines': (number);
  /**
   * Keep the stream open and send new lines as they are written.
   */
  'follow': (boolean);
  /**
   * Only lines written at or after this time (usec, realtime; 0 for all).
   */
  'since_usec': (number);
}
