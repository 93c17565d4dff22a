// `sctl status UNIT` in systemctl's layout: a bullet line, then right-aligned labels (Loaded,
// Active, Docs, Main PID, Status, CGroup with its process tree), then the last log lines.
import os from 'node:os';
import path from 'node:path';
import type { ManagerProcess__Output, Process__Output, UnitInfo__Output } from '@sysmaster/proto';
import type { Painter } from './colors';
import { plain, stateColor } from './colors';
import { listenEntries } from './listen';
import { formatAgo, formatTimestamp } from './time';
import { formatBytes, formatSpan } from './units';

export interface StatusStyle {
  now: number;
  paint?: Painter;
  timeZone?: string;
}

/** The column where values start: labels are right-aligned to 11 characters plus ": ". */
const INDENT = ' '.repeat(13);

function label(name: string, value: string): string {
  return `${name.padStart(11)}: ${value}`;
}

/** systemd's names for the exit statuses of LSB and its own 200+ codes. */
const EXIT_STATUS_NAMES: Record<number, string> = {
  0: 'SUCCESS', 1: 'FAILURE', 2: 'INVALIDARGUMENT', 3: 'NOTIMPLEMENTED', 4: 'NOPERMISSION', 5: 'NOTINSTALLED',
  6: 'NOTCONFIGURED', 7: 'NOTRUNNING', 200: 'CHDIR', 203: 'EXEC', 209: 'STDOUT', 217: 'USER', 226: 'NAMESPACE',
};

function signalName(signal: number): string {
  const entry = Object.entries(os.constants.signals).find(([, n]) => n === signal);
  return entry ? entry[0].replace(/^SIG/, '') : String(signal);
}

/** "code=exited, status=1/FAILURE" or "code=killed, signal=TERM". */
export function formatExit(exitCode: string, exitStatus: number): string {
  if (exitCode === 'exited') {
    const name = EXIT_STATUS_NAMES[exitStatus];
    return `code=exited, status=${exitStatus}${name ? `/${name}` : ''}`;
  }
  return `code=${exitCode}, signal=${signalName(exitStatus)}`;
}

/** The timestamp systemctl shows after "since" for each active state. */
function sinceUsec(info: UnitInfo__Output): number {
  const s = info.status;
  if (!s) return 0;
  switch (s.active_state) {
    case 'active': case 'reloading': return s.active_enter_usec;
    case 'activating': return s.inactive_exit_usec;
    case 'deactivating': return s.active_exit_usec;
    default: return s.inactive_enter_usec;
  }
}

function loadedLine(info: UnitInfo__Output): string[] {
  const reasons: Record<string, string> = {
    'not-found': `Unit ${info.name} not found.`,
    'bad-setting': `Unit ${info.name} has a bad unit file setting.`,
    'error': `Unit ${info.name} failed to load properly.`,
    'masked': `Unit ${info.name} is masked.`,
  };
  const reason = reasons[info.load_state];
  if (reason !== undefined) {
    const errors = info.load_errors.map((e) => {
      const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
      return `${INDENT}${where}${e.key ? `${e.key}: ` : ''}${e.message}`;
    });
    return [label('Loaded', `${info.load_state} (Reason: ${reason})`), ...errors];
  }
  const preset = info.properties.UnitFilePreset;
  const details = [info.fragment_path, info.unit_file_state, info.unit_file_state && preset ? `vendor preset: ${preset}` : ''].filter((d) => d !== '');
  return [label('Loaded', details.length > 0 ? `${info.load_state} (${details.join('; ')})` : info.load_state)];
}

function dropInLines(paths: string[]): string[] {
  const byDir = new Map<string, string[]>();
  for (const p of paths) {
    const dir = path.dirname(p);
    byDir.set(dir, [...(byDir.get(dir) ?? []), path.basename(p)]);
  }
  const out: string[] = [];
  let first = true;
  for (const [dir, files] of byDir) {
    out.push(first ? label('Drop-In', dir) : `${INDENT}${dir}`);
    out.push(`${INDENT}└─${files.join(', ')}`);
    first = false;
  }
  return out;
}

