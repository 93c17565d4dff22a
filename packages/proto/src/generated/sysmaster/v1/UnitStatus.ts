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
  'accounting'?: (boolean);
  'tasks_current'?: (number | string | Long);
  'memory_current'?: (number | string | Long);
  'cpu_usage_nsec'?: (number | string | Long);
  'notices'?: (string)[];
  'status_errno'?: (number);
  'invocation_id'?: (string);
  'exec_main_pid'?: (number);
  'active_enter_monotonic_usec'?: (number | string | Long);
  'inactive_exit_monotonic_usec'?: (number | string | Long);
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
  'accounting': (boolean);
  'tasks_current': (number);
  'memory_current': (number);
  'cpu_usage_nsec': (number);
  'notices': (string)[];
  'status_errno': (number);
  'invocation_id': (string);
  'exec_main_pid': (number);
  'active_enter_monotonic_usec': (number);
  'inactive_exit_monotonic_usec': (number);
}
