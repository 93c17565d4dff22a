// Original file: protos/sysmaster/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DescribeRequest as _sysmaster_v1_DescribeRequest, DescribeRequest__Output as _sysmaster_v1_DescribeRequest__Output } from '../../sysmaster/v1/DescribeRequest';
import type { DescribeResponse as _sysmaster_v1_DescribeResponse, DescribeResponse__Output as _sysmaster_v1_DescribeResponse__Output } from '../../sysmaster/v1/DescribeResponse';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { KillRequest as _sysmaster_v1_KillRequest, KillRequest__Output as _sysmaster_v1_KillRequest__Output } from '../../sysmaster/v1/KillRequest';
import type { ListRequest as _sysmaster_v1_ListRequest, ListRequest__Output as _sysmaster_v1_ListRequest__Output } from '../../sysmaster/v1/ListRequest';
import type { ListResponse as _sysmaster_v1_ListResponse, ListResponse__Output as _sysmaster_v1_ListResponse__Output } from '../../sysmaster/v1/ListResponse';
import type { LoadRequest as _sysmaster_v1_LoadRequest, LoadRequest__Output as _sysmaster_v1_LoadRequest__Output } from '../../sysmaster/v1/LoadRequest';
import type { LoadResponse as _sysmaster_v1_LoadResponse, LoadResponse__Output as _sysmaster_v1_LoadResponse__Output } from '../../sysmaster/v1/LoadResponse';
import type { ReexecRequest as _sysmaster_v1_ReexecRequest, ReexecRequest__Output as _sysmaster_v1_ReexecRequest__Output } from '../../sysmaster/v1/ReexecRequest';
import type { ReexecResponse as _sysmaster_v1_ReexecResponse, ReexecResponse__Output as _sysmaster_v1_ReexecResponse__Output } from '../../sysmaster/v1/ReexecResponse';
import type { UnitRequest as _sysmaster_v1_UnitRequest, UnitRequest__Output as _sysmaster_v1_UnitRequest__Output } from '../../sysmaster/v1/UnitRequest';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { WatchRequest as _sysmaster_v1_WatchRequest, WatchRequest__Output as _sysmaster_v1_WatchRequest__Output } from '../../sysmaster/v1/WatchRequest';

export interface UnitWorkerClient extends grpc.Client {
  Describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  
  Kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  List(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  
  Load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  
  Reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  
  Reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  ResetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  Start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  Status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  
  Stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  Unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  Watch(argument: _sysmaster_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  Watch(argument: _sysmaster_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  watch(argument: _sysmaster_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  watch(argument: _sysmaster_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  
}

export interface UnitWorkerHandlers extends grpc.UntypedServiceImplementation {
  Describe: grpc.handleUnaryCall<_sysmaster_v1_DescribeRequest__Output, _sysmaster_v1_DescribeResponse>;
  
  Kill: grpc.handleUnaryCall<_sysmaster_v1_KillRequest__Output, _sysmaster_v1_Empty>;
  
  List: grpc.handleUnaryCall<_sysmaster_v1_ListRequest__Output, _sysmaster_v1_ListResponse>;
  
  Load: grpc.handleUnaryCall<_sysmaster_v1_LoadRequest__Output, _sysmaster_v1_LoadResponse>;
  
  Reexec: grpc.handleUnaryCall<_sysmaster_v1_ReexecRequest__Output, _sysmaster_v1_ReexecResponse>;
  
  Reload: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  ResetFailed: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  Start: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  Status: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_UnitStatus>;
  
  Stop: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  Unload: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  Watch: grpc.handleServerStreamingCall<_sysmaster_v1_WatchRequest__Output, _sysmaster_v1_UnitStatus>;
  
}

export interface UnitWorkerDefinition extends grpc.ServiceDefinition {
  Describe: MethodDefinition<_sysmaster_v1_DescribeRequest, _sysmaster_v1_DescribeResponse, _sysmaster_v1_DescribeRequest__Output, _sysmaster_v1_DescribeResponse__Output>
  Kill: MethodDefinition<_sysmaster_v1_KillRequest, _sysmaster_v1_Empty, _sysmaster_v1_KillRequest__Output, _sysmaster_v1_Empty__Output>
  List: MethodDefinition<_sysmaster_v1_ListRequest, _sysmaster_v1_ListResponse, _sysmaster_v1_ListRequest__Output, _sysmaster_v1_ListResponse__Output>
  Load: MethodDefinition<_sysmaster_v1_LoadRequest, _sysmaster_v1_LoadResponse, _sysmaster_v1_LoadRequest__Output, _sysmaster_v1_LoadResponse__Output>
  Reexec: MethodDefinition<_sysmaster_v1_ReexecRequest, _sysmaster_v1_ReexecResponse, _sysmaster_v1_ReexecRequest__Output, _sysmaster_v1_ReexecResponse__Output>
  Reload: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  ResetFailed: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Start: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Status: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_UnitStatus, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_UnitStatus__Output>
  Stop: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Unload: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Watch: MethodDefinition<_sysmaster_v1_WatchRequest, _sysmaster_v1_UnitStatus, _sysmaster_v1_WatchRequest__Output, _sysmaster_v1_UnitStatus__Output>
}