function commandName(processes: Process__Output[], pid: number): string | null {
  const command = processes.find((p) => p.pid === pid)?.command;
  if (!command) return null;
  return path.basename(command.split(' ')[0] ?? command);
}

function errnoName(errno: number): string {
  const entry = Object.entries(os.constants.errno).find(([, n]) => n === errno);
  return entry ? entry[0] : 'unknown error';
}

/** "Condition: start condition failed at …; 5s ago" and the failed checks, when the last check failed. */
function conditionLines(info: UnitInfo__Output, style: StatusStyle): string[] {
  const out: string[] = [];
  for (const [name, result, what] of [['Condition', info.conditions, 'condition'], ['Assert', info.asserts, 'assertion']] as const) {
    if (!result?.checked || result.passed) continue;
    const at = result.timestamp_usec ? ` at ${formatTimestamp(result.timestamp_usec, style.timeZone)}; ${formatAgo(result.timestamp_usec, style.now)}` : '';
    out.push(label(name, `start ${what} failed${at}`));
    for (const failure of result.failures) out.push(`${INDENT}└─ ${failure}`);
  }
  return out;
}

/**
 * systemctl's lines of a socket: "Listen: ADDRESS (Kind)", one per Listen property entry (the
 * worker joins them with spaces), and for Accept=yes "Accepted: N; Connected: M;" (and
 * "Refused: K" when some were).
 */
function socketLines(info: UnitInfo__Output): string[] {
  const out: string[] = [];
  listenEntries(info.properties.Listen ?? '').forEach(({ address, kind }, i) => {
    const entry = kind === '' ? address : `${address} (${kind})`;
    out.push(i === 0 ? label('Listen', entry) : `${INDENT}${entry}`);
  });
  const counts = info.status?.runtime_properties ?? {};
  if (counts.NAccepted !== undefined) {
    const refused = counts.NRefused !== undefined && counts.NRefused !== '0' ? ` Refused: ${counts.NRefused};` : '';
    out.push(label('Accepted', `${counts.NAccepted}; Connected: ${counts.NConnections ?? '0'};${refused}`));
  }
  return out;
}

/** Tasks, Memory and CPU of the unit's cgroup (only when the worker could read them). */
function accountingLines(info: UnitInfo__Output): string[] {
  const s = info.status!;
  const limit = info.properties.TasksMax;
  const out = [label('Tasks', `${s.tasks_current}${limit && /^\d+$/.test(limit) ? ` (limit: ${limit})` : ''}`)];
  if (s.memory_current > 0) out.push(label('Memory', formatBytes(s.memory_current)));
  out.push(label('CPU', formatSpan(Math.floor(s.cpu_usage_nsec / 1000), 1000)));
  return out;
}

/** systemctl's warning for a unit whose files changed since they were loaded (printed on stderr). */
export function daemonReloadWarning(name: string): string {
  return `Warning: The unit file, source configuration file or drop-ins of ${name} changed on disk. Run 'sctl daemon-reload' to reload units.\n`;
}

