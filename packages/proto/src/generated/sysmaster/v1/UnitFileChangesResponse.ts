// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileChange as _sysmaster_v1_UnitFileChange, UnitFileChange__Output as _sysmaster_v1_UnitFileChange__Output } from '../../sysmaster/v1/UnitFileChange';

export interface UnitFileChangesResponse {
  'changes'?: (_sysmaster_v1_UnitFileChange)[];
}

export interface UnitFileChangesResponse__Output {
  'changes': (_sysmaster_v1_UnitFileChange__Output)[];
}
