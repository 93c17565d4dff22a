// Original file: protos/sysmaster/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { HostEvent as _sysmaster_v1_HostEvent, HostEvent__Output as _sysmaster_v1_HostEvent__Output } from '../../sysmaster/v1/HostEvent';
import type { HostJobRequest as _sysmaster_v1_HostJobRequest, HostJobRequest__Output as _sysmaster_v1_HostJobRequest__Output } from '../../sysmaster/v1/HostJobRequest';
import type { HostJobResponse as _sysmaster_v1_HostJobResponse, HostJobResponse__Output as _sysmaster_v1_HostJobResponse__Output } from '../../sysmaster/v1/HostJobResponse';
import type { JobQueueState as _sysmaster_v1_JobQueueState, JobQueueState__Output as _sysmaster_v1_JobQueueState__Output } from '../../sysmaster/v1/JobQueueState';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { WatchJobQueueRequest as _sysmaster_v1_WatchJobQueueRequest, WatchJobQueueRequest__Output as _sysmaster_v1_WatchJobQueueRequest__Output } from '../../sysmaster/v1/WatchJobQueueRequest';
import type { WatchUnitsRequest as _sysmaster_v1_WatchUnitsRequest, WatchUnitsRequest__Output as _sysmaster_v1_WatchUnitsRequest__Output } from '../../sysmaster/v1/WatchUnitsRequest';

/**
 * The calls a worker makes on the core, served on /run/sysmaster/host.sock. A worker outlives
 * the core: while a core is being replaced these calls fail UNAVAILABLE and should be retried
 * (worker-kit's host client does), and a WatchUnits stream must be opened again.
 */
