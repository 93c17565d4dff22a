// The [Unit] settings that are not dependencies (systemd.unit(5)), parsed and validated: the
// typed UnitSettings the engine reads, or ConfigErrors naming file, line and key. Dependency
// keys are read by unit-definition.ts; Condition*/Assert* by the conditions module.
import { JOB_MODES, type ConfigError__Output, type JobMode } from '@sysmaster/proto';
import { lastValue, listValues, parseBoolean, parseTimespan, expandSpecifiers, type Assignment } from '@sysmaster/unit-file';

/** systemd's emergency actions (SuccessAction=, FailureAction=, JobTimeoutAction=, StartLimitAction=). */
const EMERGENCY_ACTIONS = [
  'none', 'reboot', 'reboot-force', 'reboot-immediate', 'poweroff', 'poweroff-force', 'poweroff-immediate',
  'exit', 'exit-force', 'halt', 'halt-force', 'halt-immediate', 'kexec', 'kexec-force', 'kexec-immediate',
] as const;
export type EmergencyAction = typeof EMERGENCY_ACTIONS[number];


export interface UnitSettings {
  refuseManualStart: boolean;
  refuseManualStop: boolean;
  allowIsolate: boolean;
  ignoreOnIsolate: boolean;
  stopWhenUnneeded: boolean;
  collectMode: 'inactive' | 'inactive-or-failed';
  onFailureJobMode: JobMode;
  /** Microseconds; Infinity means none. */
  jobTimeoutUsec: number;
  jobRunningTimeoutUsec: number;
  jobTimeoutAction: EmergencyAction;
  jobTimeoutRebootArgument: string;
  /** null: the manager's DefaultStartLimitIntervalSec=/DefaultStartLimitBurst=. */
  startLimitIntervalUsec: number | null;
  startLimitBurst: number | null;
  startLimitAction: EmergencyAction;
  rebootArgument: string;
  successAction: EmergencyAction;
  failureAction: EmergencyAction;
  /** Absolute paths of RequiresMountsFor=. */
  requiresMountsFor: string[];
}

export const DEFAULT_UNIT_SETTINGS: Readonly<UnitSettings> = {
  refuseManualStart: false, refuseManualStop: false, allowIsolate: false, ignoreOnIsolate: false, stopWhenUnneeded: false,
  collectMode: 'inactive', onFailureJobMode: 'replace', jobTimeoutUsec: Infinity, jobRunningTimeoutUsec: Infinity,
  jobTimeoutAction: 'none', jobTimeoutRebootArgument: '', startLimitIntervalUsec: null, startLimitBurst: null,
  startLimitAction: 'none', rebootArgument: '', successAction: 'none', failureAction: 'none', requiresMountsFor: [],
};

/** Every non-dependency [Unit] key this module reads (plus the ones unit-definition.ts reads). */
export const SETTING_KEYS: readonly string[] = [
  'RefuseManualStart', 'RefuseManualStop', 'AllowIsolate', 'IgnoreOnIsolate', 'StopWhenUnneeded', 'CollectMode',
  'OnFailureJobMode', 'JobTimeoutSec', 'JobRunningTimeoutSec', 'JobTimeoutAction', 'JobTimeoutRebootArgument',
  'StartLimitIntervalSec', 'StartLimitBurst', 'StartLimitAction', 'RebootArgument', 'SuccessAction', 'FailureAction',
  'RequiresMountsFor',
];

function configError(a: Assignment, message: string): ConfigError__Output {
  return { file: a.file, line: a.line, section: a.section, key: a.key, message };
}

/** Every ancestor mount point of `p`, itself included ("/var/lib" → "/", "/var", "/var/lib"). */
export function mountPointsOf(p: string): string[] {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

/** Parses the settings of one [Unit] section; problems go to `errors`. */
export function parseUnitSettings(section: Assignment[], specifiers: Record<string, string>, errors: ConfigError__Output[]): UnitSettings {
  const s: UnitSettings = { ...DEFAULT_UNIT_SETTINGS, requiresMountsFor: [] };
  const value = (a: Assignment): string | null => {
    try {
      return expandSpecifiers(a.value, specifiers).trim();
    } catch (error) {
      errors.push(configError(a, (error as Error).message));
      return null;
    }
  };
  const read = <T>(key: string, parse: (text: string) => T, apply: (v: T) => void): void => {
    const a = lastValue(section, key);
    if (!a) return;
    const text = value(a);
    if (text === null) return;
    try {
      apply(parse(text));
    } catch (error) {
      errors.push(configError(a, (error as Error).message));
    }
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]) => (text: string): T => {
    const found = allowed.find((x) => x === text);
    if (found === undefined) throw new Error(`invalid ${key}= value "${text}"; expected one of ${allowed.join(', ')}`);
    return found;
  };
  const span = (key: string) => (text: string): number => {
    // systemd reads 0 as "no timeout" for the job timeouts.
    const usec = parseTimespan(text);
    if (key.startsWith('Job') && usec === 0) return Infinity;
    return usec;
  };
  read('RefuseManualStart', parseBoolean, (v) => (s.refuseManualStart = v));
  read('RefuseManualStop', parseBoolean, (v) => (s.refuseManualStop = v));
  read('AllowIsolate', parseBoolean, (v) => (s.allowIsolate = v));
  read('IgnoreOnIsolate', parseBoolean, (v) => (s.ignoreOnIsolate = v));
  read('StopWhenUnneeded', parseBoolean, (v) => (s.stopWhenUnneeded = v));
  read('CollectMode', oneOf('CollectMode', ['inactive', 'inactive-or-failed'] as const), (v) => (s.collectMode = v));
  read('OnFailureJobMode', oneOf('OnFailureJobMode', JOB_MODES), (v) => (s.onFailureJobMode = v));
  read('JobTimeoutSec', span('JobTimeoutSec'), (v) => (s.jobTimeoutUsec = v));
  read('JobRunningTimeoutSec', span('JobRunningTimeoutSec'), (v) => (s.jobRunningTimeoutUsec = v));
  read('JobTimeoutAction', oneOf('JobTimeoutAction', EMERGENCY_ACTIONS), (v) => (s.jobTimeoutAction = v));
  read('JobTimeoutRebootArgument', (t) => t, (v) => (s.jobTimeoutRebootArgument = v));
  read('StartLimitIntervalSec', span('StartLimitIntervalSec'), (v) => (s.startLimitIntervalUsec = v));
  read('StartLimitBurst', (t) => {
    if (!/^\d+$/.test(t)) throw new Error(`invalid StartLimitBurst= value "${t}"; expected a non-negative integer`);
    return Number(t);
  }, (v) => (s.startLimitBurst = v));
  read('StartLimitAction', oneOf('StartLimitAction', EMERGENCY_ACTIONS), (v) => (s.startLimitAction = v));
  read('RebootArgument', (t) => t, (v) => (s.rebootArgument = v));
  read('SuccessAction', oneOf('SuccessAction', EMERGENCY_ACTIONS), (v) => (s.successAction = v));
  read('FailureAction', oneOf('FailureAction', EMERGENCY_ACTIONS), (v) => (s.failureAction = v));
  for (const a of listValues(section, 'RequiresMountsFor')) {
    const text = value(a);
    if (text === null) continue;
    for (const p of text.split(/\s+/).filter((x) => x !== '')) {
      if (!p.startsWith('/')) errors.push(configError(a, `"${p}" is not an absolute path`));
      else s.requiresMountsFor.push(p);
    }
  }
  return s;
}
