// A thin promise layer over grpc-js, so application code never sees the callback overloads.
//
// Clients: `connect('Manager', socketPath)` returns an object with one method per RPC. A unary
// method returns a Promise of the reply; a server-streaming method returns the grpc-js readable
// stream (an async iterable of replies, with cancel()). Rejections are SysmasterErrors carrying
// the code the server raised (see errors.ts).
//
// Servers: `implement('Manager', handlers)` turns async handlers into the callback form grpc-js
// wants. Every handler is wrapped: a thrown error becomes a gRPC status, never a crash, and a
// request that the protobuf decoder could not read never reaches a handler (grpc-js answers it).
import path from 'node:path';
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { ServiceDefinitions, ServiceName } from './services';
import { serviceDefinition } from './definition';
import { SysmasterError, fromServiceError, toServiceError } from './errors';
import { labelSocket, type Admission } from './admission';
import { checkRequest, largestMessage, limitsOf } from './limits';

const clientConstructors = new Map<ServiceName, grpc.ServiceClientConstructor>();

/** The grpc-js client class of `service`, made once per process. */
function clientConstructor(service: ServiceName): grpc.ServiceClientConstructor {
  let ctor = clientConstructors.get(service);
  if (!ctor) {
    ctor = grpc.makeClientConstructor(serviceDefinition(service), `sysmaster.v1.${service}`);
    clientConstructors.set(service, ctor);
  }
  return ctor;
}

type RequestOf<M> = M extends MethodDefinition<infer Req, infer _Res, infer _ReqOut, infer _ResOut> ? Req : never;
type RequestOutOf<M> = M extends MethodDefinition<infer _Req, infer _Res, infer ReqOut, infer _ResOut> ? ReqOut : never;
type ResponseOf<M> = M extends MethodDefinition<infer _Req, infer Res, infer _ReqOut, infer _ResOut> ? Res : never;
type ResponseOutOf<M> = M extends MethodDefinition<infer _Req, infer _Res, infer _ReqOut, infer ResOut> ? ResOut : never;

/** The method names of a generated definition, without the index signature it inherits from grpc.ServiceDefinition. */
type MethodNames<D> = keyof { [K in keyof D as string extends K ? never : number extends K ? never : K]: D[K] };

/** The server-streaming RPCs of each service (the rest are unary). */
interface StreamingMethods {
  Init: never;
  Manager: 'Logs' | 'Subscribe';
  UnitWorker: 'Watch' | 'Logs';
  WorkerHost: 'WatchUnits' | 'WatchJobQueue';
}

/** Options for one call. */
export interface CallOptions {
  /** Milliseconds until the call fails with ERR_TIMEOUT; none by default. */
  timeoutMs?: number;
}

/** The promise-style client of service S. */
export type Client<S extends ServiceName> = {
  [K in MethodNames<ServiceDefinitions[S]>]: K extends StreamingMethods[S]
    ? (request: RequestOf<ServiceDefinitions[S][K]>, options?: CallOptions) => grpc.ClientReadableStream<ResponseOutOf<ServiceDefinitions[S][K]>>
    : (request: RequestOf<ServiceDefinitions[S][K]>, options?: CallOptions) => Promise<ResponseOutOf<ServiceDefinitions[S][K]>>;
} & {
  /** Closes the channel. */
  close(): void;
  /** Resolves once the channel is connected, rejects after timeoutMs. */
  waitForReady(timeoutMs: number): Promise<void>;
};

function deadline(options?: CallOptions): grpc.CallOptions {
  return options?.timeoutMs ? { deadline: Date.now() + options.timeoutMs } : {};
}

