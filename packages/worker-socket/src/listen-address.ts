// The grammar of systemd.socket(5)'s Listen*= values, and what each one becomes.
//
// A socket unit names what to listen on with one value per Listen line, and the kind of socket
// with the key: ListenStream= (SOCK_STREAM), ListenDatagram= (SOCK_DGRAM) and
// ListenSequentialPacket= (SOCK_SEQPACKET) take a socket address; ListenFIFO= and ListenSpecial=
// (a character device or a /proc or /sys file) take an absolute path; ListenNetlink= takes
// "FAMILY [GROUP]"; ListenMessageQueue= a POSIX message queue name. The socket address grammar is
// systemd's socket_address_parse():
//
//   /path            a unix socket in the file system (at most 107 bytes)
//   @name            a unix socket in the abstract namespace (the leading '@' stands for NUL)
//   8080             a bare port: [::]:8080 dual-stack (IPv4 reaches it as ::ffff:a.b.c.d)
//                    unless BindIPv6Only=ipv6-only; where IPv6 is missing, 0.0.0.0:8080
//   1.2.3.4:80       an IPv4 address and port
//   [::1]:80         an IPv6 address and port (brackets required, as in a URL)
//   vsock:CID:PORT   AF_VSOCK: refused here (not built)
//
// ListenNetlink='s FAMILY is one of the netlink family names systemd knows (route, audit,
// kobject-uevent, …; NETLINK_FAMILIES) or a number below 32, the kernel's limit; GROUP is the
// multicast group mask the socket binds (nl_groups, a 32-bit unsigned decimal; default 0): "route
// 1" is RTMGRP_LINK, "kobject-uevent 1" the kernel's uevents. ListenMessageQueue= names a queue
// as mq_overview(7) does: "/" and 1-255 characters without another "/".
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
import type { ListenSpec } from '@sysmaster/sys';
import { ValueError } from '@sysmaster/unit-file';

export type ListenKind = 'stream' | 'dgram' | 'seqpacket' | 'fifo' | 'special' | 'netlink' | 'mqueue';

/** One thing a socket unit listens on, parsed. */
export interface ListenAddress {
  kind: ListenKind;
  /** unix for paths and abstract names; inet/inet6 for IP; the kind itself for the others. */
  family: 'unix' | 'inet' | 'inet6' | 'fifo' | 'special' | 'netlink' | 'mqueue';
  /** The path, "@name", the IP address ("" for any), the netlink family's name, or the queue's name. */
  address: string;
  /** The port; for netlink the multicast group mask; 0 otherwise. */
  port: number;
  /** A bare port: dual-stack [::] unless BindIPv6Only=ipv6-only. */
  anyPort: boolean;
  /** As written, for status and names. */
  display: string;
}

/** The Listen keys that become sockets or FIFOs, and their socket type. */
export const LISTEN_KEYS: Readonly<Record<string, ListenKind>> = {
  ListenStream: 'stream', ListenDatagram: 'dgram', ListenSequentialPacket: 'seqpacket', ListenFIFO: 'fifo',
  ListenSpecial: 'special', ListenNetlink: 'netlink', ListenMessageQueue: 'mqueue',
};

/** The netlink families systemd names (linux/netlink.h); other families by number. */
const NETLINK_FAMILIES: Readonly<Record<string, number>> = {
  route: 0, firewall: 3, 'inet-diag': 4, nflog: 5, xfrm: 6, selinux: 7, iscsi: 8, audit: 9, 'fib-lookup': 10,
  connector: 11, netfilter: 12, 'ip6-fw': 13, dnrtmsg: 14, 'kobject-uevent': 15, generic: 16, scsitransport: 18,
  ecryptfs: 19, rdma: 20,
};
/** MAX_LINKS of the kernel's netlink. */
const NETLINK_FAMILY_LIMIT = 32;
const MQ_NAME_MAX = 255;

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

function absolutePath(kind: ListenKind, value: string, what: string): ListenAddress {
  if (!value.startsWith('/')) throw new ValueError(`${what} path "${value}" is not absolute`);
  if (/(^|\/)\.\.?(\/|$)/.test(value)) throw new ValueError(`${what} path "${value}" is not normalized (no "." or ".." components)`);
  return { kind, family: kind === 'fifo' ? 'fifo' : 'special', address: value, port: 0, anyPort: false, display: value };
}

