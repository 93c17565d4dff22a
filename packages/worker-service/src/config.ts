// The [Service] section as a typed configuration.
//
// Load hands over the section verbatim; parseServiceConfig() turns it into ServiceConfig with
// worker-kit's SectionReader (systemd's assignment rules, one located ConfigError per bad value)
// and @sysmaster/unit-file's value grammars. Specifiers (%n, %i, …) are expanded with the values
// the core resolved for the unit. Settings that need the running system (User=/Group= names,
// EnvironmentFile= contents) are kept as written and resolved at each start, as systemd does.
// Known systemd values that this worker does not implement yet (Type=notify, Restart=on-abort,
// …) are errors that say so, never silently treated as something else.
import type { LoadRequest__Output } from '@sysmaster/proto';
import { SectionReader, type ConfigError, type Logger } from '@sysmaster/worker-kit';
import {
  expandSpecifiers, parseBoolean, parseEnvironmentValue, parseExecLine, parseSignal, parseTimespan,
  ValueError, type ExecCommand,
} from '@sysmaster/unit-file';

export type ServiceType = 'simple' | 'oneshot';
export type RestartPolicy = 'no' | 'on-failure' | 'always';

export interface ServiceConfig {
  type: ServiceType;
  execStartPre: ExecCommand[];
  execStart: ExecCommand[];
  execStartPost: ExecCommand[];
  execStop: ExecCommand[];
  execStopPost: ExecCommand[];
  remainAfterExit: boolean;
  restart: RestartPolicy;
  /** Microseconds. */
  restartSec: number;
  /** Microseconds; Infinity disables the timeout. */
  timeoutStartSec: number;
  timeoutStopSec: number;
  environment: Array<[string, string]>;
  environmentFiles: Array<{ path: string; optional: boolean }>;
  workingDirectory: { path: string; optional: boolean } | null;
  user: string | null;
  group: string | null;
  /** Signal number. */
  killSignal: number;
  successExitStatus: { codes: number[]; signals: number[] };
}

export const SERVICE_KEYS = [
  'Type', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecStop', 'ExecStopPost', 'RemainAfterExit',
  'Restart', 'RestartSec', 'TimeoutSec', 'TimeoutStartSec', 'TimeoutStopSec', 'Environment', 'EnvironmentFile',
  'WorkingDirectory', 'User', 'Group', 'KillSignal', 'SuccessExitStatus',
] as const;

const KNOWN_TYPES = ['simple', 'exec', 'forking', 'oneshot', 'dbus', 'notify', 'notify-reload', 'idle'];
const KNOWN_RESTART = ['no', 'on-success', 'on-failure', 'on-abnormal', 'on-watchdog', 'on-abort', 'always'];
const SIGTERM = 15;
const DEFAULT_TIMEOUT = 90_000_000;

export interface ParsedService {
  config: ServiceConfig;
  errors: ConfigError[];
  /** systemd property names and printable values, for `sctl show`. */
  properties: Record<string, string>;
}

/** Time spans where 0 and "infinity" both mean "no timeout" (systemd's TimeoutSec semantics). */
function timeout(value: string): number {
  const usec = parseTimespan(value);
  return usec === 0 ? Infinity : usec;
}

