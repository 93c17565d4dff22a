// `sctl show UNIT`: every property as Key=Value, systemd's names first, then the unit type's own
// properties (UnitInfo.properties) in name order; -p keeps only the named ones.
import type { UnitInfo__Output } from '@sysmaster/proto';
import { formatTimespan, parseTimespan } from '@sysmaster/unit-file';
import { formatTimestamp } from './time';

/** Keys that hold a time span: systemd's *USec properties, and *Sec ones (not *NSec counters). */
const SPAN_KEY = /(?:USec|[^N]Sec)$/;

/**
 * Every time span `sctl show` prints goes through here, whoever produced it (the core, or a
 * worker's properties, which may send microseconds as a bare number or a span already written):
 * one format, systemd's format_timespan() at full accuracy ("1min 30s", "100ms", "0",
 * "infinity"). A bare number counts microseconds under a *USec key and seconds under a *Sec key;
 * a value that is not a span (or is empty) is printed as it came.
 */
function showSpan(key: string, value: string): string {
  if (!SPAN_KEY.test(key) || value.trim() === '') return value;
  try {
    return formatTimespan(parseTimespan(value, key.endsWith('USec') ? 'us' : 's'));
  } catch {
    return value;
  }
}

/**
 * CLOCK_MONOTONIC microseconds of a realtime timestamp. Workers report realtime only; the offset
 * between the two clocks is read now, so the value is exact unless the wall clock was stepped
 * since the event (as systemd's *Monotonic properties, 0 means never).
 */
function monotonic(realtimeUsec: number | undefined): number {
  if (!realtimeUsec) return 0;
  const monoNow = Number(process.hrtime.bigint() / 1000n);
  const realNow = Date.now() * 1000;
  return Math.max(0, realtimeUsec - (realNow - monoNow));
}

/** ConditionResult=/AssertResult=: "yes" when the checks passed, "no" otherwise (or never ran). */
function yesNo(result: UnitInfo__Output['conditions']): string {
  return result?.checked && result.passed ? 'yes' : 'no';
}

export function unitProperties(info: UnitInfo__Output, timeZone?: string): Array<[string, string]> {
  const s = info.status;
  const ts = (usec: number | undefined): string => formatTimestamp(usec ?? 0, timeZone);
  const out: Array<[string, string]> = [
    ['Id', info.name],
    ['Description', info.description],
    ['LoadState', info.load_state],
    ['ActiveState', s?.active_state ?? 'inactive'],
    ['SubState', s?.sub_state ?? 'dead'],
    ['Result', s?.result ?? ''],
    ['FragmentPath', info.fragment_path],
    ['DropInPaths', info.dropin_paths.join(' ')],
    ['UnitFileState', info.unit_file_state],
    ['Documentation', info.documentation.join(' ')],
    ['MainPID', String(s?.main_pid ?? 0)],
    ['ControlPID', String(s?.control_pid ?? 0)],
    ['ExecMainCode', s?.exit_code ?? ''],
    ['ExecMainStatus', String(s?.exit_status ?? 0)],
    ['ControlGroup', s?.cgroup ?? ''],
    ['StatusText', s?.status_text ?? ''],
    ['NRestarts', String(s?.restarts ?? 0)],
    ['InactiveExitTimestamp', ts(s?.inactive_exit_usec)],
    ['ActiveEnterTimestamp', ts(s?.active_enter_usec)],
    ['ActiveExitTimestamp', ts(s?.active_exit_usec)],
    ['InactiveEnterTimestamp', ts(s?.inactive_enter_usec)],
    ['StateChangeTimestamp', ts(s?.state_change_usec)],
    ['InactiveExitTimestampMonotonic', String(s?.inactive_exit_monotonic_usec || monotonic(s?.inactive_exit_usec))],
    ['ActiveEnterTimestampMonotonic', String(s?.active_enter_monotonic_usec || monotonic(s?.active_enter_usec))],
    ['ActiveExitTimestampMonotonic', String(monotonic(s?.active_exit_usec))],
    ['InactiveEnterTimestampMonotonic', String(monotonic(s?.inactive_enter_usec))],
    ['Job', info.job ? String(info.job.id) : ''],
    ['ExecMainPID', String(s?.exec_main_pid ?? 0)],
    ['InvocationID', s?.invocation_id ?? ''],
    ['StatusErrno', String(s?.status_errno ?? 0)],
    // systemd prints "[not set]" for a counter it could not read.
    ['TasksCurrent', s?.accounting ? String(s.tasks_current) : '[not set]'],
    ['MemoryCurrent', s?.accounting && s.memory_current > 0 ? String(s.memory_current) : '[not set]'],
    ['CPUUsageNSec', s?.accounting ? String(s.cpu_usage_nsec) : '[not set]'],
    ['ConditionResult', yesNo(info.conditions)],
    ['ConditionTimestamp', ts(info.conditions?.timestamp_usec)],
    ['AssertResult', yesNo(info.asserts)],
    ['AssertTimestamp', ts(info.asserts?.timestamp_usec)],
    ['NeedDaemonReload', info.need_daemon_reload ? 'yes' : 'no'],
  ];
  if (info.load_errors.length > 0) {
    const e = info.load_errors[0]!;
    out.push(['LoadError', `${e.file}${e.line ? `:${e.line}` : ''}: ${e.key ? `${e.key}: ` : ''}${e.message}`]);
  }
  for (const key of Object.keys(info.dependencies).sort()) out.push([key, info.dependencies[key]?.names.join(' ') ?? '']);
  const known = new Set(out.map(([key]) => key));
  for (const key of Object.keys(info.properties).sort()) {
    if (!known.has(key)) out.push([key, showSpan(key, info.properties[key] ?? '')]);
  }
  return out;
}

export function formatShow(info: UnitInfo__Output, only: string[], options: { timeZone?: string; valueOnly?: boolean } = {}): string {
  const rows = unitProperties(info, options.timeZone).filter(([key]) => only.length === 0 || only.includes(key));
  return rows.map(([key, value]) => (options.valueOnly ? `${value}\n` : `${key}=${value}\n`)).join('');
}
