// The [Socket] section of a socket unit (systemd.socket(5)), read into a SocketConfig.
//
// Every key falls in one of three sets. The keys this worker implements are parsed with
// SectionReader (systemd's assignment rules; every bad value becomes a ConfigError naming
// file:line and key); the socket options among them are rows of socket-options.ts. The keys
// whose absence would change what the unit means — ListenUSBFunction=, the one Listen kind not
// built — are errors: the service would otherwise start without the fd it was written for.
// Accept=yes (connections.ts) takes stream and seqpacket sockets only and no Service=, as systemd
// refuses both. The other keys of systemd.socket(5) that are not built yet load with a warning
// naming file:line, as does any key this worker does not know.
import {
  ValueError, expandSpecifiers, parseBoolean, parseExecLines, parseMode, parseSignal, parseTimespan, parseUnitName,
  type ExecCommand,
} from '@sysmaster/unit-file';
import { EXEC_KEYS, parseExecSettings, type ExecSettings } from '@sysmaster/exec';
import type { Entry__Output, LoadRequest__Output } from '@sysmaster/proto';
import { ConfigError, SectionReader, managerTimeoutUsec } from '@sysmaster/worker-kit';
import { LISTEN_KEYS, isFileNode, parseListen, sameListen, type ListenAddress } from './listen-address';
import type { PollLimit } from './poll-limit';
import { OPTION_KEYS, bufferSize, optionProperties, readSocketOptions, type SocketOptions } from './socket-options';

type BindIPv6Only = 'default' | 'both' | 'ipv6-only';

export interface SocketConfig {
  listens: ListenAddress[];
  /** The unit activated (Service=, default: the socket's name with .service). */
  service: string;
  bindIPv6Only: BindIPv6Only;
  backlog: number;
  options: SocketOptions;
  /** ListenSpecial= files are opened read-write (Writable=). */
  writable: boolean;
  /** F_SETPIPE_SZ of every ListenFIFO= (PipeSize=); 0 = the kernel's default. */
  pipeSize: number;
  /** mq_maxmsg/mq_msgsize of new ListenMessageQueue= queues; used only when both are above 0. */
  messageQueue: { maxMessages: number; messageSize: number };
  /** SocketMode= also gives a new message queue its mode. */
  socketMode: number;
  directoryMode: number;
  socketUser: string | null;
  socketGroup: string | null;
  removeOnStop: boolean;
  symlinks: string[];
  /** LISTEN_FDNAMES entry of every fd of this unit (default: the unit's name). */
  fdName: string;
  /** Accept=yes: one instance of the service template per connection (connections.ts). */
  accept: boolean;
  /** Accept=yes: connections beyond this many running instances are closed at once (default 64). */
  maxConnections: number;
  /** Accept=yes: the same for one source (an IP address, a unix peer's uid); 0 = no limit. */
  maxConnectionsPerSource: number;
  /** Accept=no: drop what the service left pending when it stops (FlushPending=). */
  flushPending: boolean;
  /** ExecStartPre=, ExecStartPost=, ExecStopPre=, ExecStopPost= (control.ts), with their context. */
  execStartPre: ExecCommand[];
  execStartPost: ExecCommand[];
  execStopPre: ExecCommand[];
  execStopPost: ExecCommand[];
  exec: ExecSettings;
  /** TimeoutSec=: how long one Exec*= command may run (default DefaultTimeoutStartSec=, 90 s); 0 = never. */
  timeoutUsec: number;
  /** KillSignal= for a command that timed out (SIGKILL follows after TimeoutSec= more). */
  killSignal: number;
  /** PollLimitIntervalSec=/PollLimitBurst= (poll-limit.ts): 2 s and 150 (Accept=yes) or 15. */
  pollLimit: PollLimit;
  /** 0 disables the trigger limit. */
  triggerLimitIntervalUsec: number;
  triggerLimitBurst: number;
}

export interface ParsedSocket {
  config: SocketConfig;
  errors: ConfigError[];
  warnings: ConfigError[];
}

