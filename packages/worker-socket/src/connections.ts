// Accept=yes: one instance of the socket's service template per connection (systemd.socket(5)).
//
// The algorithm, and why it is shaped so:
//
// - Every listening fd is polled; when one is readable the worker accepts what is queued on it
//   (accept4, a blocking CLOEXEC fd; at most ACCEPT_BATCH per wake, so one busy socket cannot
//   hold the event loop) and polls it again. The socket stays `listening` throughout.
// - A connection beyond MaxConnections= running instances, or beyond MaxConnectionsPerSource=
//   from its source (the peer's IP address; a unix peer's uid), is closed at once and counted as
//   refused (systemd's NRefused); every accepted one counts against the trigger limit, whose
//   burst defaults to 200 for Accept=yes.
// - Each connection becomes the instance "<prefix>@<n>-<local>-<peer>.service" of the template
//   "<prefix>@.service", named as systemd's instance_from_socket() names it: n is the count of
//   connections accepted so far (NAccepted), inet ends are "address:port" (a v4-mapped address
//   in IPv4), a unix peer is "pid-uid" from SO_PEERCRED.
// - The connection fd reaches the instance's main process through the same hand-over as
//   Accept=no (handover.ts): a holder process of its own ("sm-socket-fds@<socket>#<n>") keeps it
//   and a record names the instance, so the service worker passes it (as stdin/stdout with
//   StandardInput=socket, else as fd 3 with LISTEN_FDS=1 and the name "connection"). This worker
//   closes its own copy as soon as the holder has it. The record and holder go once the
//   instance's main process exists (its watch shows a main pid, or an active state), or once it
//   is over without one, or after HANDOVER_TIMEOUT_MS without any progress, with a warning.
// - Each instance is followed through WorkerHost.WatchUnits (opened before the start job is
//   enqueued, so no state is missed) until it is inactive or failed again: that is
//   NConnections. The records are part of the persisted runtime, so a new worker (after a
//   SIGKILL) re-follows them and still ends their holders.
import { parseUnitName } from '@sysmaster/unit-file';
import type { UnitStatus__Output } from '@sysmaster/proto';
import { fromServiceError } from '@sysmaster/proto';
import type { AcceptedConnection, PeerCredentials } from '@sysmaster/sys';
import type { UnitWatch } from '@sysmaster/worker-kit';
import type { SocketConfig } from './config';
import type { SocketContext } from './os';
import type { PollLimiter } from './poll-limit';

/** One accepted connection the worker still follows, persisted with the unit's runtime. */
export interface ConnectionRecord {
  /** The key of its hand-over record and holder: "<socket>#<n>". */
  id: string;
  instance: string;
  /** The holder of the connection fd, 0 once released. */
  holderPid: number;
  /** The instance was seen starting (a state other than inactive). */
  started: boolean;
  /** Where it came from, for MaxConnectionsPerSource=: "inet:ADDRESS", "uid:N", or "". */
  source?: string;
}

/** What Accept=yes adds to a socket's runtime. */
export interface AcceptCounters {
  accepted: number;
  refused: number;
  connections: ConnectionRecord[];
}

/** Connections taken per readable event before the fd is polled again. */
const ACCEPT_BATCH = 16;
/** How long a connection's holder waits for its instance's main process (systemd's default start timeout). */
const HANDOVER_TIMEOUT_MS = 90_000;
/** LISTEN_FDNAMES of the connection fd, as systemd names it. */
const CONNECTION_FD_NAME = 'connection';

/** systemd's instance_from_socket(): "<n>-<local>-<peer>". */
function instanceText(nr: number, conn: AcceptedConnection, cred: PeerCredentials | null): string {
  if (conn.localFamily === 'inet' || conn.localFamily === 'inet6') {
    return `${nr}-${conn.localAddress}:${conn.localPort}-${conn.peerAddress}:${conn.peerPort}`;
  }
  if (conn.localFamily === 'unix') return cred === null ? `${nr}-unknown` : `${nr}-${cred.pid}-${cred.uid}`;
  return String(nr);
}

/** The source a connection counts against for MaxConnectionsPerSource=: its IP address, a unix peer's uid. */
function sourceOf(conn: AcceptedConnection, cred: PeerCredentials | null): string {
  if (conn.peerFamily === 'inet' || conn.peerFamily === 'inet6') return `inet:${conn.peerAddress}`;
  return cred === null ? '' : `uid:${cred.uid}`;
}

/** The instance of `template` ("foo@.service") for `text`. */
function instanceOf(template: string, text: string): string {
  const name = template.replace(/@\.service$/, `@${text}.service`);
  parseUnitName(name);
  return name;
}

export class Connections {
  private cancelPolls = new Map<number, () => void>();
  private readonly watches = new Map<string, { watch: UnitWatch; cancelTimer: () => void }>();

  constructor(
    private readonly unit: string,
    private readonly ctx: SocketContext,
    private readonly limiter: PollLimiter,
    private readonly counters: () => AcceptCounters,
    /** Counts one activation against the trigger limit; false when the limit is hit (the unit fails). */
    private readonly trigger: () => boolean,
    /** The counters or records changed: persist them and tell the core (NAccepted, NConnections). */
    private readonly touched: () => void,
  ) {}

  get running(): number { return this.counters().connections.length; }

  /** Polls every listening fd. */
  listen(fds: number[], config: SocketConfig): void {
    for (const fd of fds) this.poll(fd, config);
  }

  /** Re-follows the connections a previous worker left (their holders and instances). */
  resume(): void {
    for (const record of this.counters().connections) this.follow(record);
  }

  /** Stops polling and following; ends the holders of connections not handed over yet. */
  close(): void {
    this.stopPolling();
    for (const record of this.counters().connections) this.release(record);
    for (const { watch, cancelTimer } of this.watches.values()) { watch.close(); cancelTimer(); }
    this.watches.clear();
    this.counters().connections = [];
  }

