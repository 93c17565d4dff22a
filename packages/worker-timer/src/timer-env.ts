// Every effect of the timer worker on the world, behind one seam (STYLE.md habit 6): the two
// clocks, the manager's start time, the machine id, the local zone, wake-ups, randomness and the
// Persistent= stamps. The real one reads Linux; the unit tests pass a fake with a hand-moved clock.
import fs from 'node:fs';
import path from 'node:path';
import { persistentStateDir } from '@sysmaster/proto';
import type { Instant } from './timer-schedule';

export interface TimerEnvironment {
  /** CLOCK_REALTIME and CLOCK_MONOTONIC now, microseconds. */
  now(): Instant;
  /** When PID 1 started, CLOCK_MONOTONIC microseconds (OnStartupSec= counts from it). */
  startupMonotonic(): number;
  /** /etc/machine-id ('' when there is none): FixedRandomDelay= and the batching offset. */
  machineId(): string;
  /** The local zone as an IANA name, read fresh each time (the worker's once-a-second clock check asks). */
  localTimeZone(): string;
  /** Calls `fn` after `ms` milliseconds; returns a cancel function. */
  wakeAfter(ms: number, fn: () => void): () => void;
  /** A number in [0, 1), for RandomizedDelaySec=. */
  random(): number;
  /** The realtime of the unit's Persistent= stamp, 0 when there is none. */
  readStamp(unit: string): number;
  /** Records a trigger of the unit at `realtimeUsec` in its stamp, creating it. */
  writeStamp(unit: string, realtimeUsec: number): void;
}

/** The longest delay a Node timer takes (about 24.8 days); longer waits are re-armed. */
const MAX_WAKE_MS = 2 ** 31 - 1;

function readFirstLine(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[0]!.trim();
  } catch {
    return '';
  }
}

/** PID 1's start time from /proc/1/stat (field 22, clock ticks since boot; USER_HZ is 100 on Linux). */
function pid1StartMonotonic(): number {
  const stat = readFirstLine('/proc/1/stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks * 10_000 : 0;
}

/** TZ if set, else the zone /etc/localtime links to, else what the runtime says. */
function currentTimeZone(): string {
  const tz = process.env.TZ?.replace(/^:/, '');
  if (tz) return tz;
  try {
    const target = fs.readlinkSync('/etc/localtime');
    const at = target.indexOf('zoneinfo/');
    if (at >= 0) return target.slice(at + 'zoneinfo/'.length);
  } catch {
    // not a link: fall through
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The real environment; stamps live in `stampDir` (default persistentStateDir()/timers). */
export function linuxTimerEnvironment(stampDir = path.join(persistentStateDir(), 'timers')): TimerEnvironment {
  const stampFile = (unit: string): string => path.join(stampDir, `stamp-${unit}`);
  let startup: number | null = null;
  return {
    now: () => ({ realtime: Date.now() * 1000, monotonic: Number(process.hrtime.bigint() / 1000n) }),
    startupMonotonic: () => (startup ??= pid1StartMonotonic()),
    machineId: () => readFirstLine('/etc/machine-id'),
    localTimeZone: currentTimeZone,
    wakeAfter: (ms, fn) => {
      const handle = setTimeout(fn, Math.min(MAX_WAKE_MS, Math.max(0, Math.ceil(ms))));
      return () => clearTimeout(handle);
    },
    random: Math.random,
    readStamp: (unit) => {
      try {
        return Number(fs.statSync(stampFile(unit), { bigint: true }).mtimeNs / 1000n);
      } catch {
        return 0;
      }
    },
    writeStamp: (unit, realtimeUsec) => {
      fs.mkdirSync(stampDir, { recursive: true });
      const file = stampFile(unit);
      fs.closeSync(fs.openSync(file, 'a', 0o644));
      const seconds = realtimeUsec / 1_000_000;
      fs.utimesSync(file, seconds, seconds);
    },
  };
}
