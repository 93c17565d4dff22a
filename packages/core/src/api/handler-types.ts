// Precise handler types for implement(). @sysmaster/proto's Handlers<S> maps over the generated
// service definition, which inherits grpc.ServiceDefinition's string index signature; that index
// signature turns every concrete handler into "not assignable". Dropping it keeps the per-RPC
// checking; the result is cast once where it is handed to implement().
import type { Handlers } from '@sysmaster/proto';

type WithoutIndexSignature<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

export type StrictHandlers<S extends 'Manager' | 'WorkerHost'> = WithoutIndexSignature<Handlers<S>>;

/** The form implement() accepts. */
export function forImplement<S extends 'Manager' | 'WorkerHost'>(handlers: StrictHandlers<S>): Partial<Handlers<S>> {
  return handlers as unknown as Partial<Handlers<S>>;
}
