// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFile as _sysmaster_v1_UnitFile, UnitFile__Output as _sysmaster_v1_UnitFile__Output } from '../../sysmaster/v1/UnitFile';

export interface ListUnitFilesResponse {
  'files'?: (_sysmaster_v1_UnitFile)[];
}

export interface ListUnitFilesResponse__Output {
  'files': (_sysmaster_v1_UnitFile__Output)[];
}
