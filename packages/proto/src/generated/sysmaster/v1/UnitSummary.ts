// Original file: protos/sysmaster/v1/manager.proto

import type { ActiveState as _sysmaster_v1_ActiveState, ActiveState__Output as _sysmaster_v1_ActiveState__Output } from '../../sysmaster/v1/ActiveState';

export interface UnitSummary {
  'name'?: (string);
  'description'?: (string);
  'load_state'?: (string);
  'active_state'?: (_sysmaster_v1_ActiveState);
  'sub_state'?: (string);
  /**
   * The id of the unit's queued job, 0 when none.
   */
  'job_id'?: (number);
  'job_type'?: (string);
}

export interface UnitSummary__Output {
  'name': (string);
  'description': (string);
  'load_state': (string);
  'active_state': (_sysmaster_v1_ActiveState__Output);
  'sub_state': (string);
  /**
   * The id of the unit's queued job, 0 when none.
   */
  'job_id': (number);
  'job_type': (string);
}
