// The [Service] section as a typed configuration.
//
// Load hands over the section verbatim; parseServiceConfig() turns it into ServiceConfig with
// worker-kit's SectionReader (systemd's assignment rules, one located ConfigError per bad value)
// and @sysmaster/unit-file's value grammars. The keys of systemd.service(5) and systemd.kill(5)
// are parsed here; the execution context (systemd.exec(5), systemd.resource-control(5)) by
// ./exec's parseExecSettings() over the same reader, so one Load reports every bad value at once.
// Specifiers (%n, %i, …) are expanded with the values the core resolved for the unit. Defaults
// are systemd's, including the implied ones: NotifyAccess=main for Type=notify, with WatchdogSec=
// or with a file-descriptor store; no start timeout for Type=oneshot; TimeoutAbortSec= and
// RestartKillSignal= follow TimeoutStopSec= and KillSignal= unless set.
import type { Entry__Output, LoadRequest__Output } from '@sysmaster/proto';
import { ConfigError, SectionReader, managerTimeoutUsec, type Logger } from '@sysmaster/worker-kit';
import {
  expandSpecifiers, parseBoolean, parseExecLines, parseSignal, parseTimespan, parseUnitName, ValueError, type ExecCommand,
} from '@sysmaster/unit-file';
import { EXEC_KEYS, execProperties, parseExecSettings, type ExecSettings } from '@sysmaster/exec';

const SERVICE_TYPES = ['simple', 'exec', 'forking', 'oneshot', 'dbus', 'notify', 'notify-reload', 'idle'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
const RESTART_POLICIES = ['no', 'on-success', 'on-failure', 'on-abnormal', 'on-watchdog', 'on-abort', 'always'] as const;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];
export type NotifyAccess = 'none' | 'main' | 'exec' | 'all';
export type KillMode = 'control-group' | 'mixed' | 'process' | 'none';
/** TimeoutStartFailureMode= / TimeoutStopFailureMode=. */
type TimeoutFailureMode = 'terminate' | 'abort' | 'kill';

/** Exit codes and signal numbers (SuccessExitStatus=, RestartPreventExitStatus=, …). */
export interface ExitStatusSet { codes: number[]; signals: number[] }

export interface ServiceConfig {
  type: ServiceType;
  /** Sockets=: the socket units whose fds the service gets besides those naming it (Wants=/After= them). */
  sockets: string[];
  execCondition: ExecCommand[];
  execStartPre: ExecCommand[];
  execStart: ExecCommand[];
  execStartPost: ExecCommand[];
  execReload: ExecCommand[];
  execStop: ExecCommand[];
  execStopPost: ExecCommand[];
  remainAfterExit: boolean;
  guessMainPid: boolean;
  pidFile: string | null;
  busName: string | null;
  restart: RestartPolicy;
  /** Microseconds. */
  restartSec: number;
  restartSteps: number;
  /** Microseconds; Infinity: no growth. */
  restartMaxDelaySec: number;
  restartPreventExitStatus: ExitStatusSet;
  restartForceExitStatus: ExitStatusSet;
  successExitStatus: ExitStatusSet;
  /** Microseconds; Infinity disables the timeout. */
  timeoutStartSec: number;
  timeoutStopSec: number;
  timeoutAbortSec: number;
  timeoutStartFailureMode: TimeoutFailureMode;
  timeoutStopFailureMode: TimeoutFailureMode;
  runtimeMaxSec: number;
  /** Microseconds; 0 disables the watchdog. */
  watchdogSec: number;
  /** Signal numbers. */
  watchdogSignal: number;
  killSignal: number;
  restartKillSignal: number;
  finalKillSignal: number;
  reloadSignal: number;
  sendSigkill: boolean;
  sendSighup: boolean;
  killMode: KillMode;
  notifyAccess: NotifyAccess;
  fileDescriptorStoreMax: number;
  /** The execution context (./exec). */
  exec: ExecSettings;
}

