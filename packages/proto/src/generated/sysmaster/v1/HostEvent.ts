// Original file: protos/sysmaster/v1/worker.proto

import type { HostEventKind as _sysmaster_v1_HostEventKind, HostEventKind__Output as _sysmaster_v1_HostEventKind__Output } from '../../sysmaster/v1/HostEventKind';

/**
 * What a worker reports (ReportEvent).
 */
export interface HostEvent {
  /**
   * The unit the event concerns.
   */
  'unit'?: (string);
  /**
   * What kind of event it is.
   */
  'kind'?: (_sysmaster_v1_HostEventKind);
  /**
   * A sentence for the log.
   */
  'message'?: (string);
  /**
   * Structured fields, e.g. the notify assignments.
   */
  'fields'?: ({[key: string]: string});
}

/**
 * What a worker reports (ReportEvent).
 */
export interface HostEvent__Output {
  /**
   * The unit the event concerns.
   */
  'unit': (string);
  /**
   * What kind of event it is.
   */
  'kind': (_sysmaster_v1_HostEventKind__Output);
  /**
   * A sentence for the log.
   */
  'message': (string);
  /**
   * Structured fields, e.g. the notify assignments.
   */
  'fields': ({[key: string]: string});
}
