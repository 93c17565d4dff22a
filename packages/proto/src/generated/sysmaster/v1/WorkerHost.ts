// Original file: protos/sysmaster/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { HostEvent as _sysmaster_v1_HostEvent, HostEvent__Output as _sysmaster_v1_HostEvent__Output } from '../../sysmaster/v1/HostEvent';
import type { HostJobRequest as _sysmaster_v1_HostJobRequest, HostJobRequest__Output as _sysmaster_v1_HostJobRequest__Output } from '../../sysmaster/v1/HostJobRequest';
import type { HostJobResponse as _sysmaster_v1_HostJobResponse, HostJobResponse__Output as _sysmaster_v1_HostJobResponse__Output } from '../../sysmaster/v1/HostJobResponse';

export interface WorkerHostClient extends grpc.Client {
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  
  ReportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
}

export interface WorkerHostHandlers extends grpc.UntypedServiceImplementation {
  EnqueueJob: grpc.handleUnaryCall<_sysmaster_v1_HostJobRequest__Output, _sysmaster_v1_HostJobResponse>;
  
  ReportEvent: grpc.handleUnaryCall<_sysmaster_v1_HostEvent__Output, _sysmaster_v1_Empty>;
  
}

export interface WorkerHostDefinition extends grpc.ServiceDefinition {
  EnqueueJob: MethodDefinition<_sysmaster_v1_HostJobRequest, _sysmaster_v1_HostJobResponse, _sysmaster_v1_HostJobRequest__Output, _sysmaster_v1_HostJobResponse__Output>
  ReportEvent: MethodDefinition<_sysmaster_v1_HostEvent, _sysmaster_v1_Empty, _sysmaster_v1_HostEvent__Output, _sysmaster_v1_Empty__Output>
}