export const SERVICE_KEYS = [
  'Type', 'ExecCondition', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecReload', 'ExecStop', 'ExecStopPost',
  'RemainAfterExit', 'GuessMainPID', 'PIDFile', 'BusName',
  'Restart', 'RestartSec', 'RestartSteps', 'RestartMaxDelaySec', 'RestartPreventExitStatus', 'RestartForceExitStatus',
  'SuccessExitStatus', 'TimeoutSec', 'TimeoutStartSec', 'TimeoutStopSec', 'TimeoutAbortSec', 'TimeoutStartFailureMode',
  'TimeoutStopFailureMode', 'RuntimeMaxSec', 'WatchdogSec', 'WatchdogSignal', 'NotifyAccess', 'FileDescriptorStoreMax',
  'KillMode', 'KillSignal', 'RestartKillSignal', 'FinalKillSignal', 'SendSIGKILL', 'SendSIGHUP', 'ReloadSignal',
  'Sockets',
] as const;

const SIGKILL = 9;
const SIGTERM = 15;
const SIGHUP = 1;
const SIGABRT = 6;

export interface ParsedService {
  config: ServiceConfig;
  errors: ConfigError[];
  /**
   * One warning per [Service] key this worker accepts but does not apply (PrivateTmp=,
   * ProtectSystem=, … of systemd.exec(5), common in distribution units), at its last assignment:
   * LoadResponse.warnings, which `sctl status` shows.
   */
  warnings: ConfigError[];
  /** systemd property names and printable values, for `sctl show`. */
  properties: Record<string, string>;
}

/** Time spans where 0 and "infinity" both mean "no timeout" (systemd's TimeoutSec semantics). */
function timeout(value: string): number {
  const usec = parseTimespan(value);
  return usec === 0 ? Infinity : usec;
}

function oneOf<T extends string>(list: readonly T[]): (value: string) => T {
  return (value) => {
    const found = list.find((x) => x === value);
    if (found === undefined) throw new ValueError(`expected one of ${list.join(', ')}`);
    return found;
  };
}

/** Exit statuses (0-255) and signal names, space-separated, appended to `into`. */
function exitStatusParser(into: ExitStatusSet): (value: string) => void {
  return (value) => {
    for (const word of value.split(/\s+/).filter(Boolean)) {
      if (/^\d+$/.test(word)) {
        const code = Number(word);
        if (code > 255) throw new ValueError(`exit status ${word} is out of range 0-255`);
        into.codes.push(code);
      } else {
        into.signals.push(parseSignal(word));
      }
    }
  };
}

/**
 * A key this worker does not know is most likely a systemd setting it does not implement yet
 * (PrivateTmp=, ProtectSystem=, …): "PrivateTmp=yes is not applied by this version of sysmaster".
 */
const notApplied = (entry: Entry__Output): string => `${entry.key}=${entry.value} is not applied by this version of sysmaster`;

/** One name of Sockets=: a socket unit. */
function socketName(value: string): string {
  const name = parseUnitName(value);
  if (name.type !== 'socket') throw new ValueError(`"${value}" is not a socket unit (it must end in .socket)`);
  if (name.isTemplate) throw new ValueError(`"${value}" is a template; Sockets= names socket units`);
  return name.full;
}

