// Original file: protos/sysmaster/v1/manager.proto

import type { UnitSummary as _sysmaster_v1_UnitSummary, UnitSummary__Output as _sysmaster_v1_UnitSummary__Output } from '../../sysmaster/v1/UnitSummary';

/**
 * What ListUnits answers.
 */
export interface ListUnitsResponse {
  /**
   * The matching units, sorted by name.
   */
  'units'?: (_sysmaster_v1_UnitSummary)[];
}

/**
 * What ListUnits answers.
 */
export interface ListUnitsResponse__Output {
  /**
   * The matching units, sorted by name.
   */
  'units': (_sysmaster_v1_UnitSummary__Output)[];
}
