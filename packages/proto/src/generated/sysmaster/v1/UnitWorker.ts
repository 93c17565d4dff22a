// Original file: protos/sysmaster/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CleanRequest as _sysmaster_v1_CleanRequest, CleanRequest__Output as _sysmaster_v1_CleanRequest__Output } from '../../sysmaster/v1/CleanRequest';
import type { DescribeRequest as _sysmaster_v1_DescribeRequest, DescribeRequest__Output as _sysmaster_v1_DescribeRequest__Output } from '../../sysmaster/v1/DescribeRequest';
import type { DescribeResponse as _sysmaster_v1_DescribeResponse, DescribeResponse__Output as _sysmaster_v1_DescribeResponse__Output } from '../../sysmaster/v1/DescribeResponse';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { KillRequest as _sysmaster_v1_KillRequest, KillRequest__Output as _sysmaster_v1_KillRequest__Output } from '../../sysmaster/v1/KillRequest';
import type { ListRequest as _sysmaster_v1_ListRequest, ListRequest__Output as _sysmaster_v1_ListRequest__Output } from '../../sysmaster/v1/ListRequest';
import type { ListResponse as _sysmaster_v1_ListResponse, ListResponse__Output as _sysmaster_v1_ListResponse__Output } from '../../sysmaster/v1/ListResponse';
import type { LoadRequest as _sysmaster_v1_LoadRequest, LoadRequest__Output as _sysmaster_v1_LoadRequest__Output } from '../../sysmaster/v1/LoadRequest';
import type { LoadResponse as _sysmaster_v1_LoadResponse, LoadResponse__Output as _sysmaster_v1_LoadResponse__Output } from '../../sysmaster/v1/LoadResponse';
import type { LogLine as _sysmaster_v1_LogLine, LogLine__Output as _sysmaster_v1_LogLine__Output } from '../../sysmaster/v1/LogLine';
import type { LogsRequest as _sysmaster_v1_LogsRequest, LogsRequest__Output as _sysmaster_v1_LogsRequest__Output } from '../../sysmaster/v1/LogsRequest';
import type { ReexecRequest as _sysmaster_v1_ReexecRequest, ReexecRequest__Output as _sysmaster_v1_ReexecRequest__Output } from '../../sysmaster/v1/ReexecRequest';
import type { ReexecResponse as _sysmaster_v1_ReexecResponse, ReexecResponse__Output as _sysmaster_v1_ReexecResponse__Output } from '../../sysmaster/v1/ReexecResponse';
import type { UnitRequest as _sysmaster_v1_UnitRequest, UnitRequest__Output as _sysmaster_v1_UnitRequest__Output } from '../../sysmaster/v1/UnitRequest';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from '../../sysmaster/v1/UnitStatus';
import type { WatchRequest as _sysmaster_v1_WatchRequest, WatchRequest__Output as _sysmaster_v1_WatchRequest__Output } from '../../sysmaster/v1/WatchRequest';

/**
 * Served by each worker on /run/sysmaster/workers/<type>.sock; the core is its only client.
 */
