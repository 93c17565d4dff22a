// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileText as _sysmaster_v1_UnitFileText, UnitFileText__Output as _sysmaster_v1_UnitFileText__Output } from '../../sysmaster/v1/UnitFileText';

/**
 * What CatUnit answers.
 */
export interface CatUnitResponse {
  /**
   * The fragment first, then the drop-ins in the order they apply.
   */
  'files'?: (_sysmaster_v1_UnitFileText)[];
  /**
   * True when the files differ from what the manager has loaded (daemon-reload needed).
   */
  'need_daemon_reload'?: (boolean);
}

/**
 * What CatUnit answers.
 */
export interface CatUnitResponse__Output {
  /**
   * The fragment first, then the drop-ins in the order they apply.
   */
  'files': (_sysmaster_v1_UnitFileText__Output)[];
  /**
   * True when the files differ from what the manager has loaded (daemon-reload needed).
   */
  'need_daemon_reload': (boolean);
}
