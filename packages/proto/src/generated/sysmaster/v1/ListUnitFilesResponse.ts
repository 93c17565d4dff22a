// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFile as _sysmaster_v1_UnitFile, UnitFile__Output as _sysmaster_v1_UnitFile__Output } from '../../sysmaster/v1/UnitFile';

/**
 * What ListUnitFiles answers.
 */
export interface ListUnitFilesResponse {
  /**
   * The matching unit files.
   */
  'files'?: (_sysmaster_v1_UnitFile)[];
}

/**
 * What ListUnitFiles answers.
 */
export interface ListUnitFilesResponse__Output {
  /**
   * The matching unit files.
   */
  'files': (_sysmaster_v1_UnitFile__Output)[];
}