/** Parses the [Service] section of `request`; every bad value is in `errors`. */
export function parseServiceConfig(request: LoadRequest__Output, log?: Logger): ParsedService {
  const r = new SectionReader(request, 'Service', SERVICE_KEYS, log);
  const spec = (value: string): string => expandSpecifiers(value, request.specifiers);
  const exec = (value: string): ExecCommand => {
    const command = parseExecLine(value);
    return { ...command, path: spec(command.path), argv: command.argv.map(spec) };
  };

  const type = r.one('Type', (value) => {
    if (value === 'simple' || value === 'oneshot') return value;
    if (KNOWN_TYPES.includes(value)) throw new ValueError(`Type=${value} is not supported yet (supported: simple, oneshot)`);
    throw new ValueError(`expected one of ${KNOWN_TYPES.join(', ')}`);
  }, 'simple' as ServiceType);
  const restart = r.one('Restart', (value) => {
    if (value === 'no' || value === 'on-failure' || value === 'always') return value;
    if (KNOWN_RESTART.includes(value)) throw new ValueError(`Restart=${value} is not supported yet (supported: no, on-failure, always)`);
    throw new ValueError(`expected one of ${KNOWN_RESTART.join(', ')}`);
  }, 'no' as RestartPolicy);

  const timeoutBoth = r.one('TimeoutSec', timeout, undefined as number | undefined);
  const startDefault = timeoutBoth ?? (type === 'oneshot' ? Infinity : DEFAULT_TIMEOUT);
  const successCodes: number[] = [];
  const successSignals: number[] = [];
  r.many('SuccessExitStatus', (value) => {
    for (const word of value.split(/\s+/).filter(Boolean)) {
      if (/^\d+$/.test(word)) {
        const code = Number(word);
        if (code > 255) throw new ValueError(`exit status ${word} is out of range 0-255`);
        successCodes.push(code);
      } else {
        successSignals.push(parseSignal(word));
      }
    }
  });

  const config: ServiceConfig = {
    type,
    execStartPre: r.many('ExecStartPre', exec),
    execStart: r.many('ExecStart', exec),
    execStartPost: r.many('ExecStartPost', exec),
    execStop: r.many('ExecStop', exec),
    execStopPost: r.many('ExecStopPost', exec),
    remainAfterExit: r.one('RemainAfterExit', parseBoolean, false),
    restart,
    restartSec: r.one('RestartSec', (value) => parseTimespan(value), 100_000),
    timeoutStartSec: r.one('TimeoutStartSec', timeout, startDefault),
    timeoutStopSec: r.one('TimeoutStopSec', timeout, timeoutBoth ?? DEFAULT_TIMEOUT),
    environment: r.many('Environment', (value) => parseEnvironmentValue(spec(value))).flat(),
    environmentFiles: r.many('EnvironmentFile', (value) => {
      const optional = value.startsWith('-');
      const path = spec(optional ? value.slice(1) : value);
      if (!path.startsWith('/')) throw new ValueError('expected an absolute path, optionally prefixed with "-"');
      return { path, optional };
    }),
    workingDirectory: r.one('WorkingDirectory', (value) => {
      const optional = value.startsWith('-');
      const path = spec(optional ? value.slice(1) : value);
      if (!path.startsWith('/') && path !== '~') throw new ValueError('expected an absolute path or "~", optionally prefixed with "-"');
      return { path, optional };
    }, null as { path: string; optional: boolean } | null),
    user: r.one('User', (value) => spec(value), null as string | null),
    group: r.one('Group', (value) => spec(value), null as string | null),
    killSignal: r.one('KillSignal', parseSignal, SIGTERM),
    successExitStatus: { codes: successCodes, signals: successSignals },
  };

  // Checks that involve several keys, reported at the entry that breaks them.
  const starts = r.entries('ExecStart');
  if (config.type === 'simple' && starts.length > 1) {
    r.fail(starts[1]!, 'Type=simple takes exactly one ExecStart=; use Type=oneshot for several commands');
  }
  if (config.execStart.length === 0 && starts.length === 0) {
    const noStartAllowed = config.type === 'oneshot' && config.execStop.length > 0;
    if (!noStartAllowed) {
      const typeEntry = r.last('Type');
      r.fail(typeEntry ?? { key: 'ExecStart', value: '', file: request.fragment_path, line: 0 },
        'the service has no ExecStart= setting (only Type=oneshot with ExecStop= may omit it)');
    }
  }
  if (config.type === 'oneshot' && config.restart === 'always') {
    const entry = r.last('Restart');
    if (entry) r.fail(entry, 'Restart=always is not allowed for Type=oneshot services (use on-failure)');
  }

  return { config, errors: r.errors, properties: propertiesOf(config) };
}

function usecProperty(usec: number): string {
  return Number.isFinite(usec) ? String(usec) : 'infinity';
}

function propertiesOf(c: ServiceConfig): Record<string, string> {
  const commands = (list: ExecCommand[]): string => list.map((x) => `{ path=${x.path} ; argv[]=${x.argv.join(' ')} ; ignore_errors=${x.ignoreFailure ? 'yes' : 'no'} }`).join(' ');
  return {
    Type: c.type,
    Restart: c.restart,
    RestartUSec: usecProperty(c.restartSec),
    TimeoutStartUSec: usecProperty(c.timeoutStartSec),
    TimeoutStopUSec: usecProperty(c.timeoutStopSec),
    RemainAfterExit: c.remainAfterExit ? 'yes' : 'no',
    ExecStartPre: commands(c.execStartPre),
    ExecStart: commands(c.execStart),
    ExecStartPost: commands(c.execStartPost),
    ExecStop: commands(c.execStop),
    ExecStopPost: commands(c.execStopPost),
    Environment: c.environment.map(([k, v]) => `${k}=${v}`).join(' '),
    EnvironmentFiles: c.environmentFiles.map((f) => `${f.path} (ignore_errors=${f.optional ? 'yes' : 'no'})`).join(' '),
    WorkingDirectory: c.workingDirectory ? `${c.workingDirectory.optional ? '-' : ''}${c.workingDirectory.path}` : '',
    User: c.user ?? '',
    Group: c.group ?? '',
    KillSignal: String(c.killSignal),
    SuccessExitStatus: [...c.successExitStatus.codes, ...c.successExitStatus.signals.map((s) => `signal ${s}`)].join(' '),
  };
}
