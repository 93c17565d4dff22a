// Fair admission: which request a server runs next, so that no caller can stall the process.
//
// A Node server has one thread. grpc-js runs a handler as soon as its request is decoded, so a
// burst of 2,000 requests on one connection is 2,000 handlers run back to back before the event
// loop reads anything else: init's keepalive then waits seconds behind them and init replaces a
// healthy core (issue 15 measured 2.4 s for 1,000 ListUnits, 4.0 s for 2,000, all from an
// unprivileged user on the world-writable public socket).
//
// Admission puts a queue between decoding and running:
// - Every request belongs to a caller: the uid of its connection (read from SO_PEERCRED when the
//   connection was accepted, see labelSocket()) and the connection itself. Requests wait in one
//   FIFO per caller uid.
// - The dispatcher starts one request per turn of the event loop (setImmediate), so between two
//   handlers the loop polls its sockets and timers: a request that arrives while a flood waits is
//   decoded at once and queued, not stuck behind the flood in libuv.
// - Callers are served round robin, with root (uid 0) and unlabelled local callers (the core on a
//   worker's socket) first: a flood from one user slows that user, not root's `sctl status` nor
//   another user.
// - Bounds: a caller may have `queuedPerCaller` requests waiting, one connection
//   `queuedPerConnection`, and the server `queuedTotal`; past a bound the request is answered at
//   once with ERR_BUSY (gRPC RESOURCE_EXHAUSTED), an answer rather than a wait. A caller may hold
//   `streamsPerCaller` open streams (Subscribe, Logs -f, Watch). Handlers that have started are
//   not counted: a started handler that awaits (WaitJobs waits for jobs, a Stop for a process)
//   holds no CPU, and capping them would let a few waiting calls block the caller's next one.
// - Urgent methods (the keepalives: Manager.Keepalive, Init.Status, UnitWorker.Describe) bypass
//   the queue: liveness is answered ahead of client work.
// - A request whose caller gave up (deadline passed, cancelled) while it waited is dropped
//   without running.
import { SysmasterError } from './errors';

/** The bounds of one server's admission (see the essay above). */
export interface AdmissionLimits {
  queuedPerCaller: number;
  queuedPerConnection: number;
  queuedTotal: number;
  streamsPerCaller: number;
}

/** The bounds every server uses unless it says otherwise. */
export const DEFAULT_ADMISSION_LIMITS: Readonly<AdmissionLimits> = {
  queuedPerCaller: 512,
  queuedPerConnection: 256,
  queuedTotal: 8192,
  streamsPerCaller: 64,
};

/** Who sent a request: the uid of its connection (null when unknown) and the connection. */
export interface Caller {
  uid: number | null;
  connection: number;
}

/** The part of a grpc-js call that admission looks at. */
export interface AdmittedCall {
  /** grpc-js: "ip:port", a path, or here the label that labelSocket() gave the connection. */
  getPeer(): string;
  readonly cancelled: boolean;
}

const LABEL_PREFIX = 'sysmaster-peer';
let nextConnection = 1;

/**
 * Labels an accepted socket with its connection number and peer uid, so that every call made on
 * it can tell its caller (grpc-js reports `socket.remoteAddress` as a call's peer; a Unix socket
 * has none of its own).
 */
export function labelSocket(socket: { remoteAddress?: string | undefined }, uid: number | null): Caller {
  const caller = { uid, connection: nextConnection++ };
  Object.defineProperty(socket, 'remoteAddress', {
    value: `${LABEL_PREFIX}:conn=${caller.connection}:uid=${uid ?? 'unknown'}`, configurable: true,
  });
  return caller;
}

/** The caller of a call, from its peer label; an unlabelled peer is connection 0, uid unknown. */
export function callerOf(call: Pick<AdmittedCall, 'getPeer'>): Caller {
  const match = /^sysmaster-peer:conn=(\d+):uid=(\d+|unknown)$/u.exec(call.getPeer());
  if (match === null) return { uid: null, connection: 0 };
  return { connection: Number(match[1]), uid: match[2] === 'unknown' ? null : Number(match[2]) };
}

/** The text callers see for a caller: "uid 1000", or "this connection" when the uid is unknown. */
function who(caller: Caller): string {
  return caller.uid === null ? 'this connection' : `uid ${caller.uid}`;
}

interface Waiting {
  call: AdmittedCall;
  caller: Caller;
  run: () => Promise<unknown>;
}

/** One caller's queue and counters. */
interface Lane {
  key: string;
  first: boolean;
  waiting: Waiting[];
  streams: number;
}

