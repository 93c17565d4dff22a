// The typed surface of the @sysmaster/sys addon: what Node cannot do for a service manager.
// This file is the contract between the addon (src/*.c, built by node-gyp) and its callers;
// every function here is exported from index.ts and tested against real processes.
import type { SysError } from './errors';

/** Where a standard stream of a spawned process goes. */
export type StdioSpec =
  | { kind: 'null' }
  /** The manager's own fd of the same number (stdin/stdout/stderr). */
  | { kind: 'inherit' }
  /** An fd the caller holds; it is dup2'd into place. */
  | { kind: 'fd'; fd: number }
  /**
   * A file opened in the child: read (stdin); write (from offset 0, not truncated: systemd's
   * StandardOutput=file:), append, or truncate. Created 0644 when absent.
   */
  | { kind: 'file'; path: string; mode: 'read' | 'write' | 'append' | 'truncate' }
  /** Same open file description as the process's stdout (only for stderr). */
  | { kind: 'stdout' };

/** One resource limit; Infinity means RLIM_INFINITY. */
export interface Rlimit {
  /** The RLIMIT_ name without the prefix, lower case: "nofile", "nproc", "core", "as", … */
  resource: string;
  soft: number;
  hard: number;
}

/**
 * Everything applied in the child between fork and exec, in this order: reset signal mask and
 * dispositions (SIGPIPE ignored with ignoreSigpipe); setsid; join cgroup (write "0" to
 * <cgroup>/cgroup.procs); nice; CPU affinity; I/O priority; oom score;
 * rlimits; umask; stdio; passed fds moved to 3…; close every other fd; setgroups/setgid/setuid;
 * chdir; LISTEN_PID=/WATCHDOG_PID=<own pid> appended to env when listenPid/watchdogPid is set; execve.
 * A failure in any step is reported to the parent (a CLOEXEC pipe) and spawn() throws.
 */
export interface ExecContext {
  /** Absolute path of the program. */
  path: string;
  /** argv, argv[0] included. */
  argv: string[];
  /** The complete environment, "KEY=VALUE" strings (the manager's own is never inherited). */
  env: string[];
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Supplementary groups; when uid is set and this is absent, the list is cleared. */
  groups?: number[];
  umask?: number;
  nice?: number;
  oomScoreAdjust?: number;
  /** CPUAffinity=: the CPU numbers the process may run on (sched_setaffinity(2)). */
  cpuAffinity?: number[];
  /** IOSchedulingClass=/IOSchedulingPriority= as ioprio_set(2)'s value: class << 13 | level. */
  ioPriority?: number;
  /** IgnoreSIGPIPE=: SIGPIPE's disposition is SIG_IGN instead of the default. */
  ignoreSigpipe?: boolean;
  rlimits?: Rlimit[];
  /** Start a new session (default true). */
  setsid?: boolean;
  /** Absolute path of a cgroup v2 directory to join before exec. */
  cgroup?: string;
  /** Default { kind: 'null' }. */
  stdin?: StdioSpec;
  /** Default { kind: 'inherit' } for stdout and stderr. */
  stdout?: StdioSpec;
  stderr?: StdioSpec;
  /** fds placed at 3, 4, … in the child, in this order (CLOEXEC cleared, O_NONBLOCK cleared). */
  fds?: number[];
  /** Append LISTEN_PID=<the child's own pid> to the environment (socket activation). */
  listenPid?: boolean;
  /** Append WATCHDOG_PID=<the child's own pid> to the environment (WatchdogSec=, sd_watchdog_enabled(3)). */
  watchdogPid?: boolean;
}

/** How a process ended, as waitpid reports it. */
export interface ExitInfo {
  pid: number;
  /** Exit status when the process exited, null when killed by a signal. */
  code: number | null;
  /** Signal name ("SIGKILL") when killed by a signal, null otherwise. */
  signal: string | null;
  /** True when the signal produced a core dump. */
  core: boolean;
}

/** Credentials of a Unix socket peer. */
export interface PeerCredentials { pid: number; uid: number; gid: number }

/** A connection taken off a listening socket: its fd and both ends' addresses (port 0 and "" for unix). */
export interface AcceptedConnection {
  fd: number;
  localFamily: 'inet' | 'inet6' | 'unix' | 'other';
  localAddress: string;
  localPort: number;
  peerFamily: 'inet' | 'inet6' | 'unix' | 'other';
  peerAddress: string;
  peerPort: number;
}

