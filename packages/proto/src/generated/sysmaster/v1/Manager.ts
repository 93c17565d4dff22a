// Original file: protos/sysmaster/v1/manager.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelJobsRequest as _sysmaster_v1_CancelJobsRequest, CancelJobsRequest__Output as _sysmaster_v1_CancelJobsRequest__Output } from '../../sysmaster/v1/CancelJobsRequest';
import type { CatUnitRequest as _sysmaster_v1_CatUnitRequest, CatUnitRequest__Output as _sysmaster_v1_CatUnitRequest__Output } from '../../sysmaster/v1/CatUnitRequest';
import type { CatUnitResponse as _sysmaster_v1_CatUnitResponse, CatUnitResponse__Output as _sysmaster_v1_CatUnitResponse__Output } from '../../sysmaster/v1/CatUnitResponse';
import type { CleanUnitsRequest as _sysmaster_v1_CleanUnitsRequest, CleanUnitsRequest__Output as _sysmaster_v1_CleanUnitsRequest__Output } from '../../sysmaster/v1/CleanUnitsRequest';
import type { DefaultTargetResponse as _sysmaster_v1_DefaultTargetResponse, DefaultTargetResponse__Output as _sysmaster_v1_DefaultTargetResponse__Output } from '../../sysmaster/v1/DefaultTargetResponse';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from '../../sysmaster/v1/Empty';
import type { GetDependenciesRequest as _sysmaster_v1_GetDependenciesRequest, GetDependenciesRequest__Output as _sysmaster_v1_GetDependenciesRequest__Output } from '../../sysmaster/v1/GetDependenciesRequest';
import type { GetDependenciesResponse as _sysmaster_v1_GetDependenciesResponse, GetDependenciesResponse__Output as _sysmaster_v1_GetDependenciesResponse__Output } from '../../sysmaster/v1/GetDependenciesResponse';
import type { GetUnitRequest as _sysmaster_v1_GetUnitRequest, GetUnitRequest__Output as _sysmaster_v1_GetUnitRequest__Output } from '../../sysmaster/v1/GetUnitRequest';
import type { JobsResponse as _sysmaster_v1_JobsResponse, JobsResponse__Output as _sysmaster_v1_JobsResponse__Output } from '../../sysmaster/v1/JobsResponse';
import type { KeepaliveResponse as _sysmaster_v1_KeepaliveResponse, KeepaliveResponse__Output as _sysmaster_v1_KeepaliveResponse__Output } from '../../sysmaster/v1/KeepaliveResponse';
import type { KillUnitsRequest as _sysmaster_v1_KillUnitsRequest, KillUnitsRequest__Output as _sysmaster_v1_KillUnitsRequest__Output } from '../../sysmaster/v1/KillUnitsRequest';
import type { ListUnitFilesRequest as _sysmaster_v1_ListUnitFilesRequest, ListUnitFilesRequest__Output as _sysmaster_v1_ListUnitFilesRequest__Output } from '../../sysmaster/v1/ListUnitFilesRequest';
import type { ListUnitFilesResponse as _sysmaster_v1_ListUnitFilesResponse, ListUnitFilesResponse__Output as _sysmaster_v1_ListUnitFilesResponse__Output } from '../../sysmaster/v1/ListUnitFilesResponse';
import type { ListUnitsRequest as _sysmaster_v1_ListUnitsRequest, ListUnitsRequest__Output as _sysmaster_v1_ListUnitsRequest__Output } from '../../sysmaster/v1/ListUnitsRequest';
import type { ListUnitsResponse as _sysmaster_v1_ListUnitsResponse, ListUnitsResponse__Output as _sysmaster_v1_ListUnitsResponse__Output } from '../../sysmaster/v1/ListUnitsResponse';
import type { LogLine as _sysmaster_v1_LogLine, LogLine__Output as _sysmaster_v1_LogLine__Output } from '../../sysmaster/v1/LogLine';
import type { LogsRequest as _sysmaster_v1_LogsRequest, LogsRequest__Output as _sysmaster_v1_LogsRequest__Output } from '../../sysmaster/v1/LogsRequest';
import type { ManagerEvent as _sysmaster_v1_ManagerEvent, ManagerEvent__Output as _sysmaster_v1_ManagerEvent__Output } from '../../sysmaster/v1/ManagerEvent';
import type { ManagerProcessesResponse as _sysmaster_v1_ManagerProcessesResponse, ManagerProcessesResponse__Output as _sysmaster_v1_ManagerProcessesResponse__Output } from '../../sysmaster/v1/ManagerProcessesResponse';
import type { PresetAllRequest as _sysmaster_v1_PresetAllRequest, PresetAllRequest__Output as _sysmaster_v1_PresetAllRequest__Output } from '../../sysmaster/v1/PresetAllRequest';
import type { ReexecuteResponse as _sysmaster_v1_ReexecuteResponse, ReexecuteResponse__Output as _sysmaster_v1_ReexecuteResponse__Output } from '../../sysmaster/v1/ReexecuteResponse';
import type { SetDefaultTargetRequest as _sysmaster_v1_SetDefaultTargetRequest, SetDefaultTargetRequest__Output as _sysmaster_v1_SetDefaultTargetRequest__Output } from '../../sysmaster/v1/SetDefaultTargetRequest';
import type { SubscribeRequest as _sysmaster_v1_SubscribeRequest, SubscribeRequest__Output as _sysmaster_v1_SubscribeRequest__Output } from '../../sysmaster/v1/SubscribeRequest';
import type { UnitFileChangesResponse as _sysmaster_v1_UnitFileChangesResponse, UnitFileChangesResponse__Output as _sysmaster_v1_UnitFileChangesResponse__Output } from '../../sysmaster/v1/UnitFileChangesResponse';
import type { UnitFileStatesResponse as _sysmaster_v1_UnitFileStatesResponse, UnitFileStatesResponse__Output as _sysmaster_v1_UnitFileStatesResponse__Output } from '../../sysmaster/v1/UnitFileStatesResponse';
import type { UnitFilesRequest as _sysmaster_v1_UnitFilesRequest, UnitFilesRequest__Output as _sysmaster_v1_UnitFilesRequest__Output } from '../../sysmaster/v1/UnitFilesRequest';
import type { UnitInfo as _sysmaster_v1_UnitInfo, UnitInfo__Output as _sysmaster_v1_UnitInfo__Output } from '../../sysmaster/v1/UnitInfo';
import type { UnitJobRequest as _sysmaster_v1_UnitJobRequest, UnitJobRequest__Output as _sysmaster_v1_UnitJobRequest__Output } from '../../sysmaster/v1/UnitJobRequest';
import type { UnitNamesRequest as _sysmaster_v1_UnitNamesRequest, UnitNamesRequest__Output as _sysmaster_v1_UnitNamesRequest__Output } from '../../sysmaster/v1/UnitNamesRequest';
import type { WaitJobsRequest as _sysmaster_v1_WaitJobsRequest, WaitJobsRequest__Output as _sysmaster_v1_WaitJobsRequest__Output } from '../../sysmaster/v1/WaitJobsRequest';