/** The queue in front of one or more servers' handlers (see the essay at the top). */
export class Admission {
  private readonly lanes = new Map<string, Lane>();
  /** Lanes with waiting requests, in round-robin order; served lanes move to the back. */
  private readonly ready: Lane[] = [];
  private readonly waitingPerConnection = new Map<number, number>();
  private queued = 0;
  private scheduled = false;
  private readonly limits: AdmissionLimits;

  constructor(limits: Partial<AdmissionLimits> = {}, private readonly defer: (task: () => void) => void = setImmediate) {
    this.limits = { ...DEFAULT_ADMISSION_LIMITS, ...limits };
  }

  /** How many requests wait, for tests and Status. */
  get waiting(): number {
    return this.queued;
  }

  /**
   * Queues `run` for `call`'s caller. `run` is started when its turn comes; `refuse` answers the
   * call with ERR_BUSY at once when a bound is reached.
   */
  enqueue(call: AdmittedCall, run: () => Promise<unknown>, refuse: (error: SysmasterError) => void): void {
    const caller = callerOf(call);
    const lane = this.laneOf(caller);
    const onConnection = this.waitingPerConnection.get(caller.connection) ?? 0;
    const full = lane.waiting.length >= this.limits.queuedPerCaller ? `${who(caller)} has ${lane.waiting.length} requests waiting`
      : onConnection >= this.limits.queuedPerConnection ? `this connection has ${onConnection} requests waiting`
        : this.queued >= this.limits.queuedTotal ? `${this.queued} requests are waiting` : null;
    if (full !== null) {
      refuse(new SysmasterError('ERR_BUSY', `Too many requests: ${full}.`, {
        hint: 'Wait for the earlier requests to be answered, then retry.',
      }));
      return;
    }
    lane.waiting.push({ call, caller, run });
    this.waitingPerConnection.set(caller.connection, onConnection + 1);
    this.queued++;
    if (lane.waiting.length === 1) this.ready.push(lane);
    this.schedule();
  }

  /**
   * Counts a stream opened by `call`'s caller; false (and nothing counted) when the caller holds
   * streamsPerCaller already. `release` must be called once when the stream ends.
   */
  openStream(call: AdmittedCall): { admitted: true; release: () => void } | { admitted: false; error: SysmasterError } {
    const caller = callerOf(call);
    const lane = this.laneOf(caller);
    if (lane.streams >= this.limits.streamsPerCaller) {
      return { admitted: false, error: new SysmasterError('ERR_BUSY', `Too many streams: ${who(caller)} holds ${lane.streams} open streams.`, {
        hint: 'Close an earlier stream (a Subscribe, Logs --follow or Watch) first.',
      }) };
    }
    lane.streams++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        lane.streams--;
        this.forget(lane);
      },
    };
  }

  private laneOf(caller: Caller): Lane {
    const key = caller.uid === null ? `connection ${caller.connection}` : `uid ${caller.uid}`;
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      // Root, and callers whose uid is unknown (local connections to a root-only socket), first.
      lane = { key, first: caller.uid === null || caller.uid === 0, waiting: [], streams: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Drops a lane that holds nothing, so the map does not grow with every connection ever made. */
  private forget(lane: Lane): void {
    if (lane.waiting.length === 0 && lane.streams === 0) this.lanes.delete(lane.key);
  }

  private schedule(): void {
    if (this.scheduled || this.ready.length === 0) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.dispatchOne();
      this.schedule();
    });
  }

  /** The next lane to serve: the first ready lane of the first tier, round robin within it. */
  private nextLane(): Lane | undefined {
    const index = this.ready.findIndex((lane) => lane.first);
    const at = index >= 0 ? index : 0;
    return this.ready.splice(at, 1)[0];
  }

  private dispatchOne(): void {
    const lane = this.nextLane();
    if (lane === undefined) return;
    const item = lane.waiting.shift();
    if (item === undefined) return;
    this.queued--;
    const left = (this.waitingPerConnection.get(item.caller.connection) ?? 1) - 1;
    if (left > 0) this.waitingPerConnection.set(item.caller.connection, left);
    else this.waitingPerConnection.delete(item.caller.connection);
    if (lane.waiting.length > 0) this.ready.push(lane);
    else this.forget(lane);
    // A caller that gave up while it waited (its deadline passed, it went away) has been answered
    // by grpc-js already, and nobody waits for the work.
    if (!item.call.cancelled) void item.run();
  }
}
