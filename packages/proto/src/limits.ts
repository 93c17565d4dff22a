// The bounds of every request a server accepts: one table, applied by implement() and
// createServer() before any handler sees a request.
//
// Three bounds per service, with per-method exceptions:
// - the encoded message (grpc-js refuses a larger one with RESOURCE_EXHAUSTED before decoding);
// - every string field, in characters, wherever it sits in the message;
// - every repeated field and map, in entries.
// A request past a bound is answered INVALID_ARGUMENT (ERR_INVALID_ARGUMENT) naming the field,
// its size and the bound, and runs nothing: the work a request can cause is bounded before it
// starts. The error never echoes the field's value.
//
// The figures: Manager and WorkerHost carry unit names (at most 256 characters, unit-file
// names.ts), patterns (4,096, core conditions/match.ts) and job lists; 10,000 names is more than
// any `sctl` command line holds. UnitWorker's Load carries whole unit files from the core: a value
// may be as long as systemd's longest line (LONG_LINE_MAX, 1 MiB) and a file as large as the unit
// file reader allows (unit-file search-path.ts MAX_UNIT_FILE_BYTES, 4 MiB).
import type { ServiceName } from './services';
import { SysmasterError } from './errors';

/** The bounds of one service's requests. */
export interface RequestLimits {
  /** The largest encoded request, in bytes. */
  messageBytes: number;
  /** The longest string field, in characters. */
  stringLength: number;
  /** The most entries of a repeated field or a map. */
  repeatedEntries: number;
}

const MIB = 1024 * 1024;

const CLIENT_FACING: RequestLimits = { messageBytes: 4 * MIB, stringLength: 64 * 1024, repeatedEntries: 10_000 };

/** Every service's bounds, with the methods that differ. */
export const REQUEST_LIMITS: Readonly<Record<ServiceName, RequestLimits & { methods?: Readonly<Record<string, Partial<RequestLimits>>> }>> = {
  Manager: CLIENT_FACING,
  WorkerHost: CLIENT_FACING,
  Init: { messageBytes: 64 * 1024, stringLength: 4096, repeatedEntries: 100 },
  UnitWorker: {
    ...CLIENT_FACING,
    messageBytes: 64 * MIB,
    methods: { Load: { stringLength: MIB, repeatedEntries: 4 * MIB } },
  },
};

/** The bounds of one method. */
export function limitsOf(service: ServiceName, method: string): RequestLimits {
  const { methods, ...base } = REQUEST_LIMITS[service];
  return { ...base, ...methods?.[method] };
}

/** The largest message any method of `service` accepts (for grpc-js's receive limit). */
export function largestMessage(service: ServiceName): number {
  const { methods, messageBytes } = REQUEST_LIMITS[service];
  return Math.max(messageBytes, ...Object.values(methods ?? {}).map((m) => m.messageBytes ?? 0));
}

function tooLarge(method: string, field: string, size: number, what: string, limit: number): SysmasterError {
  return new SysmasterError('ERR_INVALID_ARGUMENT',
    `${method}: field ${field} has ${size} ${what}; the limit is ${limit}.`,
    { hint: 'Split the request into smaller ones.' });
}

/**
 * Checks a decoded request against `limits`: returns the error for the first field past a bound,
 * or null. Walks the plain object proto-loader decoded (strings, numbers, arrays, nested
 * messages, maps as objects), so it needs no descriptor; its cost is linear in the message, which
 * grpc-js already bounded by messageBytes.
 */
export function checkRequest(method: string, request: unknown, limits: RequestLimits): SysmasterError | null {
  const stack: Array<{ value: unknown; field: string }> = [{ value: request, field: '' }];
  while (stack.length > 0) {
    const { value, field } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > limits.stringLength) return tooLarge(method, field, value.length, 'characters', limits.stringLength);
    } else if (Array.isArray(value)) {
      if (value.length > limits.repeatedEntries) return tooLarge(method, field, value.length, 'entries', limits.repeatedEntries);
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], field: `${field}[${i}]` });
    } else if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value);
      if (entries.length > limits.repeatedEntries) return tooLarge(method, field, entries.length, 'entries', limits.repeatedEntries);
      for (const [key, inner] of entries) {
        const name = field === '' ? key : `${field}.${key}`;
        if (key.length > limits.stringLength) return tooLarge(method, `${field} (a key)`, key.length, 'characters', limits.stringLength);
        stack.push({ value: inner, field: name });
      }
    }
  }
  return null;
}
