// The [Timer] section (systemd.timer(5)) read into a TimerConfig, with what Load answers about
// it: errors and warnings located by file and line, the dependencies every timer implies
// (Triggers= and Before= its Unit=), its default dependencies and its properties for `sctl show`.
import type { ConfigError as ConfigErrorMessage, ImpliedDependency, LoadRequest__Output } from '@sysmaster/proto';
import { SectionReader, type Logger } from '@sysmaster/worker-kit';
import {
  formatCalendar, formatTimespan, parseBoolean, parseCalendar, parseTimespan, parseUnitName, type CalendarSpec,
} from '@sysmaster/unit-file';

/** What a monotonic timer value counts from (systemd's TimerBase). */
export type MonotonicBase = 'active' | 'boot' | 'startup' | 'unit-active' | 'unit-inactive';

export interface MonotonicValue { base: MonotonicBase; usec: number }
export interface CalendarValue { spec: CalendarSpec; text: string }

export interface TimerConfig {
  /** The unit the timer activates (Unit=, default the timer's name with .service). */
  unit: string;
  monotonic: MonotonicValue[];
  calendar: CalendarValue[];
  onClockChange: boolean;
  onTimezoneChange: boolean;
  accuracyUsec: number;
  randomizedDelayUsec: number;
  fixedRandomDelay: boolean;
  persistent: boolean;
  wakeSystem: boolean;
  remainAfterElapse: boolean;
}

/** The keys of [Timer] and the base each monotonic one counts from. */
const MONOTONIC_KEYS: ReadonlyArray<[string, MonotonicBase, string]> = [
  ['OnActiveSec', 'active', 'OnActiveUSec'],
  ['OnBootSec', 'boot', 'OnBootUSec'],
  ['OnStartupSec', 'startup', 'OnStartupUSec'],
  ['OnUnitActiveSec', 'unit-active', 'OnUnitActiveUSec'],
  ['OnUnitInactiveSec', 'unit-inactive', 'OnUnitInactiveUSec'],
];
const KEYS = [
  ...MONOTONIC_KEYS.map(([key]) => key), 'OnCalendar', 'OnClockChange', 'OnTimezoneChange', 'Unit', 'Persistent',
  'WakeSystem', 'RemainAfterElapse', 'AccuracySec', 'RandomizedDelaySec', 'FixedRandomDelay',
];
const MINUTE_USEC = 60_000_000;

export interface TimerLoad {
  config: TimerConfig;
  errors: ConfigErrorMessage[];
  warnings: ConfigErrorMessage[];
  dependencies: ImpliedDependency[];
  defaultDependencies: ImpliedDependency[];
  properties: Record<string, string>;
}

function finiteSpan(value: string): number {
  const usec = parseTimespan(value);
  if (!Number.isFinite(usec)) throw new Error('a timer value cannot be infinite');
  return usec;
}

function defaultUnit(timerName: string): string {
  return `${timerName.slice(0, timerName.lastIndexOf('.'))}.service`;
}