const SUPPORTED = [
  ...Object.keys(LISTEN_KEYS), ...OPTION_KEYS, 'Accept', 'Service', 'BindIPv6Only', 'Backlog', 'SocketMode', 'DirectoryMode',
  'SocketUser', 'SocketGroup', 'RemoveOnStop', 'Symlinks', 'FileDescriptorName', 'Writable', 'PipeSize',
  'MessageQueueMaxMessages', 'MessageQueueMessageSize', 'TriggerLimitIntervalSec', 'TriggerLimitBurst', 'MaxConnections',
  'ExecStartPre', 'ExecStartPost', 'ExecStopPre', 'ExecStopPost', 'TimeoutSec', 'KillSignal',
  'MaxConnectionsPerSource', 'FlushPending', 'PollLimitIntervalSec', 'PollLimitBurst',
];

/** Keys that would change the unit's meaning if ignored: refused until built. */
const REFUSED: Readonly<Record<string, string>> = {
  ListenUSBFunction: 'USB FunctionFS endpoints (ListenUSBFunction=) are not supported yet',
};

/** systemd.socket(5) keys accepted and ignored for now, with a warning. */
const NOT_BUILT = [
  'SocketProtocol', 'TCPCongestion', 'SmackLabel',
  'SmackLabelIPIn', 'SmackLabelIPOut', 'SELinuxContextFromNet', 'PassFileDescriptorsToExec',
];

const DEFAULT_BACKLOG = 4096; // SOMAXCONN
const FDNAME_MAX = 255;

function parseBacklog(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ValueError('expected a non-negative integer');
  return Math.min(Number(value), 2 ** 31 - 1);
}

function parseFdName(value: string): string {
  if (value.length > FDNAME_MAX) throw new ValueError(`a file descriptor name is at most ${FDNAME_MAX} characters`);
  if (!/^[\x20-\x7e]+$/.test(value) || value.includes(':')) {
    throw new ValueError('a file descriptor name is printable ASCII without ":"');
  }
  return value;
}

function parseAbsolute(value: string): string {
  if (!value.startsWith('/')) throw new ValueError(`"${value}" is not an absolute path`);
  return value;
}

/**
 * The default Service= of a socket: foo.socket → foo.service, foo@bar.socket → foo@bar.service;
 * with Accept=yes the template the instances are made from: foo.socket → foo@.service.
 */
export function defaultService(socketName: string, accept = false): string {
  const stem = socketName.replace(/\.socket$/, '');
  return accept ? `${stem.replace(/@.*$/, '')}@.service` : `${stem}.service`;
}

/** systemd's refusals for Accept=yes: no Service= (instances come from the template), and only connection sockets. */
function checkAccept(r: SectionReader, listens: ListenAddress[]): void {
  const service = r.last('Service');
  if (service) r.fail(service, 'Service= cannot be set with Accept=yes: each connection gets an instance of the template named after the socket');
  const accept = r.last('Accept');
  const nonAccepting = listens.filter((l) => l.kind !== 'stream' && l.kind !== 'seqpacket');
  if (accept && nonAccepting.length > 0) {
    r.fail(accept, `Accept=yes needs stream or sequential-packet sockets, and ${nonAccepting.map((l) => l.display).join(', ')} accepts no connections`);
  }
}

/** TimeoutSec=: a time span, "infinity" or 0 for none. */
function parseTimeout(value: string): number {
  return value.trim() === 'infinity' ? 0 : parseTimespan(value);
}

function parsePositive(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) === 0) throw new ValueError('expected a positive integer');
  return Number(value);
}

function parseService(value: string): string {
  const name = parseUnitName(value);
  if (name.type !== 'service') throw new ValueError(`"${value}" is not a service unit (it must end in .service)`);
  if (name.isTemplate) throw new ValueError(`"${value}" is a template; with Accept=no, Service= names one service`);
  return name.full;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value.trim()))) throw new ValueError('expected a non-negative integer');
  return Number(value);
}

/** MessageQueueMaxMessages= and MessageQueueMessageSize=: both or neither (systemd.socket(5)). */
function readMessageQueue(r: SectionReader, warnings: ConfigError[]): SocketConfig['messageQueue'] {
  const maxMessages = r.one('MessageQueueMaxMessages', parseCount, 0);
  const messageSize = r.one('MessageQueueMessageSize', parseCount, 0);
  const lone = (maxMessages > 0) !== (messageSize > 0) ? r.last(maxMessages > 0 ? 'MessageQueueMaxMessages' : 'MessageQueueMessageSize') : undefined;
  if (lone) {
    warnings.push(new ConfigError(lone.file, lone.line, 'Socket', lone.key,
      'MessageQueueMaxMessages= and MessageQueueMessageSize= are used together or not at all; the kernel\'s defaults apply'));
  }
  return { maxMessages, messageSize };
}

