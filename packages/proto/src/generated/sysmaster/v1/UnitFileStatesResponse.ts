// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileState as _sysmaster_v1_UnitFileState, UnitFileState__Output as _sysmaster_v1_UnitFileState__Output } from '../../sysmaster/v1/UnitFileState';

/**
 * What GetUnitFileState answers.
 */
export interface UnitFileStatesResponse {
  /**
   * One per name asked for, in the same order.
   */
  'states'?: (_sysmaster_v1_UnitFileState)[];
}

/**
 * What GetUnitFileState answers.
 */
export interface UnitFileStatesResponse__Output {
  /**
   * One per name asked for, in the same order.
   */
  'states': (_sysmaster_v1_UnitFileState__Output)[];
}