/** Parses the [Service] section of `request`; every bad value is in `errors`. */
export function parseServiceConfig(request: LoadRequest__Output, log?: Logger): ParsedService {
  const r = new SectionReader(request, 'Service', [...SERVICE_KEYS, ...EXEC_KEYS], log, notApplied);
  const spec = (value: string): string => expandSpecifiers(value, request.specifiers);
  // With ExecSearchPath= a bare program name is found at each start (packages/exec launch.ts).
  const deferLookup = r.last('ExecSearchPath') !== undefined;
  const exec = (value: string): ExecCommand[] => parseExecLines(value, { deferLookup })
    .map((command) => ({ ...command, path: spec(command.path), argv: command.argv.map(spec) }));
  const signal = (key: string, fallback: number): number => r.one(key, parseSignal, fallback);

  const type = r.one('Type', oneOf(SERVICE_TYPES), 'simple');
  const timeoutBoth = r.one('TimeoutSec', timeout, undefined as number | undefined);
  const timeoutStopSec = r.one('TimeoutStopSec', timeout, timeoutBoth ?? managerTimeoutUsec(request, 'DefaultTimeoutStopUSec'));
  const killSignal = signal('KillSignal', SIGTERM);
  const sets = { success: { codes: [], signals: [] }, prevent: { codes: [], signals: [] }, force: { codes: [], signals: [] } };
  r.many('SuccessExitStatus', exitStatusParser(sets.success));
  r.many('RestartPreventExitStatus', exitStatusParser(sets.prevent));
  r.many('RestartForceExitStatus', exitStatusParser(sets.force));
  const watchdogSec = r.one('WatchdogSec', (value) => parseTimespan(value), 0);
  const fileDescriptorStoreMax = r.one('FileDescriptorStoreMax', (value) => {
    if (!/^\d+$/.test(value)) throw new ValueError('expected a count of file descriptors');
    return Number(value);
  }, 0);
  const explicitAccess = r.one('NotifyAccess', oneOf(['none', 'main', 'exec', 'all'] as const), 'none');
  const implied = type === 'notify' || type === 'notify-reload' || watchdogSec > 0 || fileDescriptorStoreMax > 0;

  const config: ServiceConfig = {
    type,
    execCondition: r.many('ExecCondition', exec).flat(),
    sockets: r.many('Sockets', (value) => spec(value).split(/\s+/).filter(Boolean).map(socketName)).flat(),
    execStartPre: r.many('ExecStartPre', exec).flat(),
    execStart: r.many('ExecStart', exec).flat(),
    execStartPost: r.many('ExecStartPost', exec).flat(),
    execReload: r.many('ExecReload', exec).flat(),
    execStop: r.many('ExecStop', exec).flat(),
    execStopPost: r.many('ExecStopPost', exec).flat(),
    remainAfterExit: r.one('RemainAfterExit', parseBoolean, false),
    guessMainPid: r.one('GuessMainPID', parseBoolean, true),
    pidFile: r.one('PIDFile', (value) => {
      const file = spec(value);
      // systemd takes a relative PIDFile= below /run.
      return file.startsWith('/') ? file : `/run/${file}`;
    }, null as string | null),
    busName: r.one('BusName', (value) => spec(value), null as string | null),
    restart: r.one('Restart', oneOf(RESTART_POLICIES), 'no'),
    restartSec: r.one('RestartSec', (value) => parseTimespan(value), 100_000),
    restartSteps: r.one('RestartSteps', (value) => {
      if (!/^\d+$/.test(value)) throw new ValueError('expected a number of steps');
      return Number(value);
    }, 0),
    restartMaxDelaySec: r.one('RestartMaxDelaySec', timeout, Infinity),
    restartPreventExitStatus: sets.prevent,
    restartForceExitStatus: sets.force,
    successExitStatus: sets.success,
    timeoutStartSec: r.one('TimeoutStartSec', timeout, timeoutBoth ?? (type === 'oneshot' ? Infinity : managerTimeoutUsec(request, 'DefaultTimeoutStartUSec'))),
    timeoutStopSec,
    timeoutAbortSec: r.one('TimeoutAbortSec', timeout, timeoutStopSec),
    timeoutStartFailureMode: r.one('TimeoutStartFailureMode', oneOf(['terminate', 'abort', 'kill'] as const), 'terminate'),
    timeoutStopFailureMode: r.one('TimeoutStopFailureMode', oneOf(['terminate', 'abort', 'kill'] as const), 'terminate'),
    runtimeMaxSec: r.one('RuntimeMaxSec', timeout, Infinity),
    watchdogSec,
    watchdogSignal: signal('WatchdogSignal', SIGABRT),
    killSignal,
    restartKillSignal: signal('RestartKillSignal', killSignal),
    finalKillSignal: signal('FinalKillSignal', SIGKILL),
    reloadSignal: signal('ReloadSignal', SIGHUP),
    sendSigkill: r.one('SendSIGKILL', parseBoolean, true),
    sendSighup: r.one('SendSIGHUP', parseBoolean, false),
    killMode: r.one('KillMode', oneOf(['control-group', 'mixed', 'process', 'none'] as const), 'control-group'),
    notifyAccess: explicitAccess === 'none' && implied ? 'main' : explicitAccess,
    fileDescriptorStoreMax,
    exec: parseExecSettings(r, request.specifiers),
  };

  // Checks that involve several keys, reported at the entry that breaks them.
  const starts = r.entries('ExecStart');
  if (config.type !== 'oneshot' && starts.length > 1) {
    r.fail(starts[1]!, `Type=${config.type} takes exactly one ExecStart=; use Type=oneshot for several commands`);
  }
  if (config.execStart.length === 0 && starts.length === 0) {
    const noStartAllowed = config.type === 'oneshot' && config.execStop.length > 0;
    if (!noStartAllowed) {
      // A missing key has no line of its own: the [Service] header stands for it.
      const section = request.sections.find((x) => x.name === 'Service');
      r.fail({ key: 'ExecStart', value: '', file: section?.file || request.fragment_path, line: section?.line ?? 0 },
        'the service has no ExecStart= setting (only Type=oneshot with ExecStop= may omit it)');
    }
  }
  if (config.type === 'oneshot' && (config.restart === 'always' || config.restart === 'on-success')) {
    const entry = r.last('Restart');
    if (entry) r.fail(entry, `Restart=${config.restart} is not allowed for Type=oneshot services (use on-failure)`);
  }
  if (config.type === 'dbus' && config.busName === null) {
    const entry = r.last('Type');
    if (entry) r.fail(entry, 'Type=dbus needs BusName= (the D-Bus name the service takes)');
  }
  if (config.type === 'notify-reload' && config.execReload.length > 0) {
    const entry = r.last('ExecReload');
    if (entry) r.fail(entry, 'Type=notify-reload reloads with ReloadSignal=; ExecReload= cannot be combined with it');
  }

  return { config, errors: r.errors, warnings: r.warnings, properties: { ...propertiesOf(config), ...execProperties(config.exec) } };
}

