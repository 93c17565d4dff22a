// Original file: protos/sysmaster/v1/manager.proto

import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from '../../sysmaster/v1/ConfigError';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { Process as _sysmaster_v1_Process, Process__Output as _sysmaster_v1_Process__Output } from '../../sysmaster/v1/Process';
import type { UnitNames as _sysmaster_v1_UnitNames, UnitNames__Output as _sysmaster_v1_UnitNames__Output } from '../../sysmaster/v1/UnitNames';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';
import type { ConditionResult as _sysmaster_v1_ConditionResult, ConditionResult__Output as _sysmaster_v1_ConditionResult__Output } from '../../sysmaster/v1/ConditionResult';

export interface UnitInfo {
  'name'?: (string);
  'description'?: (string);
  'load_state'?: (string);
  'load_errors'?: (_sysmaster_v1_ConfigError)[];
  'fragment_path'?: (string);
  'dropin_paths'?: (string)[];
  'unit_file_state'?: (string);
  'status'?: (_sysmaster_v1_UnitStatus | null);
  'processes'?: (_sysmaster_v1_Process)[];
  'log_lines'?: (string)[];
  'dependencies'?: ({[key: string]: _sysmaster_v1_UnitNames});
  'properties'?: ({[key: string]: string});
  'documentation'?: (string)[];
  'job'?: (_sysmaster_v1_Job | null);
  'conditions'?: (_sysmaster_v1_ConditionResult | null);
  'asserts'?: (_sysmaster_v1_ConditionResult | null);
  'need_daemon_reload'?: (boolean);
}

export interface UnitInfo__Output {
  'name': (string);
  'description': (string);
  'load_state': (string);
  'load_errors': (_sysmaster_v1_ConfigError__Output)[];
  'fragment_path': (string);
  'dropin_paths': (string)[];
  'unit_file_state': (string);
  'status': (_sysmaster_v1_UnitStatus__Output | null);
  'processes': (_sysmaster_v1_Process__Output)[];
  'log_lines': (string)[];
  'dependencies': ({[key: string]: _sysmaster_v1_UnitNames__Output});
  'properties': ({[key: string]: string});
  'documentation': (string)[];
  'job': (_sysmaster_v1_Job__Output | null);
  'conditions': (_sysmaster_v1_ConditionResult__Output | null);
  'asserts': (_sysmaster_v1_ConditionResult__Output | null);
  'need_daemon_reload': (boolean);
}
