// /etc/sysmaster/system.conf: the core's own settings ([Manager] section, ini). A missing file
// means defaults; a bad value is reported (file and key) and its default used, never fatal.
import fs from 'node:fs';
import path from 'node:path';
import ini from 'ini';
import { configDir } from '@sysmaster/proto';
import { EXAMPLE_DEFAULT_TARGET, GOAL_UNIT_TYPE, parseTimespan, normalizeUnitName } from '@sysmaster/unit-file';

export interface SystemConfig {
  /** Microseconds; handed to workers as the default start timeout. */
  defaultTimeoutStartUsec: number;
  /** Microseconds; handed to workers as the default stop timeout. */
  defaultTimeoutStopUsec: number;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Overrides what default.target resolves to, null to follow the default.target link. */
  defaultTarget: string | null;
  /** DefaultStartLimitIntervalSec= (microseconds) and DefaultStartLimitBurst=: a unit's start limit unless it sets one. */
  defaultStartLimitIntervalUsec: number;
  defaultStartLimitBurst: number;
}

export interface ConfigWarning { file: string; key: string; message: string }

export const DEFAULT_SYSTEM_CONFIG: SystemConfig = {
  defaultTimeoutStartUsec: 90_000_000,
  defaultTimeoutStopUsec: 90_000_000,
  logLevel: 'info',
  defaultTarget: null,
  defaultStartLimitIntervalUsec: 10_000_000,
  defaultStartLimitBurst: 5,
};

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** Parses the text of system.conf; `file` names it in warnings. */
export function parseSystemConfig(text: string, file: string): { config: SystemConfig; warnings: ConfigWarning[] } {
  const config: SystemConfig = { ...DEFAULT_SYSTEM_CONFIG };
  const warnings: ConfigWarning[] = [];
  let parsed: Record<string, unknown>;
  try {
    parsed = ini.parse(text);
  } catch (error) {
    warnings.push({ file, key: '', message: `cannot parse: ${(error as Error).message}; using defaults` });
    return { config, warnings };
  }
  const section = parsed.Manager;
  if (section === undefined) return { config, warnings };
  if (typeof section !== 'object' || section === null) {
    warnings.push({ file, key: 'Manager', message: '[Manager] is not a section; using defaults' });
    return { config, warnings };
  }
  for (const [key, raw] of Object.entries(section as Record<string, unknown>)) {
    const value = typeof raw === 'string' ? raw.trim() : String(raw);
    const bad = (accepted: string): void => {
      warnings.push({ file, key: `Manager.${key}`, message: `invalid value "${value}" (${accepted}); using the default` });
    };
    switch (key) {
      case 'DefaultTimeoutStartSec':
      case 'DefaultTimeoutStopSec': {
        try {
          const usec = parseTimespan(value);
          if (key === 'DefaultTimeoutStartSec') config.defaultTimeoutStartUsec = usec;
          else config.defaultTimeoutStopUsec = usec;
        } catch {
          bad('a time span such as 90s, 1min 30s or infinity');
        }
        break;
      }
      case 'DefaultStartLimitIntervalSec': {
        try {
          config.defaultStartLimitIntervalUsec = parseTimespan(value);
        } catch {
          bad('a time span such as 10s');
        }
        break;
      }
      case 'DefaultStartLimitBurst': {
        if (/^\d+$/.test(value)) config.defaultStartLimitBurst = Number(value);
        else bad('a non-negative integer');
        break;
      }
      case 'LogLevel': {
        const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
        if (level) config.logLevel = level;
        else bad(`one of ${LOG_LEVELS.join(', ')}`);
        break;
      }
      case 'DefaultTarget': {
        try {
          config.defaultTarget = normalizeUnitName(value, { defaultType: GOAL_UNIT_TYPE });
        } catch {
          bad(`a unit name such as ${EXAMPLE_DEFAULT_TARGET}`);
        }
        break;
      }
      default:
        warnings.push({ file, key: `Manager.${key}`, message: 'unknown key; ignored' });
    }
  }
  return { config, warnings };
}

/** Reads configDir()/system.conf; a missing file gives the defaults without warnings. */
export function readSystemConfig(file = path.join(configDir(), 'system.conf')): { config: SystemConfig; warnings: ConfigWarning[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { config: { ...DEFAULT_SYSTEM_CONFIG }, warnings: [] };
    return { config: { ...DEFAULT_SYSTEM_CONFIG }, warnings: [{ file, key: '', message: `cannot read (${code ?? String(error)}); using defaults` }] };
  }
  return parseSystemConfig(text, file);
}