/** Every key of [Socket] outside SUPPORTED: an error, a "not supported yet" warning, or "unknown". */
function unsupported(request: LoadRequest__Output, errors: ConfigError[], warnings: ConfigError[]): void {
  const supported = new Set<string>([...SUPPORTED, ...EXEC_KEYS]);
  const notBuilt = new Set(NOT_BUILT);
  for (const section of request.sections) {
    if (section.name !== 'Socket') continue;
    for (const e of section.entries) {
      if (supported.has(e.key)) continue;
      const refusal = REFUSED[e.key];
      if (refusal !== undefined) errors.push(new ConfigError(e.file, e.line, 'Socket', e.key, `${refusal}; the unit cannot start`));
      else if (notBuilt.has(e.key)) warnings.push(new ConfigError(e.file, e.line, 'Socket', e.key, `${e.key}= is not supported yet; ignored`));
      else warnings.push(new ConfigError(e.file, e.line, 'Socket', e.key, `unknown key ${e.key}= in [Socket] (or not supported yet); ignored`));
    }
  }
}

/**
 * The Listen lines in the order of configuration, which is the order of the fds (systemd.socket(5));
 * an empty value of any Listen key resets the list.
 */
function readListens(request: LoadRequest__Output, r: SectionReader, expand: (v: string) => string): ListenAddress[] {
  const all = request.sections.filter((s) => s.name === 'Socket').flatMap((s) => s.entries).filter((e) => e.key in LISTEN_KEYS);
  const reset = all.map((e) => e.value === '').lastIndexOf(true);
  const listens: ListenAddress[] = [];
  const at: Entry__Output[] = [];
  for (const entry of all.slice(reset + 1)) {
    let parsed: ListenAddress;
    try {
      parsed = parseListen(entry.key, expand(entry.value));
    } catch (error) {
      r.fail(entry, `invalid value '${entry.value}': ${(error as Error).message}`);
      continue;
    }
    const twin = listens.findIndex((l) => sameListen(l, parsed));
    if (twin >= 0) { r.fail(entry, `'${entry.value}' is listed twice (also at line ${at[twin]?.line ?? '?'})`); continue; }
    listens.push(parsed);
    at.push(entry);
  }
  return listens;
}

