// Original file: protos/sysmaster/v1/manager.proto

import type { UnitSummary as _sysmaster_v1_UnitSummary, UnitSummary__Output as _sysmaster_v1_UnitSummary__Output } from '../../sysmaster/v1/UnitSummary';

export interface ListUnitsResponse {
  'units'?: (_sysmaster_v1_UnitSummary)[];
}

export interface ListUnitsResponse__Output {
  'units': (_sysmaster_v1_UnitSummary__Output)[];
}
