// Original file: protos/sysmaster/v1/manager.proto

import type { CleanWhat as _sysmaster_v1_CleanWhat, CleanWhat__Output as _sysmaster_v1_CleanWhat__Output } from '../../sysmaster/v1/CleanWhat';

/**
 * CleanUnits: which units, and what of them.
 */
export interface CleanUnitsRequest {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names'?: (string)[];
  /**
   * What to remove from each.
   */
  'what'?: (_sysmaster_v1_CleanWhat | null);
}

/**
 * CleanUnits: which units, and what of them.
 */
export interface CleanUnitsRequest__Output {
  /**
   * Unit names as the user gave them; a name without a suffix means ".service".
   */
  'names': (string)[];
  /**
   * What to remove from each.
   */
  'what': (_sysmaster_v1_CleanWhat__Output | null);
}
