// Original file: protos/sysmaster/v1/manager.proto

import type { KillWhom as _sysmaster_v1_KillWhom, KillWhom__Output as _sysmaster_v1_KillWhom__Output } from '../../sysmaster/v1/KillWhom';

/**
 * The units KillUnits signals, and how.
 */
export interface KillUnitsRequest {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names'?: (string)[];
  /**
   * The signal number; 0 means SIGTERM.
   */
  'signal'?: (number);
  /**
   * Whom to signal; all processes of the unit when not set.
   */
  'whom'?: (_sysmaster_v1_KillWhom);
}

/**
 * The units KillUnits signals, and how.
 */
export interface KillUnitsRequest__Output {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names': (string)[];
  /**
   * The signal number; 0 means SIGTERM.
   */
  'signal': (number);
  /**
   * Whom to signal; all processes of the unit when not set.
   */
  'whom': (_sysmaster_v1_KillWhom__Output);
}
