// The grammar of systemd.socket(5)'s Listen*= values, and what each one becomes.
//
// A socket unit names what to listen on with one value per Listen line, and the kind of socket
// with the key: ListenStream= (SOCK_STREAM), ListenDatagram= (SOCK_DGRAM) and
// ListenSequentialPacket= (SOCK_SEQPACKET) take a socket address; ListenFIFO= takes a path. The
// address grammar is systemd's socket_address_parse():
//
//   /path            a unix socket in the file system (at most 107 bytes)
//   @name            a unix socket in the abstract namespace (the leading '@' stands for NUL)
//   8080             a bare port: [::]:8080 dual-stack (IPv4 reaches it as ::ffff:a.b.c.d)
//                    unless BindIPv6Only=ipv6-only; where IPv6 is missing, 0.0.0.0:8080
//   1.2.3.4:80       an IPv4 address and port
//   [::1]:80         an IPv6 address and port (brackets required, as in a URL)
//   vsock:CID:PORT   AF_VSOCK: refused here (not built)
//
// Ports are 1..65535: systemd refuses port 0. A sequential-packet socket exists only for AF_UNIX,
// so ListenSequentialPacket= refuses IP addresses. The result keeps the value as written
// (`display`, what `sctl status` prints in its Listen lines) and the family/address/port that
// @sysmaster/sys's listen() takes. `[addr%iface]` (an IPv6 scope) is refused for now: binding
// to a link-local address needs the interface index, which is not built.
//
// Errors are ValueErrors whose message says what the value is and what is accepted; the config
// reader turns them into located ConfigErrors (file:line, section, key).
import net from 'node:net';
import { ValueError } from '@sysmaster/unit-file';

export type ListenKind = 'stream' | 'dgram' | 'seqpacket' | 'fifo';

/** One thing a socket unit listens on, parsed. */
export interface ListenAddress {
  kind: ListenKind;
  /** unix for paths and abstract names; inet/inet6 for IP; fifo for ListenFIFO=. */
  family: 'unix' | 'inet' | 'inet6' | 'fifo';
  /** The path, "@name", or the IP address ("" for any). */
  address: string;
  port: number;
  /** A bare port: dual-stack [::] unless BindIPv6Only=ipv6-only. */
  anyPort: boolean;
  /** As written, for status and names. */
  display: string;
}

/** The Listen keys that become sockets or FIFOs, and their socket type. */
export const LISTEN_KEYS: Readonly<Record<string, ListenKind>> = {
  ListenStream: 'stream', ListenDatagram: 'dgram', ListenSequentialPacket: 'seqpacket', ListenFIFO: 'fifo',
};

const ACCEPTED = 'an absolute path, "@abstract-name", a port (1-65535), "IPv4:port" or "[IPv6]:port"';
const UNIX_PATH_MAX = 107;

function parsePort(text: string, value: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new ValueError(`"${value}" has no valid port: expected ${ACCEPTED}`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new ValueError(`port ${text} in "${value}" is out of range 1-65535`);
  return port;
}

function unixAddress(kind: ListenKind, value: string): ListenAddress {
  if (Buffer.byteLength(value) > UNIX_PATH_MAX) {
    throw new ValueError(`unix socket address "${value}" is longer than ${UNIX_PATH_MAX} bytes`);
  }
  if (value === '@') throw new ValueError('an abstract socket name needs at least one character after "@"');
  if (value.startsWith('/') && /(^|\/)\.\.?(\/|$)/.test(value)) {
    throw new ValueError(`socket path "${value}" is not normalized (no "." or ".." components)`);
  }
  return { kind, family: 'unix', address: value, port: 0, anyPort: false, display: value };
}

function ipAddress(kind: ListenKind, value: string): ListenAddress {
  if (/^\d+$/.test(value)) {
    return { kind, family: 'inet6', address: '::', port: parsePort(value, value), anyPort: true, display: value };
  }
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(value);
  if (v6) {
    const host = v6[1] ?? '';
    if (host.includes('%')) throw new ValueError(`"${value}": an IPv6 scope (%interface) is not supported yet`);
    if (!net.isIPv6(host)) throw new ValueError(`"${host}" in "${value}" is not an IPv6 address`);
    return { kind, family: 'inet6', address: host, port: parsePort(v6[2] ?? '', value), anyPort: false, display: value };
  }
  const colon = value.lastIndexOf(':');
  if (colon > 0 && !value.slice(0, colon).includes(':')) {
    const host = value.slice(0, colon);
    if (!net.isIPv4(host)) throw new ValueError(`"${host}" in "${value}" is not an IPv4 address: expected ${ACCEPTED}`);
    return { kind, family: 'inet', address: host, port: parsePort(value.slice(colon + 1), value), anyPort: false, display: value };
  }
  if (net.isIPv6(value)) throw new ValueError(`"${value}" has no port: write an IPv6 address as "[${value}]:PORT"`);
  throw new ValueError(`"${value}" is not a socket address: expected ${ACCEPTED}`);
}

/** Parses one value of the Listen key `key` (a key of LISTEN_KEYS). Throws ValueError. */
export function parseListen(key: string, raw: string): ListenAddress {
  const kind = LISTEN_KEYS[key];
  if (kind === undefined) throw new ValueError(`${key}= is not a Listen key this worker knows`);
  const value = raw.trim();
  if (kind === 'fifo') {
    if (!value.startsWith('/')) throw new ValueError(`FIFO path "${value}" is not absolute`);
    const parsed = unixAddress(kind, value);
    return { ...parsed, family: 'fifo' };
  }
  if (value.startsWith('/') || value.startsWith('@')) return unixAddress(kind, value);
  if (value.startsWith('vsock:')) throw new ValueError(`"${value}": AF_VSOCK sockets are not supported yet`);
  const parsed = ipAddress(kind, value);
  if (kind === 'seqpacket') {
    throw new ValueError(`"${value}": sequential-packet sockets exist only as unix sockets (a path or "@name")`);
  }
  return parsed;
}

/** Whether two parsed addresses name the same socket (for a duplicate Listen line). */
export function sameListen(a: ListenAddress, b: ListenAddress): boolean {
  return a.kind === b.kind && a.family === b.family && a.address === b.address && a.port === b.port;
}