/** Parses the [Socket] section of `request`. */
export function parseSocketConfig(request: LoadRequest__Output): ParsedSocket {
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  unsupported(request, errors, warnings);
  const r = new SectionReader(request, 'Socket', [...SUPPORTED, ...EXEC_KEYS]);
  const expand = (value: string): string => expandSpecifiers(value, request.specifiers);
  const command = (value: string): ExecCommand[] => parseExecLines(value)
    .map((parsed) => ({ ...parsed, path: expand(parsed.path), argv: parsed.argv.map(expand) }));
  const listens = readListens(request, r, expand);
  const accept = r.one('Accept', parseBoolean, false);
  const config: SocketConfig = {
    listens,
    service: r.one('Service', (v) => parseService(expand(v)), defaultService(request.name, accept)),
    bindIPv6Only: r.one('BindIPv6Only', (v) => {
      if (v !== 'default' && v !== 'both' && v !== 'ipv6-only') throw new ValueError('expected default, both or ipv6-only');
      return v;
    }, 'default'),
    backlog: r.one('Backlog', parseBacklog, DEFAULT_BACKLOG),
    options: readSocketOptions(r),
    writable: r.one('Writable', parseBoolean, false),
    pipeSize: r.one('PipeSize', (v) => bufferSize(v) ?? 0, 0),
    messageQueue: readMessageQueue(r, warnings),
    socketMode: r.one('SocketMode', parseMode, 0o666),
    directoryMode: r.one('DirectoryMode', parseMode, 0o755),
    socketUser: r.one('SocketUser', expand, null as string | null),
    socketGroup: r.one('SocketGroup', expand, null as string | null),
    removeOnStop: r.one('RemoveOnStop', parseBoolean, false),
    symlinks: r.many('Symlinks', (v) => v.split(/\s+/).filter(Boolean).map((p) => parseAbsolute(expand(p)))).flat(),
    fdName: r.one('FileDescriptorName', (v) => parseFdName(expand(v)), request.name),
    triggerLimitIntervalUsec: r.one('TriggerLimitIntervalSec', (v) => parseTimespan(v), 2_000_000),
    // systemd.socket(5): the burst is 20 for Accept=no and 200 for Accept=yes.
    triggerLimitBurst: r.one('TriggerLimitBurst', parseCount, accept ? 200 : 20),
    accept,
    maxConnections: r.one('MaxConnections', parsePositive, 64),
    maxConnectionsPerSource: r.one('MaxConnectionsPerSource', parseCount, 0),
    flushPending: r.one('FlushPending', parseBoolean, false),
    pollLimit: {
      intervalUsec: r.one('PollLimitIntervalSec', (v) => parseTimespan(v), 2_000_000),
      burst: r.one('PollLimitBurst', parseCount, accept ? 150 : 15),
    },
    execStartPre: r.many('ExecStartPre', command).flat(),
    execStartPost: r.many('ExecStartPost', command).flat(),
    execStopPre: r.many('ExecStopPre', command).flat(),
    execStopPost: r.many('ExecStopPost', command).flat(),
    exec: parseExecSettings(r, request.specifiers),
    timeoutUsec: r.one('TimeoutSec', parseTimeout, managerTimeoutUsec(request, 'DefaultTimeoutStartUSec')),
    killSignal: r.one('KillSignal', parseSignal, 15),
  };
  if (accept) checkAccept(r, listens);
  errors.push(...r.errors);
  if (listens.length === 0 && r.errors.length === 0 && errors.length === 0) {
    errors.push(new ConfigError(request.fragment_path, 0, 'Socket', 'ListenStream',
      `${request.name} has no Listen setting (${Object.keys(LISTEN_KEYS).map((k) => `${k}=`).join(', ')}); refusing`));
  }
  const paths = listens.filter(isFileNode);
  if (config.symlinks.length > 0 && paths.length !== 1) {
    warnings.push(new ConfigError(request.fragment_path, 0, 'Socket', 'Symlinks',
      `Symlinks= needs exactly one socket or FIFO path among the Listen lines (there are ${paths.length}); ignored`));
    config.symlinks = [];
  }
  errors.sort((a, b) => a.line - b.line);
  return { config, errors, warnings };
}

/** systemd's property names and values of the config, for `sctl show`. */
export function socketProperties(config: SocketConfig): Record<string, string> {
  const kinds: Record<string, string> = {
    stream: 'Stream', dgram: 'Datagram', seqpacket: 'SequentialPacket', fifo: 'FIFO', special: 'Special', netlink: 'Netlink', mqueue: 'MessageQueue',
  };
  return {
    Listen: config.listens.map((l) => `${l.display} (${kinds[l.kind] ?? l.kind})`).join(' '),
    Accept: config.accept ? 'yes' : 'no',
    MaxConnections: String(config.maxConnections),
    MaxConnectionsPerSource: String(config.maxConnectionsPerSource),
    FlushPending: config.flushPending ? 'yes' : 'no',
    PollLimitIntervalUSec: String(config.pollLimit.intervalUsec),
    PollLimitBurst: String(config.pollLimit.burst),
    Service: config.service,
    BindIPv6Only: config.bindIPv6Only,
    Backlog: String(config.backlog),
    ...optionProperties(config.options),
    Writable: config.writable ? 'yes' : 'no',
    PipeSize: String(config.pipeSize),
    MessageQueueMaxMessages: String(config.messageQueue.maxMessages),
    MessageQueueMessageSize: String(config.messageQueue.messageSize),
    SocketMode: `0${config.socketMode.toString(8)}`,
    DirectoryMode: `0${config.directoryMode.toString(8)}`,
    RemoveOnStop: config.removeOnStop ? 'yes' : 'no',
    Symlinks: config.symlinks.join(' '),
    FileDescriptorName: config.fdName,
    TriggerLimitIntervalUSec: String(config.triggerLimitIntervalUsec),
    TriggerLimitBurst: String(config.triggerLimitBurst),
    CanReload: 'no',
  };
}
