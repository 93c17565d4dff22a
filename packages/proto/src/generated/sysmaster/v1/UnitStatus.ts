// Original file: protos/sysmaster/v1/common.proto

import type { ActiveState as _sysmaster_v1_ActiveState, ActiveState__Output as _sysmaster_v1_ActiveState__Output } from '../../sysmaster/v1/ActiveState';
import type { TypeCondition as _sysmaster_v1_TypeCondition, TypeCondition__Output as _sysmaster_v1_TypeCondition__Output } from '../../sysmaster/v1/TypeCondition';
import type { Long } from '@grpc/proto-loader';

/**
 * The runtime state of one unit as a worker reports it.
 */
export interface UnitStatus {
  /**
   * The unit's full name, e.g. "sshd.service".
   */
  'name'?: (string);
  /**
   * The generic state; see ActiveState.
   */
  'active_state'?: (_sysmaster_v1_ActiveState);
  /**
   * The type's own sub-state, e.g. "running", "start-pre", "auto-restart", "dead".
   */
  'sub_state'?: (string);
  /**
   * The result of the last run: success, exit-code, signal, core-dump, timeout, watchdog,
   * start-limit-hit, resources, protocol, exec-condition, ….
   */
  'result'?: (string);
  /**
   * The main process, 0 when there is none.
   */
  'main_pid'?: (number);
  /**
   * The process of the current Exec*Pre/Post/Reload/Stop command, 0 when there is none.
   */
  'control_pid'?: (number);
  /**
   * How the last main process ended: "exited", "killed", "dumped" or "" when it has not.
   */
  'exit_code'?: (string);
  /**
   * The exit status (for "exited") or signal number (for "killed"/"dumped").
   */
  'exit_status'?: (number);
  /**
   * When the unit last left inactive or failed, i.e. entered activating (usec, realtime).
   */
  'inactive_exit_usec'?: (number | string | Long);
  /**
   * When the unit last entered active (usec, realtime).
   */
  'active_enter_usec'?: (number | string | Long);
  /**
   * When the unit last left active, i.e. entered deactivating (usec, realtime).
   */
  'active_exit_usec'?: (number | string | Long);
  /**
   * When the unit last entered inactive or failed (usec, realtime).
   */
  'inactive_enter_usec'?: (number | string | Long);
  /**
   * When active_state or sub_state last changed (usec, realtime).
   */
  'state_change_usec'?: (number | string | Long);
  /**
   * The unit's cgroup path relative to the hierarchy root, e.g. "/system.slice/sshd.service",
   * "" when the type has none.
   */
  'cgroup'?: (string);
  /**
   * Free text from the unit (sd_notify STATUS=…), "" when none.
   */
  'status_text'?: (string);
  /**
   * How many times the unit has been restarted automatically since it was last started by a job.
   */
  'restarts'?: (number);
  /**
   * Where the unit's standard output and error are written, "" when nowhere.
   */
  'log_path'?: (string);
  /**
   * True when the state change was caused by the worker itself (a crash, an automatic restart),
   * false when it is the consequence of a Start/Stop/Reload request.
   */
  'spontaneous'?: (boolean);
  /**
   * True when the cgroup counters below were read (the unit has a cgroup and the kernel has
   * the files); false means unknown, not zero.
   */
  'accounting'?: (boolean);
  /**
   * Processes and threads in the unit's cgroup (pids.current, else a count of cgroup.threads).
   */
  'tasks_current'?: (number | string | Long);
  /**
   * Memory of the unit's cgroup in bytes (memory.current), 0 when the controller is absent.
   */
  'memory_current'?: (number | string | Long);
  /**
   * CPU time of the unit's cgroup in nanoseconds (cpu.stat usage_usec × 1000).
   */
  'cpu_usage_nsec'?: (number | string | Long);
  /**
   * Sentences about settings that could not be applied, e.g. "MemoryMax=1G is not enforced:
   * the memory controller is not available", shown by `sctl status`.
   */
  'notices'?: (string)[];
  /**
   * The errno a service reported with sd_notify ERRNO=, 0 when none.
   */
  'status_errno'?: (number);
  /**
   * The 128-bit id of the current run (32 hex characters), "" when the unit never ran.
   */
  'invocation_id'?: (string);
  /**
   * The process that was the main process of the last run (kept after it exited), 0 when none.
   */
  'exec_main_pid'?: (number);
  /**
   * active_enter_usec on CLOCK_MONOTONIC (microseconds, 0 means never), so ordering survives
   * wall-clock steps.
   */
  'active_enter_monotonic_usec'?: (number | string | Long);
  /**
   * inactive_exit_usec on CLOCK_MONOTONIC (microseconds, 0 means never).
   */
  'inactive_exit_monotonic_usec'?: (number | string | Long);
  /**
   * systemd property names to printable values that change while the unit runs, e.g. a timer's
   * NextElapseUSecRealtime; `sctl show` merges them with Load's properties.
   */
  'runtime_properties'?: ({[key: string]: string});
  /**
   * The outcome of the check the type makes itself before a start (a service's ExecCondition=),
   * which the core shows with the unit's Condition*= checks: in ConditionResult= and `sctl status`.
   */
  'type_condition'?: (_sysmaster_v1_TypeCondition | null);
}