/**
 * Served by the core on /run/sysmaster/private (every RPC for root) and /run/sysmaster/public
 * (the read-only RPCs only). Every request is bounded before it runs (at most 4 MiB, strings of
 * 65,536 characters, 10,000 entries per repeated field: INVALID_ARGUMENT naming the field and the
 * bound) and waits its turn in a queue per caller uid, root first (ERR_BUSY when a caller has 512
 * waiting, a connection 256; 128 calls open per connection); Keepalive bypasses the queue.
 * The figures are packages/proto/src/limits.ts and admission.ts.
 */
export interface ManagerClient extends grpc.Client {
  /**
   * Cancels queued or running jobs by id.
   */
  CancelJobs(argument: _sysmaster_v1_CancelJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CancelJobs(argument: _sysmaster_v1_CancelJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CancelJobs(argument: _sysmaster_v1_CancelJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CancelJobs(argument: _sysmaster_v1_CancelJobsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Cancels queued or running jobs by id.
   */
  cancelJobs(argument: _sysmaster_v1_CancelJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cancelJobs(argument: _sysmaster_v1_CancelJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cancelJobs(argument: _sysmaster_v1_CancelJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cancelJobs(argument: _sysmaster_v1_CancelJobsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The text of a unit's fragment and drop-ins as they are on disk now, for `sctl cat`.
   * NOT_FOUND when no file exists, FAILED_PRECONDITION when the unit is masked. Read-only.
   */
  CatUnit(argument: _sysmaster_v1_CatUnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  CatUnit(argument: _sysmaster_v1_CatUnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  CatUnit(argument: _sysmaster_v1_CatUnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  CatUnit(argument: _sysmaster_v1_CatUnitRequest, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The text of a unit's fragment and drop-ins as they are on disk now, for `sctl cat`.
   * NOT_FOUND when no file exists, FAILED_PRECONDITION when the unit is masked. Read-only.
   */
  catUnit(argument: _sysmaster_v1_CatUnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  catUnit(argument: _sysmaster_v1_CatUnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  catUnit(argument: _sysmaster_v1_CatUnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  catUnit(argument: _sysmaster_v1_CatUnitRequest, callback: grpc.requestCallback<_sysmaster_v1_CatUnitResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the runtime, state, cache, logs or configuration directories or the fd store of
   * inactive units (systemctl clean); a unit that is active or has a job is refused.
   */
  CleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  CleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the runtime, state, cache, logs or configuration directories or the fd store of
   * inactive units (systemctl clean); a unit that is active or has a job is refused.
   */
  cleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  cleanUnits(argument: _sysmaster_v1_CleanUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the links that enable the units; with now, also stops them.
   */
  DisableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  DisableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  DisableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  DisableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the links that enable the units; with now, also stops them.
   */
  disableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  disableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  disableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  disableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Unit files: enablement, masking and the default target.
   * EnableUnitFiles creates the links the units' [Install] sections ask for; with now, also
   * starts the units. Every change ends with a daemon-reload.
   */
  EnableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  EnableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  EnableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  EnableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Unit files: enablement, masking and the default target.
   * EnableUnitFiles creates the links the units' [Install] sections ask for; with now, also
   * starts the units. Every change ends with a daemon-reload.
   */
  enableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  enableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  enableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  enableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The target default.target points to (`sctl get-default`). Read-only.
   */
  GetDefaultTarget(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  GetDefaultTarget(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  GetDefaultTarget(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  GetDefaultTarget(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The target default.target points to (`sctl get-default`). Read-only.
   */
  getDefaultTarget(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  getDefaultTarget(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  getDefaultTarget(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  getDefaultTarget(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_DefaultTargetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The dependency graph reachable from one unit along one family of dependencies, with each
   * unit's active state, for `sctl list-dependencies`. Read-only.
   */
  GetDependencies(argument: _sysmaster_v1_GetDependenciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _sysmaster_v1_GetDependenciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _sysmaster_v1_GetDependenciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _sysmaster_v1_GetDependenciesRequest, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The dependency graph reachable from one unit along one family of dependencies, with each
   * unit's active state, for `sctl list-dependencies`. Read-only.
   */
  getDependencies(argument: _sysmaster_v1_GetDependenciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _sysmaster_v1_GetDependenciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _sysmaster_v1_GetDependenciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _sysmaster_v1_GetDependenciesRequest, callback: grpc.requestCallback<_sysmaster_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The manager's own processes — init, the core, each worker — with their pids, when their
   * code was loaded, and how often and why they were replaced (`sctl status` with no unit).
   * Read-only.
   */
  GetManagerProcesses(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  GetManagerProcesses(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  GetManagerProcesses(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  GetManagerProcesses(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The manager's own processes — init, the core, each worker — with their pids, when their
   * code was loaded, and how often and why they were replaced (`sctl status` with no unit).
   * Read-only.
   */
  getManagerProcesses(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  getManagerProcesses(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  getManagerProcesses(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  getManagerProcesses(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_ManagerProcessesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Introspection.
   * GetUnit: one unit, everything `sctl status` and `sctl show` print. An unknown unit answers
   * with load_state "not-found". Read-only.
   */
  GetUnit(argument: _sysmaster_v1_GetUnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  GetUnit(argument: _sysmaster_v1_GetUnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  GetUnit(argument: _sysmaster_v1_GetUnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  GetUnit(argument: _sysmaster_v1_GetUnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  /**
   * Introspection.
   * GetUnit: one unit, everything `sctl status` and `sctl show` print. An unknown unit answers
   * with load_state "not-found". Read-only.
   */
  getUnit(argument: _sysmaster_v1_GetUnitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  getUnit(argument: _sysmaster_v1_GetUnitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  getUnit(argument: _sysmaster_v1_GetUnitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  getUnit(argument: _sysmaster_v1_GetUnitRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitInfo__Output>): grpc.ClientUnaryCall;
  
  /**
   * The enablement state of each unit file, as `sctl is-enabled` prints it. Read-only.
   */
  GetUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  GetUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  GetUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  GetUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The enablement state of each unit file, as `sctl is-enabled` prints it. Read-only.
   */
  getUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  getUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  getUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  getUnitFileState(argument: _sysmaster_v1_UnitNamesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileStatesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * As PowerOff, ending in a halt.
   */
  Halt(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Halt(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Halt(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Halt(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * As PowerOff, ending in a halt.
   */
  halt(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  halt(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  halt(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  halt(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts the unit (a target with AllowIsolate=yes) and stops everything it does not need.
   */
  Isolate(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  Isolate(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  Isolate(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  Isolate(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Starts the unit (a target with AllowIsolate=yes) and stops everything it does not need.
   */
  isolate(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  isolate(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  isolate(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  isolate(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Liveness check for init: answers at once from the core's event loop.
   */
  Keepalive(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  Keepalive(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  Keepalive(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  Keepalive(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Liveness check for init: answers at once from the core's event loop.
   */
  keepalive(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  keepalive(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  keepalive(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  keepalive(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_KeepaliveResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends a signal to the units' processes.
   */
  KillUnits(argument: _sysmaster_v1_KillUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  KillUnits(argument: _sysmaster_v1_KillUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  KillUnits(argument: _sysmaster_v1_KillUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  KillUnits(argument: _sysmaster_v1_KillUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Sends a signal to the units' processes.
   */
  killUnits(argument: _sysmaster_v1_KillUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  killUnits(argument: _sysmaster_v1_KillUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  killUnits(argument: _sysmaster_v1_KillUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  killUnits(argument: _sysmaster_v1_KillUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * The jobs in the queue.
   */
  ListJobs(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The jobs in the queue.
   */
  listJobs(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The unit files of the search path with their enablement (`sctl list-unit-files`). Read-only.
   */
  ListUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  ListUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  ListUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  ListUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The unit files of the search path with their enablement (`sctl list-unit-files`). Read-only.
   */
  listUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  listUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  listUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  listUnitFiles(argument: _sysmaster_v1_ListUnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_ListUnitFilesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The loaded units that match the filters, sorted by name (`sctl list-units`). Read-only.
   */
  ListUnits(argument: _sysmaster_v1_ListUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  ListUnits(argument: _sysmaster_v1_ListUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  ListUnits(argument: _sysmaster_v1_ListUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  ListUnits(argument: _sysmaster_v1_ListUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The loaded units that match the filters, sorted by name (`sctl list-units`). Read-only.
   */
  listUnits(argument: _sysmaster_v1_ListUnitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  listUnits(argument: _sysmaster_v1_ListUnitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  listUnits(argument: _sysmaster_v1_ListUnitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  listUnits(argument: _sysmaster_v1_ListUnitsRequest, callback: grpc.requestCallback<_sysmaster_v1_ListUnitsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The last lines of a unit's log, then (with follow) new lines as they are written.
   */
  Logs(argument: _sysmaster_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  Logs(argument: _sysmaster_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  /**
   * The last lines of a unit's log, then (with follow) new lines as they are written.
   */
  logs(argument: _sysmaster_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  logs(argument: _sysmaster_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_LogLine__Output>;
  
  /**
   * Links the units to /dev/null so that nothing can start them; with now, also stops them.
   */
  MaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  MaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  MaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  MaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Links the units to /dev/null so that nothing can start them; with now, also stops them.
   */
  maskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  maskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  maskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  maskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stops every unit, then asks init for the final step. Answers once shutdown has begun.
   */
  PowerOff(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  PowerOff(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  PowerOff(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  PowerOff(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Stops every unit, then asks init for the final step. Answers once shutdown has begun.
   */
  powerOff(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  powerOff(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  powerOff(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  powerOff(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Applies the presets to every unit file in the search path (`sctl preset-all`).
   */
  PresetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Applies the presets to every unit file in the search path (`sctl preset-all`).
   */
  presetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetAllUnitFiles(argument: _sysmaster_v1_PresetAllRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Enables or disables each unit as the preset files say (systemd.preset(5), first matching
   * rule wins, "enable" when none matches). With now, starts or stops them accordingly.
   */
  PresetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  PresetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Enables or disables each unit as the preset files say (systemd.preset(5), first matching
   * rule wins, "enable" when none matches). With now, starts or stops them accordingly.
   */
  presetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  presetUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * As PowerOff, ending in a reboot.
   */
  Reboot(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reboot(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reboot(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reboot(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * As PowerOff, ending in a reboot.
   */
  reboot(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reboot(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reboot(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reboot(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Disables, then enables the units again (`sctl reenable`): the links follow the current
   * [Install] section. With now, restarts them.
   */
  ReenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  ReenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  ReenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  ReenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Disables, then enables the units again (`sctl reenable`): the links follow the current
   * [Install] section. With now, restarts them.
   */
  reenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  reenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  reenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  reenableUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Live upgrade (sctl daemon-reexec): every worker that can (capability can_reexec), then init,
   * then the core re-execute the code now on disk under their pids, keeping every service, fd,
   * job and connection. The core's new code is tried first: if it does not load or speaks
   * another contract revision, nothing is touched (ERR_SYSTEM). Answers before the core itself
   * re-executes; calls made meanwhile wait for the new core (a client retries one cut off).
   * FAILED_PRECONDITION while shutting down or while another daemon-reexec runs.
   */
  Reexecute(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  Reexecute(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  Reexecute(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  Reexecute(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Live upgrade (sctl daemon-reexec): every worker that can (capability can_reexec), then init,
   * then the core re-execute the code now on disk under their pids, keeping every service, fd,
   * job and connection. The core's new code is tried first: if it does not load or speaks
   * another contract revision, nothing is touched (ERR_SYSTEM). Answers before the core itself
   * re-executes; calls made meanwhile wait for the new core (a client retries one cut off).
   * FAILED_PRECONDITION while shutting down or while another daemon-reexec runs.
   */
  reexecute(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  reexecute(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  reexecute(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  reexecute(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_ReexecuteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The manager itself.
   * Re-reads the worker registrations (a new type is started, a removed one retired) and every
   * unit file, and re-Loads each unit in its worker; running units keep running.
   */
  Reload(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  Reload(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * The manager itself.
   * Re-reads the worker registrations (a new type is started, a removed one retired) and every
   * unit file, and re-Loads each unit in its worker; running units keep running.
   */
  reload(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  reload(argument: _sysmaster_v1_Empty, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reloads the units that can reload and restarts the others; starts those not running.
   */
  ReloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reloads the units that can reload and restarts the others; starts those not running.
   */
  reloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadOrRestartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reloads the units' configuration in place (their worker's Reload); the job fails for a unit
   * that is not active or cannot reload.
   */
  ReloadUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  ReloadUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reloads the units' configuration in place (their worker's Reload); the job fails for a unit
   * that is not active or cannot reload.
   */
  reloadUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  reloadUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns failed units (all failed units when none is named) to inactive.
   */
  ResetFailed(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitNamesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  ResetFailed(argument: _sysmaster_v1_UnitNamesRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  /**
   * Returns failed units (all failed units when none is named) to inactive.
   */
  resetFailed(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitNamesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitNamesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  resetFailed(argument: _sysmaster_v1_UnitNamesRequest, callback: grpc.requestCallback<_sysmaster_v1_Empty__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stops, then starts the units (a restart job); a unit that is not running is started.
   */
  RestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  RestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  RestartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  RestartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Stops, then starts the units (a restart job); a unit that is not running is started.
   */
  restartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  restartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  restartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  restartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Points default.target at the named target (`sctl set-default`).
   */
  SetDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  SetDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Points default.target at the named target (`sctl set-default`).
   */
  setDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  setDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  setDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  setDefaultTarget(argument: _sysmaster_v1_SetDefaultTargetRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Unit jobs. Each enqueues one transaction for the named units and answers with the jobs it
   * queued; WaitJobs waits for their outcome (sctl waits unless --no-block).
   * StartUnits starts the units and everything they pull in (Requires=, Wants=, …).
   */
  StartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Unit jobs. Each enqueues one transaction for the named units and answers with the jobs it
   * queued; WaitJobs waits for their outcome (sctl waits unless --no-block).
   * StartUnits starts the units and everything they pull in (Requires=, Wants=, …).
   */
  startUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  startUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  startUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  startUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stops the units; units that require them, are bound to them or are part of them stop too.
   */
  StopUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StopUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StopUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  StopUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Stops the units; units that require them, are bound to them or are part of them stop too.
   */
  stopUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  stopUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  stopUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  stopUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Unit state changes and job events, as they happen.
   */
  Subscribe(argument: _sysmaster_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_ManagerEvent__Output>;
  Subscribe(argument: _sysmaster_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_ManagerEvent__Output>;
  /**
   * Unit state changes and job events, as they happen.
   */
  subscribe(argument: _sysmaster_v1_SubscribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_ManagerEvent__Output>;
  subscribe(argument: _sysmaster_v1_SubscribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_sysmaster_v1_ManagerEvent__Output>;
  
  /**
   * Restarts the units that are running and leaves the others alone.
   */
  TryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  TryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  TryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  TryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Restarts the units that are running and leaves the others alone.
   */
  tryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  tryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  tryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  tryRestartUnits(argument: _sysmaster_v1_UnitJobRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the /dev/null links of masked units (now is refused: start them with StartUnits).
   */
  UnmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  UnmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  UnmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  UnmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the /dev/null links of masked units (now is refused: start them with StartUnits).
   */
  unmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  unmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  unmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  unmaskUnitFiles(argument: _sysmaster_v1_UnitFilesRequest, callback: grpc.requestCallback<_sysmaster_v1_UnitFileChangesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Waits until every named job has finished and answers with their results.
   */
  WaitJobs(argument: _sysmaster_v1_WaitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  WaitJobs(argument: _sysmaster_v1_WaitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  WaitJobs(argument: _sysmaster_v1_WaitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  WaitJobs(argument: _sysmaster_v1_WaitJobsRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Waits until every named job has finished and answers with their results.
   */
  waitJobs(argument: _sysmaster_v1_WaitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  waitJobs(argument: _sysmaster_v1_WaitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  waitJobs(argument: _sysmaster_v1_WaitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  waitJobs(argument: _sysmaster_v1_WaitJobsRequest, callback: grpc.requestCallback<_sysmaster_v1_JobsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Served by the core on /run/sysmaster/private (every RPC for root) and /run/sysmaster/public
 * (the read-only RPCs only). Every request is bounded before it runs (at most 4 MiB, strings of
 * 65,536 characters, 10,000 entries per repeated field: INVALID_ARGUMENT naming the field and the
 * bound) and waits its turn in a queue per caller uid, root first (ERR_BUSY when a caller has 512
 * waiting, a connection 256; 128 calls open per connection); Keepalive bypasses the queue.
 * The figures are packages/proto/src/limits.ts and admission.ts.
 */
export interface ManagerHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Cancels queued or running jobs by id.
   */
  CancelJobs: grpc.handleUnaryCall<_sysmaster_v1_CancelJobsRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * The text of a unit's fragment and drop-ins as they are on disk now, for `sctl cat`.
   * NOT_FOUND when no file exists, FAILED_PRECONDITION when the unit is masked. Read-only.
   */
  CatUnit: grpc.handleUnaryCall<_sysmaster_v1_CatUnitRequest__Output, _sysmaster_v1_CatUnitResponse>;
  
  /**
   * Removes the runtime, state, cache, logs or configuration directories or the fd store of
   * inactive units (systemctl clean); a unit that is active or has a job is refused.
   */
  CleanUnits: grpc.handleUnaryCall<_sysmaster_v1_CleanUnitsRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Removes the links that enable the units; with now, also stops them.
   */
  DisableUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Unit files: enablement, masking and the default target.
   * EnableUnitFiles creates the links the units' [Install] sections ask for; with now, also
   * starts the units. Every change ends with a daemon-reload.
   */
  EnableUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * The target default.target points to (`sctl get-default`). Read-only.
   */
  GetDefaultTarget: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_DefaultTargetResponse>;
  
  /**
   * The dependency graph reachable from one unit along one family of dependencies, with each
   * unit's active state, for `sctl list-dependencies`. Read-only.
   */
  GetDependencies: grpc.handleUnaryCall<_sysmaster_v1_GetDependenciesRequest__Output, _sysmaster_v1_GetDependenciesResponse>;
  
  /**
   * The manager's own processes — init, the core, each worker — with their pids, when their
   * code was loaded, and how often and why they were replaced (`sctl status` with no unit).
   * Read-only.
   */
  GetManagerProcesses: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_ManagerProcessesResponse>;
  
  /**
   * Introspection.
   * GetUnit: one unit, everything `sctl status` and `sctl show` print. An unknown unit answers
   * with load_state "not-found". Read-only.
   */
  GetUnit: grpc.handleUnaryCall<_sysmaster_v1_GetUnitRequest__Output, _sysmaster_v1_UnitInfo>;
  
  /**
   * The enablement state of each unit file, as `sctl is-enabled` prints it. Read-only.
   */
  GetUnitFileState: grpc.handleUnaryCall<_sysmaster_v1_UnitNamesRequest__Output, _sysmaster_v1_UnitFileStatesResponse>;
  
  /**
   * As PowerOff, ending in a halt.
   */
  Halt: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * Starts the unit (a target with AllowIsolate=yes) and stops everything it does not need.
   */
  Isolate: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Liveness check for init: answers at once from the core's event loop.
   */
  Keepalive: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_KeepaliveResponse>;
  
  /**
   * Sends a signal to the units' processes.
   */
  KillUnits: grpc.handleUnaryCall<_sysmaster_v1_KillUnitsRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * The jobs in the queue.
   */
  ListJobs: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * The unit files of the search path with their enablement (`sctl list-unit-files`). Read-only.
   */
  ListUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_ListUnitFilesRequest__Output, _sysmaster_v1_ListUnitFilesResponse>;
  
  /**
   * The loaded units that match the filters, sorted by name (`sctl list-units`). Read-only.
   */
  ListUnits: grpc.handleUnaryCall<_sysmaster_v1_ListUnitsRequest__Output, _sysmaster_v1_ListUnitsResponse>;
  
  /**
   * The last lines of a unit's log, then (with follow) new lines as they are written.
   */
  Logs: grpc.handleServerStreamingCall<_sysmaster_v1_LogsRequest__Output, _sysmaster_v1_LogLine>;
  
  /**
   * Links the units to /dev/null so that nothing can start them; with now, also stops them.
   */
  MaskUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Stops every unit, then asks init for the final step. Answers once shutdown has begun.
   */
  PowerOff: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * Applies the presets to every unit file in the search path (`sctl preset-all`).
   */
  PresetAllUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_PresetAllRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Enables or disables each unit as the preset files say (systemd.preset(5), first matching
   * rule wins, "enable" when none matches). With now, starts or stops them accordingly.
   */
  PresetUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * As PowerOff, ending in a reboot.
   */
  Reboot: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * Disables, then enables the units again (`sctl reenable`): the links follow the current
   * [Install] section. With now, restarts them.
   */
  ReenableUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Live upgrade (sctl daemon-reexec): every worker that can (capability can_reexec), then init,
   * then the core re-execute the code now on disk under their pids, keeping every service, fd,
   * job and connection. The core's new code is tried first: if it does not load or speaks
   * another contract revision, nothing is touched (ERR_SYSTEM). Answers before the core itself
   * re-executes; calls made meanwhile wait for the new core (a client retries one cut off).
   * FAILED_PRECONDITION while shutting down or while another daemon-reexec runs.
   */
  Reexecute: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_ReexecuteResponse>;
  
  /**
   * The manager itself.
   * Re-reads the worker registrations (a new type is started, a removed one retired) and every
   * unit file, and re-Loads each unit in its worker; running units keep running.
   */
  Reload: grpc.handleUnaryCall<_sysmaster_v1_Empty__Output, _sysmaster_v1_Empty>;
  
  /**
   * Reloads the units that can reload and restarts the others; starts those not running.
   */
  ReloadOrRestartUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Reloads the units' configuration in place (their worker's Reload); the job fails for a unit
   * that is not active or cannot reload.
   */
  ReloadUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Returns failed units (all failed units when none is named) to inactive.
   */
  ResetFailed: grpc.handleUnaryCall<_sysmaster_v1_UnitNamesRequest__Output, _sysmaster_v1_Empty>;
  
  /**
   * Stops, then starts the units (a restart job); a unit that is not running is started.
   */
  RestartUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Points default.target at the named target (`sctl set-default`).
   */
  SetDefaultTarget: grpc.handleUnaryCall<_sysmaster_v1_SetDefaultTargetRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Unit jobs. Each enqueues one transaction for the named units and answers with the jobs it
   * queued; WaitJobs waits for their outcome (sctl waits unless --no-block).
   * StartUnits starts the units and everything they pull in (Requires=, Wants=, …).
   */
  StartUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Stops the units; units that require them, are bound to them or are part of them stop too.
   */
  StopUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Unit state changes and job events, as they happen.
   */
  Subscribe: grpc.handleServerStreamingCall<_sysmaster_v1_SubscribeRequest__Output, _sysmaster_v1_ManagerEvent>;
  
  /**
   * Restarts the units that are running and leaves the others alone.
   */
  TryRestartUnits: grpc.handleUnaryCall<_sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse>;
  
  /**
   * Removes the /dev/null links of masked units (now is refused: start them with StartUnits).
   */
  UnmaskUnitFiles: grpc.handleUnaryCall<_sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse>;
  
  /**
   * Waits until every named job has finished and answers with their results.
   */
  WaitJobs: grpc.handleUnaryCall<_sysmaster_v1_WaitJobsRequest__Output, _sysmaster_v1_JobsResponse>;
  
}

export interface ManagerDefinition extends grpc.ServiceDefinition {
  CancelJobs: MethodDefinition<_sysmaster_v1_CancelJobsRequest, _sysmaster_v1_Empty, _sysmaster_v1_CancelJobsRequest__Output, _sysmaster_v1_Empty__Output>
  CatUnit: MethodDefinition<_sysmaster_v1_CatUnitRequest, _sysmaster_v1_CatUnitResponse, _sysmaster_v1_CatUnitRequest__Output, _sysmaster_v1_CatUnitResponse__Output>
  CleanUnits: MethodDefinition<_sysmaster_v1_CleanUnitsRequest, _sysmaster_v1_Empty, _sysmaster_v1_CleanUnitsRequest__Output, _sysmaster_v1_Empty__Output>
  DisableUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  EnableUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  GetDefaultTarget: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_DefaultTargetResponse, _sysmaster_v1_Empty__Output, _sysmaster_v1_DefaultTargetResponse__Output>
  GetDependencies: MethodDefinition<_sysmaster_v1_GetDependenciesRequest, _sysmaster_v1_GetDependenciesResponse, _sysmaster_v1_GetDependenciesRequest__Output, _sysmaster_v1_GetDependenciesResponse__Output>
  GetManagerProcesses: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_ManagerProcessesResponse, _sysmaster_v1_Empty__Output, _sysmaster_v1_ManagerProcessesResponse__Output>
  GetUnit: MethodDefinition<_sysmaster_v1_GetUnitRequest, _sysmaster_v1_UnitInfo, _sysmaster_v1_GetUnitRequest__Output, _sysmaster_v1_UnitInfo__Output>
  GetUnitFileState: MethodDefinition<_sysmaster_v1_UnitNamesRequest, _sysmaster_v1_UnitFileStatesResponse, _sysmaster_v1_UnitNamesRequest__Output, _sysmaster_v1_UnitFileStatesResponse__Output>
  Halt: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  Isolate: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  Keepalive: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_KeepaliveResponse, _sysmaster_v1_Empty__Output, _sysmaster_v1_KeepaliveResponse__Output>
  KillUnits: MethodDefinition<_sysmaster_v1_KillUnitsRequest, _sysmaster_v1_Empty, _sysmaster_v1_KillUnitsRequest__Output, _sysmaster_v1_Empty__Output>
  ListJobs: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_JobsResponse, _sysmaster_v1_Empty__Output, _sysmaster_v1_JobsResponse__Output>
  ListUnitFiles: MethodDefinition<_sysmaster_v1_ListUnitFilesRequest, _sysmaster_v1_ListUnitFilesResponse, _sysmaster_v1_ListUnitFilesRequest__Output, _sysmaster_v1_ListUnitFilesResponse__Output>
  ListUnits: MethodDefinition<_sysmaster_v1_ListUnitsRequest, _sysmaster_v1_ListUnitsResponse, _sysmaster_v1_ListUnitsRequest__Output, _sysmaster_v1_ListUnitsResponse__Output>
  Logs: MethodDefinition<_sysmaster_v1_LogsRequest, _sysmaster_v1_LogLine, _sysmaster_v1_LogsRequest__Output, _sysmaster_v1_LogLine__Output>
  MaskUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  PowerOff: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  PresetAllUnitFiles: MethodDefinition<_sysmaster_v1_PresetAllRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_PresetAllRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  PresetUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  Reboot: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  ReenableUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  Reexecute: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_ReexecuteResponse, _sysmaster_v1_Empty__Output, _sysmaster_v1_ReexecuteResponse__Output>
  Reload: MethodDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty, _sysmaster_v1_Empty__Output, _sysmaster_v1_Empty__Output>
  ReloadOrRestartUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  ReloadUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  ResetFailed: MethodDefinition<_sysmaster_v1_UnitNamesRequest, _sysmaster_v1_Empty, _sysmaster_v1_UnitNamesRequest__Output, _sysmaster_v1_Empty__Output>
  RestartUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  SetDefaultTarget: MethodDefinition<_sysmaster_v1_SetDefaultTargetRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_SetDefaultTargetRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  StartUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  StopUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  Subscribe: MethodDefinition<_sysmaster_v1_SubscribeRequest, _sysmaster_v1_ManagerEvent, _sysmaster_v1_SubscribeRequest__Output, _sysmaster_v1_ManagerEvent__Output>
  TryRestartUnits: MethodDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_UnitJobRequest__Output, _sysmaster_v1_JobsResponse__Output>
  UnmaskUnitFiles: MethodDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFilesRequest__Output, _sysmaster_v1_UnitFileChangesResponse__Output>
  WaitJobs: MethodDefinition<_sysmaster_v1_WaitJobsRequest, _sysmaster_v1_JobsResponse, _sysmaster_v1_WaitJobsRequest__Output, _sysmaster_v1_JobsResponse__Output>
}