/** Whether Reload can work for a unit with this configuration (systemd's CanReload=). */
export function canReload(config: ServiceConfig): boolean {
  return config.execReload.length > 0 || config.type === 'notify-reload';
}

function usecProperty(usec: number): string {
  return Number.isFinite(usec) ? String(usec) : 'infinity';
}

function statusSet(set: ExitStatusSet): string {
  return [...set.codes, ...set.signals.map((s) => `signal ${s}`)].join(' ');
}

function propertiesOf(c: ServiceConfig): Record<string, string> {
  const commands = (list: ExecCommand[]): string => list.map((x) => `{ path=${x.path} ; argv[]=${x.argv.join(' ')} ; ignore_errors=${x.ignoreFailure ? 'yes' : 'no'} }`).join(' ');
  return {
    Type: c.type,
    Restart: c.restart,
    RestartUSec: usecProperty(c.restartSec),
    RestartSteps: String(c.restartSteps),
    RestartMaxDelayUSec: usecProperty(c.restartMaxDelaySec),
    RestartPreventExitStatus: statusSet(c.restartPreventExitStatus),
    RestartForceExitStatus: statusSet(c.restartForceExitStatus),
    SuccessExitStatus: statusSet(c.successExitStatus),
    TimeoutStartUSec: usecProperty(c.timeoutStartSec),
    TimeoutStopUSec: usecProperty(c.timeoutStopSec),
    TimeoutAbortUSec: usecProperty(c.timeoutAbortSec),
    TimeoutStartFailureMode: c.timeoutStartFailureMode,
    TimeoutStopFailureMode: c.timeoutStopFailureMode,
    RuntimeMaxUSec: usecProperty(c.runtimeMaxSec),
    WatchdogUSec: String(c.watchdogSec),
    WatchdogSignal: String(c.watchdogSignal),
    RemainAfterExit: c.remainAfterExit ? 'yes' : 'no',
    GuessMainPID: c.guessMainPid ? 'yes' : 'no',
    PIDFile: c.pidFile ?? '',
    BusName: c.busName ?? '',
    NotifyAccess: c.notifyAccess,
    FileDescriptorStoreMax: String(c.fileDescriptorStoreMax),
    KillMode: c.killMode,
    KillSignal: String(c.killSignal),
    RestartKillSignal: String(c.restartKillSignal),
    FinalKillSignal: String(c.finalKillSignal),
    ReloadSignal: String(c.reloadSignal),
    SendSIGKILL: c.sendSigkill ? 'yes' : 'no',
    SendSIGHUP: c.sendSighup ? 'yes' : 'no',
    Sockets: c.sockets.join(' '),
    ExecCondition: commands(c.execCondition),
    ExecStartPre: commands(c.execStartPre),
    ExecStart: commands(c.execStart),
    ExecStartPost: commands(c.execStartPost),
    ExecReload: commands(c.execReload),
    ExecStop: commands(c.execStop),
    ExecStopPost: commands(c.execStopPost),
  };
}