/** "FAMILY [GROUP]": a family name of NETLINK_FAMILIES or a number, and a group mask. */
function netlinkAddress(value: string): ListenAddress {
  const words = value.split(/\s+/).filter(Boolean);
  const [family = '', group = '0'] = words;
  if (words.length === 0 || words.length > 2) throw new ValueError(`"${value}" is not "FAMILY [GROUP]" (e.g. "kobject-uevent 1", "route 1")`);
  if (NETLINK_FAMILIES[family] === undefined && !(/^\d{1,2}$/.test(family) && Number(family) < NETLINK_FAMILY_LIMIT)) {
    throw new ValueError(`"${family}" is not a netlink family: expected ${Object.keys(NETLINK_FAMILIES).join(', ')}, or a number below ${NETLINK_FAMILY_LIMIT}`);
  }
  if (!/^\d{1,10}$/.test(group) || Number(group) > 0xffffffff) throw new ValueError(`netlink group "${group}" is not a 32-bit unsigned number (the group mask)`);
  const port = Number(group);
  return { kind: 'netlink', family: 'netlink', address: family, port, anyPort: false, display: `${family} ${port}` };
}

function messageQueueName(value: string): ListenAddress {
  if (!/^\/[^/]+$/.test(value)) throw new ValueError(`message queue name "${value}" must be "/" followed by a name without "/"`);
  if (value.length - 1 > MQ_NAME_MAX) throw new ValueError(`message queue name "${value}" is longer than ${MQ_NAME_MAX} characters`);
  return { kind: 'mqueue', family: 'mqueue', address: value, port: 0, anyPort: false, display: value };
}

/** The netlink family number (socket(2)'s protocol) of a parsed ListenNetlink= address. */
function netlinkProtocol(l: ListenAddress): number {
  return NETLINK_FAMILIES[l.address] ?? Number(l.address);
}

/** What @sysmaster/sys's listen() binds for a socket Listen line (isSocket): family, type, address. */
export function socketAddress(l: ListenAddress): Pick<ListenSpec, 'family' | 'type' | 'address' | 'port' | 'protocol' | 'groups'> {
  if (l.family === 'netlink') return { family: 'netlink', type: 'raw', address: '', protocol: netlinkProtocol(l), groups: l.port };
  if (l.family !== 'unix' && l.family !== 'inet' && l.family !== 'inet6') throw new Error(`${l.display} is not a socket`);
  if (l.kind !== 'stream' && l.kind !== 'dgram' && l.kind !== 'seqpacket') throw new Error(`${l.display} is not a socket`);
  return { family: l.family, type: l.kind, address: l.address, port: l.port };
}

/** Whether `l` is a node this unit makes in the file system (a unix socket path or a FIFO): mkdir, chown, Symlinks=, RemoveOnStop=. */
export function isFileNode(l: ListenAddress): boolean {
  return (l.family === 'unix' || l.family === 'fifo') && l.address.startsWith('/');
}

/** Whether `l` is opened by @sysmaster/sys's listen() (a socket), rather than as a file or queue. */
export function isSocket(l: ListenAddress): boolean {
  return l.family === 'unix' || l.family === 'inet' || l.family === 'inet6' || l.family === 'netlink';
}

/** Parses one value of the Listen key `key` (a key of LISTEN_KEYS). Throws ValueError. */
export function parseListen(key: string, raw: string): ListenAddress {
  const kind = LISTEN_KEYS[key];
  if (kind === undefined) throw new ValueError(`${key}= is not a Listen key this worker knows`);
  const value = raw.trim();
  if (kind === 'fifo') {
    absolutePath(kind, value, 'FIFO');
    return { ...unixAddress(kind, value), family: 'fifo' };
  }
  if (kind === 'special') return absolutePath(kind, value, 'special file');
  if (kind === 'netlink') return netlinkAddress(value);
  if (kind === 'mqueue') return messageQueueName(value);
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
