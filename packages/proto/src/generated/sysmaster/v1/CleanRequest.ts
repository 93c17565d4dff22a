// Original file: protos/sysmaster/v1/worker.proto

import type { CleanWhat as _sysmaster_v1_CleanWhat, CleanWhat__Output as _sysmaster_v1_CleanWhat__Output } from '../../sysmaster/v1/CleanWhat';

/**
 * Clean: the unit and what to remove.
 */
export interface CleanRequest {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * What to remove; nothing is removed when no flag is set.
   */
  'what'?: (_sysmaster_v1_CleanWhat | null);
}

/**
 * Clean: the unit and what to remove.
 */
export interface CleanRequest__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * What to remove; nothing is removed when no flag is set.
   */
  'what': (_sysmaster_v1_CleanWhat__Output | null);
}
