// The socket options of [Socket] (systemd.socket(5)): their keys, value grammar and properties.
//
// Each option is one row of OPTIONS: the key, the parser of systemd's value grammar, and how
// `sctl show` prints it under systemd's property name. The parsed value is what the kernel is
// given (ListenSpec of @sysmaster/sys, set natively before bind): times in whole seconds, sizes
// in bytes. An option left unset, or set to the value systemd reads as "unset" (Priority=-1,
// KeepAliveTimeSec=0, Timestamping=off, BindToDevice=*), keeps the kernel's default. A value
// the kernel is sure to refuse (IPTTL=0, KeepAliveProbes=500, a sub-second KeepAliveTimeSec=)
// is a ConfigError at its file:line rather than a warning at start; a value the kernel refuses
// for other reasons at start (Mark= without CAP_NET_ADMIN) is a warning there and the socket is
// made without it, as systemd does (refusedOptionMessage).
import type { ListenSpec, RefusedOption } from '@sysmaster/sys';
import { ValueError, parseBoolean, parseSize, parseTimespan } from '@sysmaster/unit-file';
import type { SectionReader } from '@sysmaster/worker-kit';

/**
 * The socket options applied to every socket of the unit (systemd.socket(5)); absent = kernel
 * default. They are ListenSpec's own fields (one definition, in @sysmaster/sys), without v6Only,
 * which config.ts derives from BindIPv6Only= per address.
 */
export type SocketOptions = Pick<ListenSpec,
  'reusePort' | 'freeBind' | 'transparent' | 'broadcast' | 'bindToDevice' | 'keepAlive' | 'keepAliveTime' |
  'keepAliveInterval' | 'keepAliveProbes' | 'noDelay' | 'deferAccept' | 'passCredentials' | 'passSecurity' |
  'passPacketInfo' | 'priority' | 'ipTos' | 'ipTtl' | 'mark' | 'timestamping' | 'receiveBuffer' | 'sendBuffer'>;

interface OptionRow<T> {
  key: string;
  parse: (value: string) => T | undefined;
  /** systemd's property name, when it is not the key. */
  property?: string;
  show: (value: T | undefined) => string;
}

/** The value type of each option (correlated with its row: TypeScript's mapped-type pattern). */
type OptionValues = { [K in keyof SocketOptions]-?: Exclude<SocketOptions[K], undefined> };
type OptionTable = { [K in keyof OptionValues]: OptionRow<OptionValues[K]> };

const INT_MAX = 2 ** 31 - 1;
/** MAX_TCP_KEEPIDLE / MAX_TCP_KEEPINTVL / MAX_TCP_KEEPCNT of the kernel. */
const KEEPALIVE_SECONDS_MAX = 32767;
const KEEPALIVE_PROBES_MAX = 127;
/** IPTOS_LOWDELAY, IPTOS_THROUGHPUT, IPTOS_RELIABILITY, IPTOS_MINCOST (ip(7)). */
const IPTOS_NAMES: Readonly<Record<string, number>> = { 'low-delay': 0x10, throughput: 0x08, reliability: 0x04, 'low-cost': 0x02 };

function integer(value: string): number {
  const text = value.trim();
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new ValueError('expected an integer');
  return Number(text);
}

/** systemd's int settings where a negative value means "unset" (Priority=, IPTTL=, Mark=). */
function signedOrUnset(min: number, max: number, what: string) {
  return (value: string): number | undefined => {
    const n = integer(value);
    if (n < 0) return undefined;
    if (n < min || n > max) throw new ValueError(`${what} is ${min}-${max}`);
    return n;
  };
}

/** A time span in whole seconds for TCP_KEEPIDLE/TCP_KEEPINTVL (floor, as systemd divides); 0 = unset. */
function keepAliveSeconds(value: string): number | undefined {
  const usec = parseTimespan(value);
  if (usec === 0) return undefined;
  const seconds = Math.floor(usec / 1e6);
  if (seconds < 1 || seconds > KEEPALIVE_SECONDS_MAX) throw new ValueError(`the kernel takes 1s to ${KEEPALIVE_SECONDS_MAX}s in whole seconds`);
  return seconds;
}

/** DeferAcceptSec=: whole seconds, rounded up (a fraction still defers); 0 = off. */
function deferSeconds(value: string): number | undefined {
  const usec = parseTimespan(value);
  if (usec === 0) return undefined;
  const seconds = Math.ceil(usec / 1e6);
  if (!Number.isFinite(seconds) || seconds > INT_MAX) throw new ValueError('expected a finite time span');
  return seconds;
}

function keepAliveProbes(value: string): number | undefined {
  const n = integer(value);
  if (n === 0) return undefined;
  if (n < 0 || n > KEEPALIVE_PROBES_MAX) throw new ValueError(`the kernel takes 1-${KEEPALIVE_PROBES_MAX} probes`);
  return n;
}

/** An interface name (IFNAMSIZ: 1-15 bytes, no "/", ":" or white space); "*" = any interface. */
function interfaceName(value: string): string | undefined {
  const name = value.trim();
  if (name === '*') return undefined;
  if (Buffer.byteLength(name) > 15 || name === '.' || name === '..' || /[/:\s]/.test(name) || !/^[\x21-\x7e]+$/.test(name)) {
    throw new ValueError(`"${value}" is not a network interface name (1-15 characters, no "/", ":" or spaces)`);
  }
  return name;
}

