// The grpc-js service definitions of the contracts, built from the descriptor that
// scripts/gen-proto.mjs made from protos/sysmaster/v1 at build time (generated/descriptor.ts), so
// no process reads or parses .proto text when it starts.
//
// This does what @grpc/proto-loader's loadSync() + createPackageDefinition() do for a service, and
// no more: the same path, the same serializer (fromObject, then encode) and deserializer (decode,
// then toObject with the loader options the types were generated with: scripts/gen-proto.mjs), so
// the objects handlers and callers see are the ones the generated types describe. What it leaves
// out is what nothing here uses and what made proto-loader cost tens of milliseconds at every
// start: the full protobufjs with its .proto parser, and a FileDescriptorProto for every message
// (for server reflection). It uses protobufjs/light (reflection without the parser), and builds a
// service's definition on first use, so sctl, which talks to the Manager only, builds that one.
import * as protobuf from 'protobufjs/light';
import type * as grpc from '@grpc/grpc-js';
import { DESCRIPTOR } from './generated/descriptor';
import type { ServiceName } from './services';

/** The toObject options of every decoded message (proto-loader's longs, enums, defaults, oneofs). */
const DECODE_OPTIONS: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: true, oneofs: true };

/** The package the services live in (protos/sysmaster/v1: `package sysmaster.v1;`). */
const PACKAGE = 'sysmaster.v1';

let root: protobuf.Root | undefined;
const definitions = new Map<ServiceName, grpc.ServiceDefinition>();

function serializer(type: protobuf.Type): grpc.serialize<unknown> {
  return (value: unknown) => {
    if (Array.isArray(value)) throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    // In Node, protobufjs writes into a Buffer (its BufferWriter).
    return type.encode(type.fromObject(value as Record<string, unknown>)).finish() as Buffer;
  };
}

function deserializer(type: protobuf.Type): grpc.deserialize<unknown> {
  return (bytes: Buffer) => type.toObject(type.decode(bytes), DECODE_OPTIONS);
}

/** The definition of one method, as proto-loader would have made it (without reflection data). */
function methodDefinition(method: protobuf.Method, service: string): grpc.MethodDefinition<unknown, unknown> {
  method.resolve();
  const request = method.resolvedRequestType!;
  const response = method.resolvedResponseType!;
  return {
    path: `/${service}/${method.name}`,
    requestStream: !!method.requestStream,
    responseStream: !!method.responseStream,
    requestSerialize: serializer(request),
    requestDeserialize: deserializer(request),
    responseSerialize: serializer(response),
    responseDeserialize: deserializer(response),
    // proto-loader's camelCase(name): grpc-js adds the client method under this name too.
    originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
  };
}

/** The grpc-js definition of service `name` (cached: built once per process). */
export function serviceDefinition(name: ServiceName): grpc.ServiceDefinition {
  let definition = definitions.get(name);
  if (!definition) {
    root ??= protobuf.Root.fromJSON(DESCRIPTOR);
    const service = root.lookupService(`${PACKAGE}.${name}`);
    definition = Object.fromEntries(service.methodsArray.map((m) => [m.name, methodDefinition(m, `${PACKAGE}.${name}`)]));
    definitions.set(name, definition);
  }
  return definition;
}