/**
 * The runtime state of one unit as a worker reports it.
 */
export interface UnitStatus__Output {
  /**
   * The unit's full name, e.g. "sshd.service".
   */
  'name': (string);
  /**
   * The generic state; see ActiveState.
   */
  'active_state': (_sysmaster_v1_ActiveState__Output);
  /**
   * The type's own sub-state, e.g. "running", "start-pre", "auto-restart", "dead".
   */
  'sub_state': (string);
  /**
   * The result of the last run: success, exit-code, signal, core-dump, timeout, watchdog,
   * start-limit-hit, resources, protocol, exec-condition, ….
   */
  'result': (string);
  /**
   * The main process, 0 when there is none.
   */
  'main_pid': (number);
  /**
   * The process of the current Exec*Pre/Post/Reload/Stop command, 0 when there is none.
   */
  'control_pid': (number);
  /**
   * How the last main process ended: "exited", "killed", "dumped" or "" when it has not.
   */
  'exit_code': (string);
  /**
   * The exit status (for "exited") or signal number (for "killed"/"dumped").
   */
  'exit_status': (number);
  /**
   * When the unit last left inactive or failed, i.e. entered activating (usec, realtime).
   */
  'inactive_exit_usec': (number);
  /**
   * When the unit last entered active (usec, realtime).
   */
  'active_enter_usec': (number);
  /**
   * When the unit last left active, i.e. entered deactivating (usec, realtime).
   */
  'active_exit_usec': (number);
  /**
   * When the unit last entered inactive or failed (usec, realtime).
   */
  'inactive_enter_usec': (number);
  /**
   * When active_state or sub_state last changed (usec, realtime).
   */
  'state_change_usec': (number);
  /**
   * The unit's cgroup path relative to the hierarchy root, e.g. "/system.slice/sshd.service",
   * "" when the type has none.
   */
  'cgroup': (string);
  /**
   * Free text from the unit (sd_notify STATUS=…), "" when none.
   */
  'status_text': (string);
  /**
   * How many times the unit has been restarted automatically since it was last started by a job.
   */
  'restarts': (number);
  /**
   * Where the unit's standard output and error are written, "" when nowhere.
   */
  'log_path': (string);
  /**
   * True when the state change was caused by the worker itself (a crash, an automatic restart),
   * false when it is the consequence of a Start/Stop/Reload request.
   */
  'spontaneous': (boolean);
  /**
   * True when the cgroup counters below were read (the unit has a cgroup and the kernel has
   * the files); false means unknown, not zero.
   */
  'accounting': (boolean);
  /**
   * Processes and threads in the unit's cgroup (pids.current, else a count of cgroup.threads).
   */
  'tasks_current': (number);
  /**
   * Memory of the unit's cgroup in bytes (memory.current), 0 when the controller is absent.
   */
  'memory_current': (number);
  /**
   * CPU time of the unit's cgroup in nanoseconds (cpu.stat usage_usec × 1000).
   */
  'cpu_usage_nsec': (number);
  /**
   * Sentences about settings that could not be applied, e.g. "MemoryMax=1G is not enforced:
   * the memory controller is not available", shown by `sctl status`.
   */
  'notices': (string)[];
  /**
   * The errno a service reported with sd_notify ERRNO=, 0 when none.
   */
  'status_errno': (number);
  /**
   * The 128-bit id of the current run (32 hex characters), "" when the unit never ran.
   */
  'invocation_id': (string);
  /**
   * The process that was the main process of the last run (kept after it exited), 0 when none.
   */
  'exec_main_pid': (number);
  /**
   * active_enter_usec on CLOCK_MONOTONIC (microseconds, 0 means never), so ordering survives
   * wall-clock steps.
   */
  'active_enter_monotonic_usec': (number);
  /**
   * inactive_exit_usec on CLOCK_MONOTONIC (microseconds, 0 means never).
   */
  'inactive_exit_monotonic_usec': (number);
  /**
   * systemd property names to printable values that change while the unit runs, e.g. a timer's
   * NextElapseUSecRealtime; `sctl show` merges them with Load's properties.
   */
  'runtime_properties': ({[key: string]: string});
  /**
   * The outcome of the check the type makes itself before a start (a service's ExecCondition=),
   * which the core shows with the unit's Condition*= checks: in ConditionResult= and `sctl status`.
   */
  'type_condition': (_sysmaster_v1_TypeCondition__Output | null);
}