/** The whole status block of one unit, ending with a newline. */
export function formatStatus(info: UnitInfo__Output, style: StatusStyle): string {
  const paint = style.paint ?? plain;
  const s = info.status;
  const activeState = s?.active_state || 'inactive';
  const color = stateColor(activeState);
  const lines: string[] = [];
  lines.push(`${paint('●', color)} ${info.name}${info.description ? ` - ${info.description}` : ''}`);
  lines.push(...loadedLine(info));
  if (info.dropin_paths.length > 0) lines.push(...dropInLines(info.dropin_paths));

  let active = activeState === 'failed' ? `failed (Result: ${s?.result || 'unknown'})` : (s?.sub_state || 'dead') === activeState ? activeState : `${activeState} (${s?.sub_state || 'dead'})`;
  if (activeState === 'active' || activeState === 'failed') active = paint(active, color);
  const since = sinceUsec(info);
  lines.push(label('Active', since ? `${active} since ${formatTimestamp(since, style.timeZone)}; ${formatAgo(since, style.now)}` : active));

  for (const key of ['TriggeredBy', 'Triggers']) {
    // systemctl's lines for a socket/timer/path and the unit it activates, one name per line.
    (info.dependencies[key]?.names ?? []).forEach((name, i) => lines.push(i === 0 ? label(key, name) : `${INDENT}${name}`));
  }
  lines.push(...conditionLines(info, style));
  info.documentation.forEach((doc, i) => lines.push(i === 0 ? label('Docs', doc) : `${INDENT}${doc}`));
  lines.push(...socketLines(info));

  if (s && s.main_pid > 0) {
    const exited = s.exit_code !== '' && !['active', 'reloading'].includes(activeState);
    const detail = exited ? formatExit(s.exit_code, s.exit_status) : commandName(info.processes, s.main_pid);
    lines.push(label('Main PID', detail ? `${s.main_pid} (${detail})` : String(s.main_pid)));
  } else if (s && s.exit_code !== '') {
    lines.push(label('Main PID', `(${formatExit(s.exit_code, s.exit_status)})`));
  }
  if (s && s.control_pid > 0) {
    const name = commandName(info.processes, s.control_pid);
    lines.push(label('Cntrl PID', name ? `${s.control_pid} (${name})` : String(s.control_pid)));
  }
  if (s?.status_text) lines.push(label('Status', `"${s.status_text}"`));
  if (s && s.status_errno > 0) lines.push(label('Error', `${s.status_errno} (${errnoName(s.status_errno)})`));
  (s?.notices ?? []).forEach((notice, i) => lines.push(i === 0 ? label('Notice', notice) : `${INDENT}${notice}`));
  if (s && s.restarts > 0) lines.push(label('Restarts', String(s.restarts)));
  if (s?.accounting) lines.push(...accountingLines(info));

  if (s?.cgroup) {
    lines.push(label('CGroup', s.cgroup));
    info.processes.forEach((p, i) => {
      const branch = i === info.processes.length - 1 ? '└─' : '├─';
      lines.push(`${INDENT}${branch}${p.pid} ${p.command}`);
    });
  }

  if (info.log_lines.length > 0) lines.push('', ...info.log_lines);
  return `${lines.join('\n')}\n`;
}

/** `sctl status` without a unit: the manager's own state. */
/** One manager process's line: pid, when its code was loaded, how often and why it was replaced. */
function managerLine(p: ManagerProcess__Output, nowUsec: number, width: number): string {
  const loaded = Number(p.image_started_usec);
  const parts = [`pid ${p.pid}`];
  if (loaded) parts.push(`code loaded ${formatTimestamp(loaded)}; ${formatAgo(loaded, nowUsec)}`);
  const history: string[] = [];
  if (p.starts > 1) history.push(`started ${p.starts} times${p.last_replacement ? ` (last replaced: ${p.last_replacement})` : ''}`);
  if (p.reexecs > 0) history.push(`re-executed ${p.reexecs} time${p.reexecs === 1 ? '' : 's'}`);
  if (p.role === 'worker' && p.state !== 'ready') history.push(p.state);
  return `${p.name.padEnd(width)} ${[parts.join(', '), ...history].join('; ')}`;
}

export function formatSystemStatus(host: string, systemState: string, jobs: number, paint: Painter = plain, managers: { processes: ManagerProcess__Output[]; nowUsec: number } | null = null): string {
  const color = systemState === 'running' ? 'green' : systemState === 'degraded' ? 'red' : 'white';
  const lines = [
    `${paint('●', color)} ${host}`,
    label('State', paint(systemState, color)),
    label('Jobs', `${jobs} queued`),
  ];
  if (managers && managers.processes.length > 0) {
    const width = Math.max(...managers.processes.map((p) => p.name.length));
    managers.processes.forEach((p, i) => {
      const line = managerLine(p, managers.nowUsec, width);
      lines.push(i === 0 ? label('Managers', line) : `${INDENT}${line}`);
    });
  }
  return lines.join('\n') + '\n';
}
