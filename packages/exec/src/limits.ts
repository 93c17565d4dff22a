// Limit*= values (systemd.exec(5), "Process Properties"). A value is one limit for both the soft
// and hard limit, or "SOFT:HARD"; either may be "infinity". Units follow systemd's table:
//   LimitCPU       time: bare number = seconds; with units (1h, 30min) rounded up to seconds
//   LimitRTTIME    time: bare number = microseconds; with units converted to microseconds
//   LimitFSIZE LimitDATA LimitSTACK LimitCORE LimitRSS LimitAS LimitMEMLOCK LimitMSGQUEUE
//                  bytes, with 1024-based K, M, G, T, P, E suffixes
//   LimitNOFILE LimitNPROC LimitLOCKS LimitSIGPENDING LimitRTPRIO   plain counts
//   LimitNICE      a nice level -20..19 written "+N"/"-N" (stored as the kernel's 20 - N), or the
//                  raw rlimit 0..40 written without a sign
import type { Rlimit } from '@sysmaster/sys';
import { parseSize, parseTimespan, ValueError } from '@sysmaster/unit-file';

type Grammar = 'seconds' | 'usec' | 'bytes' | 'count' | 'nice';

/** Limit key → [RLIMIT_ name in lower case without prefix, value grammar]. */
export const LIMIT_KEYS: Readonly<Record<string, readonly [string, Grammar]>> = {
  LimitCPU: ['cpu', 'seconds'], LimitFSIZE: ['fsize', 'bytes'], LimitDATA: ['data', 'bytes'],
  LimitSTACK: ['stack', 'bytes'], LimitCORE: ['core', 'bytes'], LimitRSS: ['rss', 'bytes'],
  LimitNOFILE: ['nofile', 'count'], LimitAS: ['as', 'bytes'], LimitNPROC: ['nproc', 'count'],
  LimitMEMLOCK: ['memlock', 'bytes'], LimitLOCKS: ['locks', 'count'], LimitSIGPENDING: ['sigpending', 'count'],
  LimitMSGQUEUE: ['msgqueue', 'bytes'], LimitNICE: ['nice', 'nice'], LimitRTPRIO: ['rtprio', 'count'],
  LimitRTTIME: ['rttime', 'usec'],
};

function one(text: string, grammar: Grammar): number {
  const value = text.trim();
  if (value === 'infinity') return Infinity;
  switch (grammar) {
    case 'bytes':
      return parseSize(value);
    case 'count':
      if (!/^\d+$/.test(value)) throw new ValueError(`"${value}" is not a count: expected a non-negative integer or "infinity"`);
      return Number(value);
    case 'seconds':
      if (/^\d+$/.test(value)) return Number(value);
      return Math.ceil(parseTimespan(value) / 1_000_000);
    case 'usec':
      if (/^\d+$/.test(value)) return Number(value);
      return parseTimespan(value);
    case 'nice': {
      const match = /^([+-]?)(\d+)$/.exec(value);
      if (match === null) throw new ValueError(`"${value}" is not a nice limit: expected a nice level -20..19 with its sign, or 0..40`);
      const n = Number(match[2]);
      if (match[1] === '') {
        if (n > 40) throw new ValueError(`nice limit ${value} is out of range 0..40`);
        return n;
      }
      const level = match[1] === '-' ? -n : n;
      if (level < -20 || level > 19) throw new ValueError(`nice level ${value} is out of range -20..19`);
      return 20 - level;
    }
  }
}

/** Parses the value of Limit key `key` (a key of LIMIT_KEYS). Throws ValueError. */
export function parseLimit(key: string, value: string): Rlimit {
  const spec = LIMIT_KEYS[key];
  if (spec === undefined) throw new ValueError(`${key} is not a resource limit`);
  const [resource, grammar] = spec;
  const parts = value.split(':');
  if (parts.length > 2) throw new ValueError('expected one value or "SOFT:HARD"');
  const soft = one(parts[0] ?? '', grammar);
  const hard = parts.length === 2 ? one(parts[1] ?? '', grammar) : soft;
  if (soft > hard) throw new ValueError(`the soft limit ${parts[0]} is above the hard limit ${parts[1]}`);
  return { resource, soft, hard };
}