  /** Forgets polls and watches, keeping holders and records (the worker exits; the next resumes). */
  detach(): void {
    this.stopPolling();
    for (const { watch, cancelTimer } of this.watches.values()) { watch.close(); cancelTimer(); }
    this.watches.clear();
  }

  private stopPolling(): void {
    for (const cancel of this.cancelPolls.values()) cancel();
    this.cancelPolls.clear();
  }

  private poll(fd: number, config: SocketConfig): void {
    this.cancelPolls.set(fd, this.limiter.poll(fd, config.pollLimit ?? { intervalUsec: 0, burst: 0 }, () => {
      this.cancelPolls.delete(fd);
      if (this.acceptSome(fd, config)) this.poll(fd, config);
    }));
  }

  /** Takes up to ACCEPT_BATCH connections off fd; false when the unit failed meanwhile. */
  private acceptSome(fd: number, config: SocketConfig): boolean {
    for (let i = 0; i < ACCEPT_BATCH; i++) {
      let conn: AcceptedConnection | null;
      try {
        conn = this.ctx.os.acceptConnection(fd);
      } catch (error) {
        this.ctx.log.warn(`${this.unit}: accept failed: ${(error as Error).message}`, { unit: this.unit });
        return true;
      }
      if (conn === null) return true;
      const cred = conn.peerFamily === 'unix' ? this.credentialsOf(conn) : null;
      const source = sourceOf(conn, cred);
      const fromSource = source === '' ? 0 : this.counters().connections.filter((r) => r.source === source).length;
      const perSource = config.maxConnectionsPerSource > 0 && fromSource >= config.maxConnectionsPerSource;
      if (this.running >= config.maxConnections || perSource) {
        this.ctx.os.closeFd(conn.fd);
        this.counters().refused++;
        const why = perSource ? `too many incoming connections (${fromSource}) from source ${source}` : `too many incoming connections (${this.running})`;
        this.ctx.log.warn(`${this.unit}: ${why}, dropping connection`, { unit: this.unit });
        this.touched();
        continue;
      }
      if (!this.trigger()) {
        this.ctx.os.closeFd(conn.fd);
        return false;
      }
      this.take(conn, config, source, cred);
    }
    return true;
  }

  /** SO_PEERCRED of a unix connection, read once for its source and its instance name; null when unknown. */
  private credentialsOf(conn: AcceptedConnection): PeerCredentials | null {
    try {
      return this.ctx.os.peerCredentials(conn.fd);
    } catch {
      return null;
    }
  }

  /** Hands one connection to a new instance: holder, record, watch, start job. */
  private take(conn: AcceptedConnection, config: SocketConfig, source: string, cred: PeerCredentials | null): void {
    const counters = this.counters();
    const nr = counters.accepted++;
    const os = this.ctx.os;
    let instance: string;
    let holderPid: number;
    const id = `${this.unit}#${nr}`;
    try {
      instance = instanceOf(config.service, instanceText(nr, conn, cred));
      holderPid = os.spawnHolder(id, [conn.fd]);
    } catch (error) {
      this.ctx.log.warn(`${this.unit}: cannot hand connection ${nr} over: ${(error as Error).message}`, { unit: this.unit });
      return;
    } finally {
      os.closeFd(conn.fd);
    }
    os.writeHandover(id, { unit: id, service: instance, holderPid, names: [CONNECTION_FD_NAME] });
    const record: ConnectionRecord = { id, instance, holderPid, started: false, source };
    counters.connections.push(record);
    this.touched();
    this.follow(record);
    this.ctx.host.core.enqueueJob(instance, 'start', 'replace').catch((error: unknown) => {
      this.ctx.log.warn(`${this.unit}: cannot start ${instance}: ${fromServiceError(error).message}`, { unit: this.unit });
      this.done(record);
    });
  }

  private follow(record: ConnectionRecord): void {
    const watch = this.ctx.host.core.watchUnits([record.instance], (status) => this.changed(record, status));
    const cancelTimer = this.ctx.os.setTimer(HANDOVER_TIMEOUT_MS, () => {
      if (record.holderPid === 0) return;
      this.ctx.log.warn(`${this.unit}: ${record.instance} did not take its connection within ${HANDOVER_TIMEOUT_MS / 1000}s; closing it`, { unit: this.unit });
      this.done(record);
    });
    this.watches.set(record.id, { watch, cancelTimer });
  }

  private changed(record: ConnectionRecord, status: UnitStatus__Output): void {
    const state = status.active_state;
    if (state !== 'inactive' && state !== 'failed' && !record.started) {
      record.started = true;
      this.touched();
    }
    const spawned = status.main_pid > 0 || state === 'active' || state === 'reloading' || state === 'deactivating';
    if (spawned && record.holderPid !== 0) {
      this.release(record);
      this.touched();
    }
    if ((state === 'inactive' || state === 'failed') && record.started) this.done(record);
  }

  /** The instance is over (or never came): forget the connection. */
  private done(record: ConnectionRecord): void {
    this.release(record);
    const entry = this.watches.get(record.id);
    entry?.watch.close();
    entry?.cancelTimer();
    this.watches.delete(record.id);
    const counters = this.counters();
    counters.connections = counters.connections.filter((r) => r.id !== record.id);
    this.touched();
  }

  /** Ends the connection's holder and removes its record (the instance has its own copy, or never will). */
  private release(record: ConnectionRecord): void {
    if (record.holderPid === 0) return;
    this.ctx.os.endHolder(record.id, record.holderPid);
    this.ctx.os.writeHandover(record.id, null);
    record.holderPid = 0;
  }
}