function ipTos(value: string): number {
  const text = value.trim();
  const named = IPTOS_NAMES[text];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text) || Number(text) > 0xff) throw new ValueError(`expected ${Object.keys(IPTOS_NAMES).join(', ')} or a number 0-255`);
  return Number(text);
}

/** off, us (usec, µs), ns (nsec), or a boolean (yes = ns, as systemd reads it). */
function timestamping(value: string): 'us' | 'ns' | undefined {
  const text = value.trim();
  if (text === 'off') return undefined;
  if (['us', 'usec', 'µs', 'μs'].includes(text)) return 'us';
  if (text === 'ns' || text === 'nsec') return 'ns';
  try {
    return parseBoolean(text) ? 'ns' : undefined;
  } catch {
    throw new ValueError('expected off, us, usec, µs, ns or nsec');
  }
}

/** ReceiveBuffer=, SendBuffer=, PipeSize=: bytes (K, M, G 1024-based) below 2G; 0 = unset. */
export function bufferSize(value: string): number | undefined {
  const bytes = parseSize(value);
  if (!Number.isFinite(bytes) || bytes > INT_MAX) throw new ValueError('expected a size below 2G');
  return bytes === 0 ? undefined : bytes;
}

const yesNo = (v: boolean | undefined): string => (v === true ? 'yes' : 'no');
const bool = (key: string): OptionRow<boolean> => ({ key, parse: parseBoolean, show: yesNo });
const orUnset = (unset: string) => (v: number | undefined): string => (v === undefined ? unset : String(v));
const usec = (v: number | undefined): string => String((v ?? 0) * 1e6);

const OPTIONS: OptionTable = {
  reusePort: bool('ReusePort'),
  freeBind: bool('FreeBind'),
  transparent: bool('Transparent'),
  broadcast: bool('Broadcast'),
  bindToDevice: { key: 'BindToDevice', parse: interfaceName, show: (v) => v ?? '' },
  keepAlive: bool('KeepAlive'),
  keepAliveTime: { key: 'KeepAliveTimeSec', property: 'KeepAliveTimeUSec', parse: keepAliveSeconds, show: usec },
  keepAliveInterval: { key: 'KeepAliveIntervalSec', property: 'KeepAliveIntervalUSec', parse: keepAliveSeconds, show: usec },
  keepAliveProbes: { key: 'KeepAliveProbes', parse: keepAliveProbes, show: orUnset('0') },
  noDelay: bool('NoDelay'),
  deferAccept: { key: 'DeferAcceptSec', property: 'DeferAcceptUSec', parse: deferSeconds, show: usec },
  passCredentials: bool('PassCredentials'),
  passSecurity: bool('PassSecurity'),
  passPacketInfo: bool('PassPacketInfo'),
  priority: { key: 'Priority', parse: signedOrUnset(0, INT_MAX, 'Priority='), show: orUnset('-1') },
  ipTos: { key: 'IPTOS', parse: ipTos, show: orUnset('-1') },
  ipTtl: { key: 'IPTTL', parse: signedOrUnset(1, 255, 'the IPv4 TTL / IPv6 hop limit'), show: orUnset('-1') },
  mark: { key: 'Mark', parse: signedOrUnset(0, INT_MAX, 'Mark='), show: orUnset('-1') },
  timestamping: { key: 'Timestamping', parse: timestamping, show: (v) => v ?? 'off' },
  receiveBuffer: { key: 'ReceiveBuffer', parse: bufferSize, show: orUnset('0') },
  sendBuffer: { key: 'SendBuffer', parse: bufferSize, show: orUnset('0') },
};

const FIELDS = Object.keys(OPTIONS) as Array<keyof SocketOptions>;

/** The [Socket] keys of the socket options. */
export const OPTION_KEYS: readonly string[] = FIELDS.map((field) => OPTIONS[field].key);

function readOne<K extends keyof OptionValues>(r: SectionReader, options: Partial<OptionValues>, field: K): void {
  const row: OptionRow<OptionValues[K]> = OPTIONS[field];
  const value = r.one(row.key, row.parse, undefined);
  if (value !== undefined) options[field] = value;
}

/** Every socket option set in the section (errors recorded in the reader). */
export function readSocketOptions(r: SectionReader): SocketOptions {
  const options: Partial<OptionValues> = {};
  for (const field of FIELDS) readOne(r, options, field);
  return options;
}

function showOne<K extends keyof OptionValues>(options: Partial<OptionValues>, field: K): [string, string] {
  const row: OptionRow<OptionValues[K]> = OPTIONS[field];
  return [row.property ?? row.key, row.show(options[field])];
}

/** systemd's properties of the options, unset ones included with systemd's "unset" values. */
export function optionProperties(options: SocketOptions): Record<string, string> {
  return Object.fromEntries(FIELDS.map((field) => showOne(options, field)));
}

/** The warning for an option the kernel refused at start (the socket was made without it). */
export function refusedOptionMessage(refused: RefusedOption): string {
  const key = refused.option in OPTIONS ? OPTIONS[refused.option as keyof SocketOptions].key : refused.option;
  return `the kernel refused ${key}= (${refused.error.message}); listening without it`;
}
