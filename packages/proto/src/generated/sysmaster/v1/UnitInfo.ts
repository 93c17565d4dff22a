// Original file: protos/sysmaster/v1/manager.proto

import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from '../../sysmaster/v1/ConfigError';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { Process as _sysmaster_v1_Process, Process__Output as _sysmaster_v1_Process__Output } from '../../sysmaster/v1/Process';
import type { UnitNames as _sysmaster_v1_UnitNames, UnitNames__Output as _sysmaster_v1_UnitNames__Output } from '../../sysmaster/v1/UnitNames';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';
import type { ConditionResult as _sysmaster_v1_ConditionResult, ConditionResult__Output as _sysmaster_v1_ConditionResult__Output } from '../../sysmaster/v1/ConditionResult';

/**
 * Everything `sctl status` and `sctl show` print about a unit.
 */
export interface UnitInfo {
  /**
   * The unit's full name (an alias is resolved to it).
   */
  'name'?: (string);
  /**
   * Description= of its [Unit] section, "" when none.
   */
  'description'?: (string);
  /**
   * loaded, not-found, bad-setting, error, masked.
   */
  'load_state'?: (string);
  /**
   * For bad-setting/error/not-found: each problem, with its file and line.
   */
  'load_errors'?: (_sysmaster_v1_ConfigError)[];
  /**
   * The unit file, "" when none.
   */
  'fragment_path'?: (string);
  /**
   * The drop-in files merged into it, in the order applied.
   */
  'dropin_paths'?: (string)[];
  /**
   * enabled, disabled, static, masked, … ("" when unknown).
   */
  'unit_file_state'?: (string);
  /**
   * The runtime state as the worker reports it.
   */
  'status'?: (_sysmaster_v1_UnitStatus | null);
  /**
   * The processes of the unit's cgroup.
   */
  'processes'?: (_sysmaster_v1_Process)[];
  /**
   * The last lines of the unit's log, oldest first.
   */
  'log_lines'?: (string)[];
  /**
   * Dependencies by key ("Requires", "Wants", "After", …) to unit names.
   */
  'dependencies'?: ({[key: string]: _sysmaster_v1_UnitNames});
  /**
   * Every property, systemd names to printable values, for `sctl show`.
   */
  'properties'?: ({[key: string]: string});
  /**
   * The unit's documentation URLs.
   */
  'documentation'?: (string)[];
  /**
   * The job queued or running for the unit, if any.
   */
  'job'?: (_sysmaster_v1_Job | null);
  /**
   * The outcome of the unit's Condition* checks at its last start (see ConditionResult).
   */
  'conditions'?: (_sysmaster_v1_ConditionResult | null);
  /**
   * The outcome of the unit's Assert* checks at its last start.
   */
  'asserts'?: (_sysmaster_v1_ConditionResult | null);
  /**
   * True when the unit's files changed on disk since they were loaded (daemon-reload needed).
   */
  'need_daemon_reload'?: (boolean);
}

/**
 * Everything `sctl status` and `sctl show` print about a unit.
 */
export interface UnitInfo__Output {
  /**
   * The unit's full name (an alias is resolved to it).
   */
  'name': (string);
  /**
   * Description= of its [Unit] section, "" when none.
   */
  'description': (string);
  /**
   * loaded, not-found, bad-setting, error, masked.
   */
  'load_state': (string);
  /**
   * For bad-setting/error/not-found: each problem, with its file and line.
   */
  'load_errors': (_sysmaster_v1_ConfigError__Output)[];
  /**
   * The unit file, "" when none.
   */
  'fragment_path': (string);
  /**
   * The drop-in files merged into it, in the order applied.
   */
  'dropin_paths': (string)[];
  /**
   * enabled, disabled, static, masked, … ("" when unknown).
   */
  'unit_file_state': (string);
  /**
   * The runtime state as the worker reports it.
   */
  'status': (_sysmaster_v1_UnitStatus__Output | null);
  /**
   * The processes of the unit's cgroup.
   */
  'processes': (_sysmaster_v1_Process__Output)[];
  /**
   * The last lines of the unit's log, oldest first.
   */
  'log_lines': (string)[];
  /**
   * Dependencies by key ("Requires", "Wants", "After", …) to unit names.
   */
  'dependencies': ({[key: string]: _sysmaster_v1_UnitNames__Output});
  /**
   * Every property, systemd names to printable values, for `sctl show`.
   */
  'properties': ({[key: string]: string});
  /**
   * The unit's documentation URLs.
   */
  'documentation': (string)[];
  /**
   * The job queued or running for the unit, if any.
   */
  'job': (_sysmaster_v1_Job__Output | null);
  /**
   * The outcome of the unit's Condition* checks at its last start (see ConditionResult).
   */
  'conditions': (_sysmaster_v1_ConditionResult__Output | null);
  /**
   * The outcome of the unit's Assert* checks at its last start.
   */
  'asserts': (_sysmaster_v1_ConditionResult__Output | null);
  /**
   * True when the unit's files changed on disk since they were loaded (daemon-reload needed).
   */
  'need_daemon_reload': (boolean);
}
