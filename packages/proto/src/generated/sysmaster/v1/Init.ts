// Original file: protos/sysmaster/v1/init.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { InitStatus as _sysmaster_v1_InitStatus, InitStatus__Output as _sysmaster_v1_InitStatus__Output } from '../../sysmaster/v1/InitStatus';
import type { ShutdownRequest as _sysmaster_v1_ShutdownRequest, ShutdownRequest__Output as _sysmaster_v1_ShutdownRequest__Output } from '../../sysmaster/v1/ShutdownRequest';

/**
 * Served by init on /run/sysmaster/init.sock (mode 0600); the core is its client.
 */
export interface InitClient extends grpc.Client {
  /**
   * The core says it is about to re-execute itself (daemon-reexec: execve, same pid): init
   * counts no missed keepalive until the new image answers one, as for a newly started core,
   * and notes the replacement. Answers at once.
   */
  CoreReexecuting(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CoreReexecuting(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CoreReexecuting(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CoreReexecuting(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * The core says it is about to re-execute itself (daemon-reexec: execve, same pid): init
   * counts no missed keepalive until the new image answers one, as for a newly started core,
   * and notes the replacement. Answers at once.
   */
  coreReexecuting(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  coreReexecuting(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  coreReexecuting(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  coreReexecuting(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * init re-executes its code from disk (execve, keeping PID 1, the core and the sctl socket).
   * Answers before re-executing.
   */
  Reexec(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * init re-executes its code from disk (execve, keeping PID 1, the core and the sctl socket).
   * Answers before re-executing.
   */
  reexec(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The final stage of shutdown, called by the core after it stopped every unit: init stops
   * supervising the core, sends SIGTERM to every process left, waits, sends SIGKILL, syncs,
   * unmounts and calls reboot(2) — or exits when it is PID 1 of a sandbox namespace.
   * Answers before it begins.
   */
  Shutdown(argument: _sysmaster_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _sysmaster_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _sysmaster_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _sysmaster_v1_ShutdownRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * The final stage of shutdown, called by the core after it stopped every unit: init stops
   * supervising the core, sends SIGTERM to every process left, waits, sends SIGKILL, syncs,
   * unmounts and calls reboot(2) — or exits when it is PID 1 of a sandbox namespace.
   * Answers before it begins.
   */
  shutdown(argument: _sysmaster_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _sysmaster_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _sysmaster_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _sysmaster_v1_ShutdownRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * What init is doing now.
   */
  Status(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  /**
   * What init is doing now.
   */
  status(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_InitStatus__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Served by init on /run/sysmaster/init.sock (mode 0600); the core is its client.
 */
export interface InitHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The core says it is about to re-execute itself (daemon-reexec: execve, same pid): init
   * counts no missed keepalive until the new image answers one, as for a newly started core,
   * and notes the replacement. Answers at once.
   */
  CoreReexecuting: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * init re-executes its code from disk (execve, keeping PID 1, the core and the sctl socket).
   * Answers before re-executing.
   */
  Reexec: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * The final stage of shutdown, called by the core after it stopped every unit: init stops
   * supervising the core, sends SIGTERM to every process left, waits, sends SIGKILL, syncs,
   * unmounts and calls reboot(2) — or exits when it is PID 1 of a sandbox namespace.
   * Answers before it begins.
   */
  Shutdown: grpc.handleUnaryCall<_sysmaster_v1_ShutdownRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * What init is doing now.
   */
  Status: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_InitStatus>;
  
}

export interface InitDefinition extends grpc.ServiceDefinition {
  CoreReexecuting: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  Reexec: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  Shutdown: MethodDefinition<_sysmaster_v1_ShutdownRequest, _sysmaster_v1_Empty, _sysmaster_v1_ShutdownRequest__Output, _sysmaster_v1_Empty__Output>
  Status: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_InitStatus, _sysmaster_v1_Empty__Output, _sysmaster_v1_InitStatus__Output>
}