export interface UnitWorkerClient extends grpc.Client {
  /**
   * Removes what the unit keeps on disk and in memory between runs (systemctl clean): its
   * RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
   * or file-descriptor store, as CleanRequest.what selects. Only a unit that is inactive or
   * failed is cleaned (ERR_WRONG_STATE otherwise); it passes through the sub-state "cleaning".
   * UNIMPLEMENTED for a type that keeps nothing to clean.
   */
  Clean(argument: _sysmaster_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Clean(argument: _sysmaster_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Clean(argument: _sysmaster_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Clean(argument: _sysmaster_v1_CleanRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Removes what the unit keeps on disk and in memory between runs (systemctl clean): its
   * RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
   * or file-descriptor store, as CleanRequest.what selects. Only a unit that is inactive or
   * failed is cleaned (ERR_WRONG_STATE otherwise); it passes through the sub-state "cleaning".
   * UNIMPLEMENTED for a type that keeps nothing to clean.
   */
  clean(argument: _sysmaster_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  clean(argument: _sysmaster_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  clean(argument: _sysmaster_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  clean(argument: _sysmaster_v1_CleanRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * What this worker is: its type, the sections it owns and what it can do.
   */
  Describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _sysmaster_v1_DescribeRequest, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * What this worker is: its type, the sections it owns and what it can do.
   */
  describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _sysmaster_v1_DescribeRequest, callback: grpc.requestCallback<_sysmaster_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends a signal to the unit's processes.
   */
  Kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Kill(argument: _sysmaster_v1_KillRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Sends a signal to the unit's processes.
   */
  kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  kill(argument: _sysmaster_v1_KillRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The current state of every unit the worker holds; a new core calls this to resync.
   */
  List(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _sysmaster_v1_ListRequest, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The current state of every unit the worker holds; a new core calls this to resync.
   */
  list(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _sysmaster_v1_ListRequest, callback: grpc.requestCallback<_sysmaster_v1_ListResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Validates and stores (or replaces) the configuration of one unit. Loading a unit that is
   * running updates its configuration for the next start and leaves the running processes alone.
   */
  Load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  Load(argument: _sysmaster_v1_LoadRequest, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Validates and stores (or replaces) the configuration of one unit. Loading a unit that is
   * running updates its configuration for the next start and leaves the running processes alone.
   */
  load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  load(argument: _sysmaster_v1_LoadRequest, callback: grpc.requestCallback<_sysmaster_v1_LoadResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The lines of one unit's log: the last `lines` (or those since `since_usec`), then with
   * `follow` new lines as they are written. Only for a worker whose capability has_logs is true
   * (UNIMPLEMENTED otherwise); the core forwards `sctl logs` here.
   */
  Logs(argument: _sysmaster_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  Logs(argument: _sysmaster_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  /**
   * The lines of one unit's log: the last `lines` (or those since `since_usec`), then with
   * `follow` new lines as they are written. Only for a worker whose capability has_logs is true
   * (UNIMPLEMENTED otherwise); the core forwards `sctl logs` here.
   */
  logs(argument: _sysmaster_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  logs(argument: _sysmaster_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  
  /**
   * Replaces the worker's code by what is on disk now (execve, same pid), keeping its units,
   * their processes and its fds. Only for a worker whose capability can_reexec is true
   * (UNIMPLEMENTED otherwise). The target is checked first: a node or script that cannot be run
   * is the error answered, and nothing changes. Otherwise it answers with the pid, then persists
   * its units' state to its state files (as on SIGTERM), ends every Watch stream and execve's.
   * Across the exec it keeps the listening socket of UnitWorker (a call made meanwhile waits in
   * the backlog, none is refused), the fds its type keeps (the service worker's notify socket,
   * so no sd_notify datagram is lost) and its children: their exits are reaped by the new image
   * with their real status. The new image reads the state files and serves the same units; the
   * client must open Watch again. An execve that fails after the answer is logged and the
   * worker carries on with its old code, its units rebuilt from the state files just written.
   */
  Reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  Reexec(argument: _sysmaster_v1_ReexecRequest, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the worker's code by what is on disk now (execve, same pid), keeping its units,
   * their processes and its fds. Only for a worker whose capability can_reexec is true
   * (UNIMPLEMENTED otherwise). The target is checked first: a node or script that cannot be run
   * is the error answered, and nothing changes. Otherwise it answers with the pid, then persists
   * its units' state to its state files (as on SIGTERM), ends every Watch stream and execve's.
   * Across the exec it keeps the listening socket of UnitWorker (a call made meanwhile waits in
   * the backlog, none is refused), the fds its type keeps (the service worker's notify socket,
   * so no sd_notify datagram is lost) and its children: their exits are reaped by the new image
   * with their real status. The new image reads the state files and serves the same units; the
   * client must open Watch again. An execve that fails after the answer is logged and the
   * worker carries on with its old code, its units rebuilt from the state files just written.
   */
  reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  reexec(argument: _sysmaster_v1_ReexecRequest, callback: grpc.requestCallback<_sysmaster_v1_ReexecResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Begins reloading a unit's configuration in place (e.g. ExecReload).
   */
  Reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Begins reloading a unit's configuration in place (e.g. ExecReload).
   */
  reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a failed unit to inactive with result "success" and clears its restart counters.
   */
  ResetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a failed unit to inactive with result "success" and clears its restart counters.
   */
  resetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Begins starting a unit. Progress and outcome arrive on Watch.
   */
  Start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Start(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Begins starting a unit. Progress and outcome arrive on Watch.
   */
  start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  start(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The current state of one unit.
   */
  Status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  Status(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  /**
   * The current state of one unit.
   */
  status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  status(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitStatus__Output>): grpc.ClientUnaryCall;
  
  /**
   * Begins stopping a unit. Progress and outcome arrive on Watch.
   */
  Stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Stop(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Begins stopping a unit. Progress and outcome arrive on Watch.
   */
  stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  stop(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Forgets a unit that is inactive and no longer exists on disk (after daemon-reload).
   */
  Unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Unload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Forgets a unit that is inactive and no longer exists on disk (after daemon-reload).
   */
  unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  unload(argument: _sysmaster_v1_UnitRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every state change of every unit, starting with one UnitStatus per unit held (the snapshot),
   * then changes as they happen. The stream ends only when the worker exits or re-executes
   * (Reexec); a client sees the same pid answer Describe again after a re-exec.
   */
  Watch(argument: _sysmaster_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  Watch(argument: _sysmaster_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  /**
   * Every state change of every unit, starting with one UnitStatus per unit held (the snapshot),
   * then changes as they happen. The stream ends only when the worker exits or re-executes
   * (Reexec); a client sees the same pid answer Describe again after a re-exec.
   */
  watch(argument: _sysmaster_v1_WatchRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  watch(argument: _sysmaster_v1_WatchRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_UnitStatus__Output>;
  
}

/**
 * Served by each worker on /run/sysmaster/workers/<type>.sock; the core is its only client.
 */
export interface UnitWorkerHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Removes what the unit keeps on disk and in memory between runs (systemctl clean): its
   * RuntimeDirectory=, StateDirectory=, CacheDirectory=, LogsDirectory=, ConfigurationDirectory=
   * or file-descriptor store, as CleanRequest.what selects. Only a unit that is inactive or
   * failed is cleaned (ERR_WRONG_STATE otherwise); it passes through the sub-state "cleaning".
   * UNIMPLEMENTED for a type that keeps nothing to clean.
   */
  Clean: grpc.handleUnaryCall<_sysmaster_v1_CleanRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * What this worker is: its type, the sections it owns and what it can do.
   */
  Describe: grpc.handleUnaryCall<_sysmaster_v1_DescribeRequest__Output, _sysmaster_v1_DescribeResponse>;
  
  /**
   * Sends a signal to the unit's processes.
   */
  Kill: grpc.handleUnaryCall<_sysmaster_v1_KillRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * The current state of every unit the worker holds; a new core calls this to resync.
   */
  List: grpc.handleUnaryCall<_sysmaster_v1_ListRequest__Output, _sysmaster_v1_ListResponse>;
  
  /**
   * Validates and stores (or replaces) the configuration of one unit. Loading a unit that is
   * running updates its configuration for the next start and leaves the running processes alone.
   */
  Load: grpc.handleUnaryCall<_sysmaster_v1_LoadRequest__Output, _sysmaster_v1_LoadResponse>;
  
  /**
   * The lines of one unit's log: the last `lines` (or those since `since_usec`), then with
   * `follow` new lines as they are written. Only for a worker whose capability has_logs is true
   * (UNIMPLEMENTED otherwise); the core forwards `sctl logs` here.
   */
  Logs: grpc.handleServerStreamingCall<_sysmaster_v1_LogsRequest__Output, _sysmaster_v1_LogLine>;
  
  /**
   * Replaces the worker's code by what is on disk now (execve, same pid), keeping its units,
   * their processes and its fds. Only for a worker whose capability can_reexec is true
   * (UNIMPLEMENTED otherwise). The target is checked first: a node or script that cannot be run
   * is the error answered, and nothing changes. Otherwise it answers with the pid, then persists
   * its units' state to its state files (as on SIGTERM), ends every Watch stream and execve's.
   * Across the exec it keeps the listening socket of UnitWorker (a call made meanwhile waits in
   * the backlog, none is refused), the fds its type keeps (the service worker's notify socket,
   * so no sd_notify datagram is lost) and its children: their exits are reaped by the new image
   * with their real status. The new image reads the state files and serves the same units; the
   * client must open Watch again. An execve that fails after the answer is logged and the
   * worker carries on with its old code, its units rebuilt from the state files just written.
   */
  Reexec: grpc.handleUnaryCall<_sysmaster_v1_ReexecRequest__Output, _sysmaster_v1_ReexecResponse>;
  
  /**
   * Begins reloading a unit's configuration in place (e.g. ExecReload).
   */
  Reload: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Returns a failed unit to inactive with result "success" and clears its restart counters.
   */
  ResetFailed: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Begins starting a unit. Progress and outcome arrive on Watch.
   */
  Start: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * The current state of one unit.
   */
  Status: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_UnitStatus>;
  
  /**
   * Begins stopping a unit. Progress and outcome arrive on Watch.
   */
  Stop: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Forgets a unit that is inactive and no longer exists on disk (after daemon-reload).
   */
  Unload: grpc.handleUnaryCall<_sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Every state change of every unit, starting with one UnitStatus per unit held (the snapshot),
   * then changes as they happen. The stream ends only when the worker exits or re-executes
   * (Reexec); a client sees the same pid answer Describe again after a re-exec.
   */
  Watch: grpc.handleServerStreamingCall<_sysmaster_v1_WatchRequest__Output, _sysmaster_v1_UnitStatus>;
  
}

export interface UnitWorkerDefinition extends grpc.ServiceDefinition {
  Clean: MethodDefinition<_sysmaster_v1_CleanRequest, _sysmaster_v1_Empty, _sysmaster_v1_CleanRequest__Output, _sysmaster_v1_Empty__Output>
  Describe: MethodDefinition<_sysmaster_v1_DescribeRequest, _sysmaster_v1_DescribeResponse, _sysmaster_v1_DescribeRequest__Output, _sysmaster_v1_DescribeResponse__Output>
  Kill: MethodDefinition<_sysmaster_v1_KillRequest, _sysmaster_v1_Empty, _sysmaster_v1_KillRequest__Output, _sysmaster_v1_Empty__Output>
  List: MethodDefinition<_sysmaster_v1_ListRequest, _sysmaster_v1_ListResponse, _sysmaster_v1_ListRequest__Output, _sysmaster_v1_ListResponse__Output>
  Load: MethodDefinition<_sysmaster_v1_LoadRequest, _sysmaster_v1_LoadResponse, _sysmaster_v1_LoadRequest__Output, _sysmaster_v1_LoadResponse__Output>
  Logs: MethodDefinition<_sysmaster_v1_LogsRequest, _sysmaster_v1_LogLine, _sysmaster_v1_LogsRequest__Output, _sysmaster_v1_LogLine__Output>
  Reexec: MethodDefinition<_sysmaster_v1_ReexecRequest, _sysmaster_v1_ReexecResponse, _sysmaster_v1_ReexecRequest__Output, _sysmaster_v1_ReexecResponse__Output>
  Reload: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  ResetFailed: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Start: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Status: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_UnitStatus, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_UnitStatus__Output>
  Stop: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Unload: MethodDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitRequest__Output, _sysmaster_v1_Empty__Output>
  Watch: MethodDefinition<_sysmaster_v1_WatchRequest, _sysmaster_v1_UnitStatus, _sysmaster_v1_WatchRequest__Output, _sysmaster_v1_UnitStatus__Output>
}
