// Original file: protos/sysmaster/v1/common.proto

import type { Long } from '@grpc/proto-loader';

export interface UnitStatus {
  'name'?: (string);
  'active_state'?: (string);
  'sub_state'?: (string);
  'result'?: (string);
  'main_pid'?: (number);
  'control_pid'?: (number);
  'exit_code'?: (string);
  'exit_status'?: (number);
  'inactive_exit_usec'?: (number | string | Long);
  'active_enter_usec'?: (number | string | Long);
  'active_exit_usec'?: (number | string | Long);
  'inactive_enter_usec'?: (number | string | Long);
  'state_change_usec'?: (number | string | Long);
  'cgroup'?: (string);
  'status_text'?: (string);
  'restarts'?: (number);
  'log_path'?: (string);
  'spontaneous'?: (boolean);
}

export interface UnitStatus__Output {
  'name': (string);
  'active_state': (string);
  'sub_state': (string);
  'result': (string);
  'main_pid': (number);
  'control_pid': (number);
  'exit_code': (string);
  'exit_status': (number);
  'inactive_exit_usec': (number);
  'active_enter_usec': (number);
  'active_exit_usec': (number);
  'inactive_enter_usec': (number);
  'state_change_usec': (number);
  'cgroup': (string);
  'status_text': (string);
  'restarts': (number);
  'log_path': (string);
  'spontaneous': (boolean);
}
