// Replies of the Manager API as sctl receives them, for the formatting tests: a unit that is
// inactive (dead) and static unless the test patches it.
import type { UnitInfo__Output, UnitStatus__Output } from '@sysmaster/proto';

function unitStatus(patch: Partial<UnitStatus__Output> = {}): UnitStatus__Output {
  return {
    name: 'foo.service', active_state: 'inactive', sub_state: 'dead', result: 'success', main_pid: 0, control_pid: 0,
    exit_code: '', exit_status: 0, inactive_exit_usec: 0, active_enter_usec: 0, active_exit_usec: 0, inactive_enter_usec: 0,
    state_change_usec: 0, cgroup: '', status_text: '', restarts: 0, log_path: '', spontaneous: false,
    accounting: false, tasks_current: 0, memory_current: 0, cpu_usage_nsec: 0, notices: [], status_errno: 0, invocation_id: '',
    exec_main_pid: 0, active_enter_monotonic_usec: 0, inactive_exit_monotonic_usec: 0, runtime_properties: {}, type_condition: null, ...patch,
  };
}

export function unitInfo(patch: Partial<UnitInfo__Output> = {}, statusPatch: Partial<UnitStatus__Output> = {}): UnitInfo__Output {
  return {
    name: 'foo.service', description: 'Foo daemon', load_state: 'loaded', load_errors: [],
    fragment_path: '/etc/sysmaster/system/foo.service', dropin_paths: [], unit_file_state: 'static',
    status: unitStatus(statusPatch), processes: [], log_lines: [], dependencies: {}, properties: {}, documentation: [], job: null,
    conditions: null, asserts: null, need_daemon_reload: false, ...patch,
  };
}