/** Reads the [Timer] section of a Load request. */
export function readTimerConfig(request: LoadRequest__Output, log?: Logger): TimerLoad {
  const reader = new SectionReader(request, 'Timer', KEYS, log);
  const monotonic: MonotonicValue[] = [];
  for (const [key, base] of MONOTONIC_KEYS) {
    for (const usec of reader.many(key, finiteSpan)) monotonic.push({ base, usec });
  }
  const calendar = reader.many('OnCalendar', (value) => ({ spec: parseCalendar(value), text: value }));
  const unitEntry = reader.last('Unit');
  const unit = reader.one('Unit', (value) => {
    const name = parseUnitName(value);
    if (name.type === 'timer') throw new Error('a timer cannot activate another timer');
    if (name.isTemplate) throw new Error('a timer cannot activate a template; name an instance');
    return name.full;
  }, defaultUnit(request.name));
  const config: TimerConfig = {
    unit, monotonic, calendar,
    onClockChange: reader.one('OnClockChange', parseBoolean, false),
    onTimezoneChange: reader.one('OnTimezoneChange', parseBoolean, false),
    accuracyUsec: reader.one('AccuracySec', finiteSpan, MINUTE_USEC),
    randomizedDelayUsec: reader.one('RandomizedDelaySec', finiteSpan, 0),
    fixedRandomDelay: reader.one('FixedRandomDelay', parseBoolean, false),
    persistent: reader.one('Persistent', parseBoolean, false),
    wakeSystem: reader.one('WakeSystem', parseBoolean, false),
    remainAfterElapse: reader.one('RemainAfterElapse', parseBoolean, true),
  };
  const errors = reader.errors.map((e) => e.toMessage());
  // Unknown keys load with a located warning (SectionReader collects them), as systemd ignores them.
  const warnings: ConfigErrorMessage[] = reader.warnings.map((w) => w.toMessage());
  const section = request.sections.find((s) => s.name === 'Timer');
  // The [Timer] header's place; a core that does not send it yet: the section's first line.
  const sectionPlace = {
    file: section?.file || section?.entries[0]?.file || request.fragment_path,
    line: section?.line || section?.entries[0]?.line || 0, section: 'Timer',
  };
  if (reader.errors.length === 0 && monotonic.length === 0 && calendar.length === 0 && !config.onClockChange && !config.onTimezoneChange) {
    errors.push({
      ...sectionPlace, key: '',
      message: 'the timer has no trigger: set OnCalendar=, OnActiveSec=, OnBootSec=, OnStartupSec=, OnUnitActiveSec=, '
        + 'OnUnitInactiveSec=, OnClockChange= or OnTimezoneChange=',
    });
  }
  const wake = reader.last('WakeSystem');
  if (config.wakeSystem && wake) {
    warnings.push({
      file: wake.file, line: wake.line, section: 'Timer', key: 'WakeSystem',
      message: 'WakeSystem=yes is not supported: the timer will not resume the system from suspend, it elapses when the system is awake',
    });
  }
  if (unitEntry && unit === request.name) {
    errors.push({ file: unitEntry.file, line: unitEntry.line, section: 'Timer', key: 'Unit', message: 'a timer cannot activate itself' });
  }
  return {
    config, errors, warnings,
    dependencies: [{ kind: 'Triggers', unit }, { kind: 'Before', unit }],
    defaultDependencies: defaultDependencies(config),
    properties: properties(config),
  };
}

/** systemd.timer(5), "Default Dependencies". */
function defaultDependencies(config: TimerConfig): ImpliedDependency[] {
  const deps: ImpliedDependency[] = [
    { kind: 'Requires', unit: 'sysinit.target' }, { kind: 'After', unit: 'sysinit.target' },
    { kind: 'Before', unit: 'timers.target' },
    { kind: 'Conflicts', unit: 'shutdown.target' }, { kind: 'Before', unit: 'shutdown.target' },
  ];
  // "Timer units with at least one OnCalendar= directive acquire a pair of additional After=
  // dependencies on time-set.target and time-sync.target."
  if (config.calendar.length > 0) deps.push({ kind: 'After', unit: 'time-set.target' }, { kind: 'After', unit: 'time-sync.target' });
  return deps;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function properties(config: TimerConfig): Record<string, string> {
  const property = new Map(MONOTONIC_KEYS.map(([, base, name]) => [base, name]));
  return {
    Unit: config.unit,
    TimersMonotonic: config.monotonic.map((v) => `{ ${property.get(v.base)}=${formatTimespan(v.usec)} }`).join(' '),
    TimersCalendar: config.calendar.map((v) => `{ OnCalendar=${formatCalendar(v.spec)} }`).join(' '),
    OnClockChange: yesNo(config.onClockChange),
    OnTimezoneChange: yesNo(config.onTimezoneChange),
    AccuracyUSec: formatTimespan(config.accuracyUsec),
    RandomizedDelayUSec: formatTimespan(config.randomizedDelayUsec),
    FixedRandomDelay: yesNo(config.fixedRandomDelay),
    Persistent: yesNo(config.persistent),
    WakeSystem: yesNo(config.wakeSystem),
    RemainAfterElapse: yesNo(config.remainAfterElapse),
  };
}
