// Original file: protos/sysmaster/v1/manager.proto

import type { ActiveState as _sysmaster_v1_ActiveState, ActiveState__Output as _sysmaster_v1_ActiveState__Output } from '../../sysmaster/v1/ActiveState';

/**
 * One line of `sctl list-units`.
 */
export interface UnitSummary {
  /**
   * The unit's full name.
   */
  'name'?: (string);
  /**
   * Description= of its [Unit] section.
   */
  'description'?: (string);
  /**
   * loaded, not-found, bad-setting, error, masked.
   */
  'load_state'?: (string);
  /**
   * The generic state the worker reports.
   */
  'active_state'?: (_sysmaster_v1_ActiveState);
  /**
   * The type's own sub-state, e.g. "running".
   */
  'sub_state'?: (string);
  /**
   * The id of the unit's queued job, 0 when none.
   */
  'job_id'?: (number);
  /**
   * The type of that job ("start", "stop", …), "" when none.
   */
  'job_type'?: (string);
}

/**
 * One line of `sctl list-units`.
 */
export interface UnitSummary__Output {
  /**
   * The unit's full name.
   */
  'name': (string);
  /**
   * Description= of its [Unit] section.
   */
  'description': (string);
  /**
   * loaded, not-found, bad-setting, error, masked.
   */
  'load_state': (string);
  /**
   * The generic state the worker reports.
   */
  'active_state': (_sysmaster_v1_ActiveState__Output);
  /**
   * The type's own sub-state, e.g. "running".
   */
  'sub_state': (string);
  /**
   * The id of the unit's queued job, 0 when none.
   */
  'job_id': (number);
  /**
   * The type of that job ("start", "stop", …), "" when none.
   */
  'job_type': (string);
}
