// Original file: protos/sysmaster/v1/worker.proto

import type { KillWhom as _sysmaster_v1_KillWhom, KillWhom__Output as _sysmaster_v1_KillWhom__Output } from '../../sysmaster/v1/KillWhom';

/**
 * Whom Kill signals, and with what.
 */
export interface KillRequest {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * The signal number to send, 1 to 64.
   */
  'signal'?: (number);
  /**
   * Whom to signal.
   */
  'whom'?: (_sysmaster_v1_KillWhom);
}

/**
 * Whom Kill signals, and with what.
 */
export interface KillRequest__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * The signal number to send, 1 to 64.
   */
  'signal': (number);
  /**
   * Whom to signal.
   */
  'whom': (_sysmaster_v1_KillWhom__Output);
}
