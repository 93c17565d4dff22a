// Original file: protos/sysmaster/v1/manager.proto

import type { ManagerProcess as _sysmaster_v1_ManagerProcess, ManagerProcess__Output as _sysmaster_v1_ManagerProcess__Output } from '../../sysmaster/v1/ManagerProcess';

/**
 * The manager's processes, init first, then the core, then the workers by type.
 */
export interface ManagerProcessesResponse {
  /**
   * One entry per process, in that order.
   */
  'processes'?: (_sysmaster_v1_ManagerProcess)[];
}

/**
 * The manager's processes, init first, then the core, then the workers by type.
 */
export interface ManagerProcessesResponse__Output {
  /**
   * One entry per process, in that order.
   */
  'processes': (_sysmaster_v1_ManagerProcess__Output)[];
}
