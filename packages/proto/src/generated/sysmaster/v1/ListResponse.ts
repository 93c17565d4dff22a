// Original file: protos/sysmaster/v1/worker.proto

import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';

/**
 * Every unit the worker holds (List).
 */
export interface ListResponse {
  /**
   * One entry per unit the worker holds, loaded or running.
   */
  'units'?: (_sysmaster_v1_UnitStatus)[];
}

/**
 * Every unit the worker holds (List).
 */
export interface ListResponse__Output {
  /**
   * One entry per unit the worker holds, loaded or running.
   */
  'units': (_sysmaster_v1_UnitStatus__Output)[];
}