export interface WorkerHostClient extends grpc.Client {
  /**
   * Asks the core to enqueue a job, as `sctl` would (the socket worker starting the service a
   * connection is for, a timer its Unit=, a service worker's automatic restart). Answers once the
   * job is enqueued, with its id; refusals (start limit, unknown unit, shutdown) are errors.
   */
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  EnqueueJob(argument: _sysmaster_v1_HostJobRequest, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the core to enqueue a job, as `sctl` would (the socket worker starting the service a
   * connection is for, a timer its Unit=, a service worker's automatic restart). Answers once the
   * job is enqueued, with its id; refusals (start limit, unknown unit, shutdown) are errors.
   */
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  enqueueJob(argument: _sysmaster_v1_HostJobRequest, callback: grpc.requestCallback<_sysmaster_v1_HostJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reports something a unit's processes or the worker want the manager to know; see
   * HostEventKind for what the core does with each kind.
   */
  ReportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ReportEvent(argument: _sysmaster_v1_HostEvent, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Reports something a unit's processes or the worker want the manager to know; see
   * HostEventKind for what the core does with each kind.
   */
  reportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reportEvent(argument: _sysmaster_v1_HostEvent, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * How many jobs the core's queue holds (waiting or running), leaving out those of the units
   * named: first the count now, then every change of it, until the caller cancels or the core
   * exits. A service worker's Type=idle start waits for a count of 0 with the idle units' own
   * start jobs left out (systemd: until the job queue is empty, at most 5 s).
   */
  WatchJobQueue(argument: _sysmaster_v1_WatchJobQueueRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_JobQueueState__Output>;
  WatchJobQueue(argument: _sysmaster_v1_WatchJobQueueRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_JobQueueState__Output>;
  /**
   * How many jobs the core's queue holds (waiting or running), leaving out those of the units
   * named: first the count now, then every change of it, until the caller cancels or the core
   * exits. A service worker's Type=idle start waits for a count of 0 with the idle units' own
   * start jobs left out (systemd: until the job queue is empty, at most 5 s).
   */
  watchJobQueue(argument: _sysmaster_v1_WatchJobQueueRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_JobQueueState__Output>;
  watchJobQueue(argument: _sysmaster_v1_WatchJobQueueRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_JobQueueState__Output>;
  
  /**
   * The states of other units: first one UnitStatus per unit asked for (the snapshot; a unit
   * that is not loaded appears as inactive/dead), then every change of them, until the caller
   * cancels or the core exits. A timer uses it for OnUnitActiveSec=, a socket to learn that its
   * service stopped.
   */
  WatchUnits(argument: _sysmaster_v1_WatchUnitsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  WatchUnits(argument: _sysmaster_v1_WatchUnitsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  /**
   * The states of other units: first one UnitStatus per unit asked for (the snapshot; a unit
   * that is not loaded appears as inactive/dead), then every change of them, until the caller
   * cancels or the core exits. A timer uses it for OnUnitActiveSec=, a socket to learn that its
   * service stopped.
   */
  watchUnits(argument: _sysmaster_v1_WatchUnitsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  watchUnits(argument: _sysmaster_v1_WatchUnitsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  
}

/**
 * The calls a worker makes on the core, served on /run/sysmaster/host.sock. A worker outlives
 * the core: while a core is being replaced these calls fail UNAVAILABLE and should be retried
 * (worker-kit's host client does), and a WatchUnits stream must be opened again.
 */
export interface WorkerHostHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Asks the core to enqueue a job, as `sctl` would (the socket worker starting the service a
   * connection is for, a timer its Unit=, a service worker's automatic restart). Answers once the
   * job is enqueued, with its id; refusals (start limit, unknown unit, shutdown) are errors.
   */
  EnqueueJob: grpc.handleUnaryCall<_sysmaster_v1_HostJobRequest__Output, _sysmaster_v1_HostJobResponse>;
  
  /**
   * Reports something a unit's processes or the worker want the manager to know; see
   * HostEventKind for what the core does with each kind.
   */
  ReportEvent: grpc.handleUnaryCall<_sysmaster_v1_HostEvent__Output, _sysmaster_v1_Empty>;
  
  /**
   * How many jobs the core's queue holds (waiting or running), leaving out those of the units
   * named: first the count now, then every change of it, until the caller cancels or the core
   * exits. A service worker's Type=idle start waits for a count of 0 with the idle units' own
   * start jobs left out (systemd: until the job queue is empty, at most 5 s).
   */
  WatchJobQueue: grpc.handleServerStreamingCall<_sysmaster_v1_WatchJobQueueRequest__Output, _sysmaster_v1_JobQueueState>;
  
  /**
   * The states of other units: first one UnitStatus per unit asked for (the snapshot; a unit
   * that is not loaded appears as inactive/dead), then every change of them, until the caller
   * cancels or the core exits. A timer uses it for OnUnitActiveSec=, a socket to learn that its
   * service stopped.
   */
  WatchUnits: grpc.handleServerStreamingCall<_sysmaster_v1_WatchUnitsRequest__Output, _sysmaster_v1_UnitStatus>;
  
}

export interface WorkerHostDefinition extends grpc.ServiceDefinition {
  EnqueueJob: MethodDefinition<_sysmaster_v1_HostJobRequest, _sysmaster_v1_HostJobResponse, _sysmaster_v1_HostJobRequest__Output, _sysmaster_v1_HostJobResponse__Output>
  ReportEvent: MethodDefinition<_sysmaster_v1_HostEvent, _sysmaster_v1_Empty, _sysmaster_v1_HostEvent__Output, _sysmaster_v1_Empty__Output>
  WatchJobQueue: MethodDefinition<_sysmaster_v1_WatchJobQueueRequest, _sysmaster_v1_JobQueueState, _sysmaster_v1_WatchJobQueueRequest__Output, _sysmaster_v1_JobQueueState__Output>
  WatchUnits: MethodDefinition<_sysmaster_v1_WatchUnitsRequest, _sysmaster_v1_UnitStatus, _sysmaster_v1_WatchUnitsRequest__Output, _sysmaster_v1_UnitStatus__Output>
}