/** Opens a client of service `service` on the Unix socket at `socketPath`. */
export function connect<S extends ServiceName>(service: S, socketPath: string, channelOptions: grpc.ChannelOptions = {}): Client<S> {
  const ctor = clientConstructor(service);
  const raw = new ctor(`unix:${socketPath}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    ...channelOptions,
  });
  const out: Record<string, unknown> = {
    close: () => raw.close(),
    waitForReady: (timeoutMs: number) => new Promise<void>((resolve, reject) => {
      raw.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(fromServiceError(err)) : resolve()));
    }),
  };
  const metadata = (): grpc.Metadata => new grpc.Metadata();
  for (const [name, def] of Object.entries(ctor.service)) {
    const method = (raw as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.bind(raw);
    if (def.responseStream) {
      out[name] = (request: unknown, options?: CallOptions) => method(request, metadata(), deadline(options));
    } else {
      out[name] = (request: unknown, options?: CallOptions) => new Promise((resolve, reject) => {
        method(request, metadata(), deadline(options), (err: grpc.ServiceError | null, reply: unknown) => {
          if (err) reject(fromServiceError(err));
          else resolve(reply);
        });
      });
    }
  }
  return out as Client<S>;
}

/** When retrying() makes a failed call again. */
export interface RetryPolicy {
  /** No retry once this long has passed since the first attempt. */
  budgetMs: number;
  /** Asked before each retry; false gives up with the error (e.g. nobody listens on the socket). */
  mayRetry?: (method: string, attempt: number, error: Error) => boolean | Promise<boolean>;
}

/**
 * The same client, with every unary call that fails ERR_UNAVAILABLE (the server went away
 * mid-call or is not serving yet: a core that crashed or re-executes behind a socket that stays)
 * made again after a short pause, as the policy allows. Streams are not retried (their caller
 * decides). A retried call must be safe to repeat: requests that queue jobs carry a request id
 * for that (manager.proto UnitJobRequest.request_id).
 */
export function retrying<S extends ServiceName>(client: Client<S>, policy: RetryPolicy): Client<S> {
  const out: Record<string, unknown> = { ...client };
  for (const [name, call] of Object.entries(client as Record<string, unknown>)) {
    if (name === 'close' || name === 'waitForReady' || typeof call !== 'function') continue;
    const invoke = call as (r: unknown, o?: CallOptions) => unknown;
    out[name] = (request: unknown, options?: CallOptions) => {
      const first = invoke(request, options);
      if (!(first instanceof Promise)) return first; // a stream
      const started = Date.now();
      const attempt = async (promise: Promise<unknown>, n: number): Promise<unknown> => {
        try {
          return await promise;
        } catch (error) {
          if ((error as { code?: string }).code !== 'ERR_UNAVAILABLE' || Date.now() - started >= policy.budgetMs) throw error;
          if (policy.mayRetry && !(await policy.mayRetry(name, n, error as Error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** Math.min(n, 5))));
          return attempt(invoke(request, options) as Promise<unknown>, n + 1);
        }
      };
      return attempt(first, 1);
    };
  }
  return out as Client<S>;
}

/** The async handlers a server of service S implements. */
export type Handlers<S extends ServiceName> = {
  [K in MethodNames<ServiceDefinitions[S]>]: K extends StreamingMethods[S]
    ? (call: grpc.ServerWritableStream<RequestOutOf<ServiceDefinitions[S][K]>, ResponseOf<ServiceDefinitions[S][K]>>) => void | Promise<void>
    : (request: RequestOutOf<ServiceDefinitions[S][K]>, call: grpc.ServerUnaryCall<RequestOutOf<ServiceDefinitions[S][K]>, ResponseOf<ServiceDefinitions[S][K]>>) => Promise<ResponseOf<ServiceDefinitions[S][K]>>;
};

/** Reports an error a handler raised; servers pass their logger here. */
export type HandlerErrorReporter = (method: string, error: unknown) => void;

/** How implement() serves: who hears of handler errors, and the queue requests wait in. */
export interface ImplementOptions {
  report?: HandlerErrorReporter;
  /**
   * The fair queue unary requests wait in and that counts streams (admission.ts); none runs each
   * handler as its request arrives (tests).
   */
  admission?: Admission;
}

/** The liveness RPCs that bypass admission: answered ahead of client work (admission.ts). */
const URGENT_METHODS: Readonly<Partial<Record<ServiceName, readonly string[]>>> = {
  Manager: ['Keepalive'],
  Init: ['Status'],
  UnitWorker: ['Describe'],
};

function unimplemented(service: ServiceName, name: string): Partial<grpc.StatusObject> {
  return toServiceError(new SysmasterError('ERR_UNIMPLEMENTED', `${service}.${name} is not implemented by this process`));
}

/**
 * Adds service S to `server` with the given async handlers. Every request is first checked
 * against the service's bounds (limits.ts) and answered INVALID_ARGUMENT past one; unary requests
 * then wait their turn in `options.admission`. Every handler is wrapped so that a thrown error is
 * answered as a gRPC status (SysmasterError keeps its code) and reported, never propagated into
 * the event loop.
 */
export function implement<S extends ServiceName>(server: grpc.Server, service: S, handlers: Partial<Handlers<S>>, options: ImplementOptions = {}): void {
  const { report, admission } = options;
  const definition = serviceDefinition(service);
  const urgent = new Set(URGENT_METHODS[service] ?? []);
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, def] of Object.entries(definition)) {
    const handler = (handlers as Record<string, ((...a: unknown[]) => unknown) | undefined>)[name];
    const limits = limitsOf(service, name);
    if (def.responseStream) {
      wrapped[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        call.on('error', () => undefined);
        const refused = handler ? checkRequest(name, call.request, limits) : null;
        if (!handler || refused) {
          call.emit('error', refused ? toServiceError(refused) : unimplemented(service, name));
          return;
        }
        const slot = admission?.openStream(call);
        if (slot && !slot.admitted) {
          call.emit('error', toServiceError(slot.error));
          return;
        }
        if (slot) for (const event of ['close', 'finish', 'cancelled', 'error']) call.once(event, slot.release);
        Promise.resolve().then(() => handler(call)).catch((error: unknown) => {
          report?.(name, error);
          call.emit('error', toServiceError(error));
        });
      };
    } else {
      wrapped[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        if (!handler) {
          callback(unimplemented(service, name));
          return;
        }
        const refused = checkRequest(name, call.request, limits);
        if (refused) {
          callback(toServiceError(refused));
          return;
        }
        const run = (): Promise<unknown> => Promise.resolve().then(() => handler(call.request, call)).then(
          (reply) => callback(null, reply),
          (error: unknown) => {
            if (!(error instanceof SysmasterError)) report?.(name, error);
            callback(toServiceError(error));
          },
        );
        if (admission && !urgent.has(name)) admission.enqueue(call, run, (error) => callback(toServiceError(error)));
        else void run();
      };
    }
  }
  server.addService(definition, wrapped);
}

/** How many calls one connection may have open at once (below admission's queuedPerConnection). */
const MAX_STREAMS_PER_CONNECTION = 128;

/**
 * A grpc.Server for `service`, with grpc-js's receive limit set to the service's largest request
 * (limits.ts), so an oversized message is refused before it is decoded.
 */
export function createServer(service: ServiceName): grpc.Server {
  return new grpc.Server({
    'grpc.max_receive_message_length': largestMessage(service),
    // Node's http2 allows a session 10 MB of unsent data before it resets every stream of the
    // connection (ENHANCE_YOUR_CALM): a client that asks faster than it reads would lose every
    // call it has open, not only the one that overflowed.
    'grpc-node.max_session_memory': 256,
    // A connection may have this many calls open at once (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS):
    // a client that starts more waits on its own side for earlier ones to finish, so one
    // connection's flood never arrives as one burst the server must decode and answer at once.
    'grpc.max_concurrent_streams': MAX_STREAMS_PER_CONNECTION,
  });
}

/** Tells the uid of a connected peer (SO_PEERCRED), or null when it cannot. */
export type PeerIdentifier = (socket: net.Socket) => number | null;

/**
 * Accepts connections on `listener` and hands each to `server`, labelled with its caller
 * (admission.ts labelSocket: the peer's uid from `identify`, null without it) so that admission
 * can tell callers apart.
 */
export function injectConnections(server: grpc.Server, listener: net.Server, identify?: PeerIdentifier): void {
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  listener.on('connection', (socket: net.Socket) => {
    socket.on('error', () => socket.destroy());
    labelSocket(socket, identify ? identify(socket) : null);
    injector.injectConnection(socket);
  });
  // The server's shutdown stops its listener too, as it would have stopped a socket it had bound
  // itself (bindAsync): callers shut down one object, and no listener outlives its server.
  const stop = (): void => { if (listener.listening) listener.close(); };
  const forceShutdown = server.forceShutdown.bind(server);
  const tryShutdown = server.tryShutdown.bind(server);
  server.forceShutdown = () => { stop(); forceShutdown(); };
  server.tryShutdown = (callback) => { stop(); tryShutdown(callback); };
}

/**
 * Serves `server` on a Unix socket at `socketPath` (replacing a stale socket file). Returns the
 * listener; closing it, or shutting the server down, stops new connections (and unlinks the path,
 * as net.Server does).
 */
export async function serveOnPath(server: grpc.Server, socketPath: string, identify?: PeerIdentifier): Promise<net.Server> {
  const fs = await import('node:fs');
  fs.rmSync(socketPath, { force: true });
  fs.mkdirSync(path.dirname(socketPath), { recursive: true });
  const listener = net.createServer();
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(socketPath, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  listener.on('error', () => undefined);
  injectConnections(server, listener, identify);
  return listener;
}

/**
 * Serves `server` on an already-listening socket inherited as file descriptor `fd` (the sctl
 * socket that init creates once and hands to every core). Returns the net.Server that accepts on
 * it; each accepted connection is labelled with its peer's uid and handed to grpc-js.
 */
export function serveOnFd(server: grpc.Server, fd: number, identify?: PeerIdentifier): net.Server {
  const listener = net.createServer();
  listener.on('error', () => undefined);
  injectConnections(server, listener, identify);
  listener.listen({ fd });
  return listener;
}