/** A listening socket created natively (Node's net.Server would accept on it). */
export interface ListenSpec {
  family: 'unix' | 'inet' | 'inet6' | 'netlink';
  /** raw only for netlink (systemd's ListenNetlink= makes SOCK_RAW). */
  type: 'stream' | 'dgram' | 'seqpacket' | 'raw';
  /** A path for unix ("@name" for abstract), an address for inet/inet6 ("" for any), "" for netlink. */
  address: string;
  port?: number;
  /** netlink: the netlink family, socket(2)'s protocol (NETLINK_ROUTE = 0, NETLINK_KOBJECT_UEVENT = 15, …). */
  protocol?: number;
  /** netlink: the multicast group mask bound (nl_groups; default 0, none). */
  groups?: number;
  backlog?: number;
  /** File mode of a unix socket path (default 0666). */
  mode?: number;
  /** Leave CLOEXEC off so the fd survives execve (default false). */
  inheritable?: boolean;
  // Socket options (systemd.socket(5)), set before bind(); absent = the kernel's default. Each
  // applies to the families where it means something and is skipped elsewhere (see sock.c).
  /** SO_REUSEPORT (inet only). */
  reusePort?: boolean;
  /** IP_FREEBIND / IPV6_FREEBIND (inet only). */
  freeBind?: boolean;
  /** IP_TRANSPARENT / IPV6_TRANSPARENT (inet only; needs CAP_NET_ADMIN). */
  transparent?: boolean;
  /** SO_BROADCAST (inet only). */
  broadcast?: boolean;
  /** SO_BINDTODEVICE: an interface name (inet only). Its failure fails listen(). */
  bindToDevice?: string;
  /** IPV6_V6ONLY (inet6 only): false makes `[::]` dual-stack. Its failure fails listen(). */
  v6Only?: boolean;
  /** SO_KEEPALIVE (unix, inet). */
  keepAlive?: boolean;
  /** TCP_KEEPIDLE in seconds (TCP only). */
  keepAliveTime?: number;
  /** TCP_KEEPINTVL in seconds (TCP only). */
  keepAliveInterval?: number;
  /** TCP_KEEPCNT (TCP only). */
  keepAliveProbes?: number;
  /** TCP_NODELAY (TCP only). */
  noDelay?: boolean;
  /** TCP_DEFER_ACCEPT in seconds (TCP only). */
  deferAccept?: number;
  /** SO_PASSCRED (unix, netlink). */
  passCredentials?: boolean;
  /** SO_PASSSEC (unix, netlink). */
  passSecurity?: boolean;
  /** IP_PKTINFO / IPV6_RECVPKTINFO / NETLINK_PKTINFO (not unix). */
  passPacketInfo?: boolean;
  /** SO_PRIORITY (above 6 needs CAP_NET_ADMIN). */
  priority?: number;
  /** IP_TOS, 0-255 (inet; on inet6 the TOS of IPv4 traffic). */
  ipTos?: number;
  /** IP_TTL / IPV6_UNICAST_HOPS, 1-255 (inet only). */
  ipTtl?: number;
  /** SO_MARK (needs CAP_NET_ADMIN). */
  mark?: number;
  /** SO_TIMESTAMP ("us") or SO_TIMESTAMPNS ("ns"). */
  timestamping?: 'us' | 'ns';
  /** SO_RCVBUF in bytes. */
  receiveBuffer?: number;
  /** SO_SNDBUF in bytes. */
  sendBuffer?: number;
}

/**
 * A socket option the kernel refused in listen() (SO_MARK without CAP_NET_ADMIN, TCP_KEEPIDLE 0):
 * the socket was made without it, as systemd warns and goes on. `error` is the setsockopt failure.
 */
export interface RefusedOption {
  option: keyof ListenSpec;
  error: SysError;
}

export type RebootCommand = 'poweroff' | 'reboot' | 'halt' | 'kexec' | 'cad-on' | 'cad-off';

/**
 * One datagram received on the notify socket (sd_notify(3)). `pid`/`uid`/`gid` come from the
 * kernel (SCM_CREDENTIALS), not from the sender's say; pid 0 means the kernel sent none.
 * `fds` are the passed descriptors (CLOEXEC), now owned by the receiver, which must close every
 * one it does not keep. `truncated`: the datagram or its fds did not fit (systemd drops such a
 * message; its fds must still be closed).
 */
export interface NotifyMessage {
  pid: number;
  uid: number;
  gid: number;
  data: string;
  fds: number[];
  truncated: boolean;
}
