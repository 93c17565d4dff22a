// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileText as _sysmaster_v1_UnitFileText, UnitFileText__Output as _sysmaster_v1_UnitFileText__Output } from '../../sysmaster/v1/UnitFileText';

export interface CatUnitResponse {
  'files'?: (_sysmaster_v1_UnitFileText)[];
  'need_daemon_reload'?: (boolean);
}

export interface CatUnitResponse__Output {
  'files': (_sysmaster_v1_UnitFileText__Output)[];
  'need_daemon_reload': (boolean);
}
