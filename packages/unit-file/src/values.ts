// Small value grammars: booleans, signals, sizes, file modes and unit lists. Each parser throws
// ValueError with a message that quotes the input and says what is accepted.

import { constants } from 'node:os';
import { ValueError } from './errors';
import { parseUnitName } from './names';
import { splitWords } from './words';

const TRUE = new Set(['1', 'yes', 'y', 'true', 't', 'on']);
const FALSE = new Set(['0', 'no', 'n', 'false', 'f', 'off']);

/** 1/yes/true/on → true, 0/no/false/off → false (case-insensitive; y/t/n/f too, as systemd). */
export function parseBoolean(value: string): boolean {
  const text = value.trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new ValueError(`invalid boolean "${value}": expected 1/yes/true/on or 0/no/false/off`);
}

const SIGNALS: Readonly<Record<string, number>> = constants.signals;
const SIGRTMIN = 34;
const SIGRTMAX = 64;

/** A signal by name or number: "SIGTERM", "TERM", "15", "SIGRTMIN+3", "RTMAX-1". */
export function parseSignal(value: string): number {
  const text = value.trim().toUpperCase();
  const accepted = 'a signal name such as SIGTERM or TERM, SIGRTMIN+N, or a number 1-64';
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    if (number >= 1 && number <= SIGRTMAX) return number;
    throw new ValueError(`signal number ${value} is out of range: expected ${accepted}`);
  }
  const name = text.startsWith('SIG') ? text : `SIG${text}`;
  const known = SIGNALS[name];
  if (known !== undefined) return known;
  const realtime = /^SIGRT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (realtime !== null) {
    const base = realtime[1] === 'MIN' ? SIGRTMIN : SIGRTMAX;
    const offset = realtime[3] === undefined ? 0 : Number(realtime[3]) * (realtime[2] === '-' ? -1 : 1);
    const number = base + offset;
    if (number >= SIGRTMIN && number <= SIGRTMAX) return number;
  }
  throw new ValueError(`unknown signal "${value}": expected ${accepted}`);
}

const SIZE_FACTORS: Readonly<Record<string, number>> = {
  '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5, E: 1024 ** 6,
};

/** A size in bytes: "512", "64K", "1.5G" (K M G T P E are powers of 1024), or "infinity". */
export function parseSize(value: string): number {
  const text = value.trim();
  if (text === 'infinity') return Infinity;
  const match = /^(\d+(?:\.\d+)?)\s*([KMGTPE]?)(?:i?B)?$/i.exec(text);
  const factor = match === null ? undefined : SIZE_FACTORS[(match[2] ?? '').toUpperCase()];
  if (match === null || factor === undefined) {
    throw new ValueError(`invalid size "${value}": expected bytes with an optional K, M, G, T, P or E suffix (1024-based), or "infinity"`);
  }
  const bytes = Math.floor(Number(match[1]) * factor);
  if (!Number.isSafeInteger(bytes)) throw new ValueError(`size "${value}" is too large`);
  return bytes;
}

/** An octal file mode such as "0644", "755" or "2775" (at most 07777). */
export function parseMode(value: string): number {
  const text = value.trim();
  if (!/^[0-7]{1,5}$/.test(text)) throw new ValueError(`invalid file mode "${value}": expected octal digits such as 0644 or 0755`);
  const mode = parseInt(text, 8);
  if (mode > 0o7777) throw new ValueError(`file mode "${value}" is above 07777`);
  return mode;
}

/** A space-separated list of unit names (quotes allowed), each validated. */
export function parseUnitList(value: string): string[] {
  const names: string[] = [];
  for (const word of splitWords(value)) {
    try {
      parseUnitName(word.value);
    } catch (error) {
      throw new ValueError(`invalid unit name "${word.value}" in list "${value}": ${(error as Error).message}`);
    }
    if (!names.includes(word.value)) names.push(word.value);
  }
  return names;
}
