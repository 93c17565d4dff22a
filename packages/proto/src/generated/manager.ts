import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CancelJobsRequest as _sysmaster_v1_CancelJobsRequest, CancelJobsRequest__Output as _sysmaster_v1_CancelJobsRequest__Output } from './sysmaster/v1/CancelJobsRequest';
import type { Capabilities as _sysmaster_v1_Capabilities, Capabilities__Output as _sysmaster_v1_Capabilities__Output } from './sysmaster/v1/Capabilities';
import type { CatUnitRequest as _sysmaster_v1_CatUnitRequest, CatUnitRequest__Output as _sysmaster_v1_CatUnitRequest__Output } from './sysmaster/v1/CatUnitRequest';
import type { CatUnitResponse as _sysmaster_v1_CatUnitResponse, CatUnitResponse__Output as _sysmaster_v1_CatUnitResponse__Output } from './sysmaster/v1/CatUnitResponse';
import type { CleanRequest as _sysmaster_v1_CleanRequest, CleanRequest__Output as _sysmaster_v1_CleanRequest__Output } from './sysmaster/v1/CleanRequest';
import type { CleanUnitsRequest as _sysmaster_v1_CleanUnitsRequest, CleanUnitsRequest__Output as _sysmaster_v1_CleanUnitsRequest__Output } from './sysmaster/v1/CleanUnitsRequest';
import type { CleanWhat as _sysmaster_v1_CleanWhat, CleanWhat__Output as _sysmaster_v1_CleanWhat__Output } from './sysmaster/v1/CleanWhat';
import type { ConditionResult as _sysmaster_v1_ConditionResult, ConditionResult__Output as _sysmaster_v1_ConditionResult__Output } from './sysmaster/v1/ConditionResult';
import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from './sysmaster/v1/ConfigError';
import type { DefaultTargetResponse as _sysmaster_v1_DefaultTargetResponse, DefaultTargetResponse__Output as _sysmaster_v1_DefaultTargetResponse__Output } from './sysmaster/v1/DefaultTargetResponse';
import type { DependencyNode as _sysmaster_v1_DependencyNode, DependencyNode__Output as _sysmaster_v1_DependencyNode__Output } from './sysmaster/v1/DependencyNode';
import type { DependencyRules as _sysmaster_v1_DependencyRules, DependencyRules__Output as _sysmaster_v1_DependencyRules__Output } from './sysmaster/v1/DependencyRules';
import type { DescribeRequest as _sysmaster_v1_DescribeRequest, DescribeRequest__Output as _sysmaster_v1_DescribeRequest__Output } from './sysmaster/v1/DescribeRequest';
import type { DescribeResponse as _sysmaster_v1_DescribeResponse, DescribeResponse__Output as _sysmaster_v1_DescribeResponse__Output } from './sysmaster/v1/DescribeResponse';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from './sysmaster/v1/Empty';
import type { Entry as _sysmaster_v1_Entry, Entry__Output as _sysmaster_v1_Entry__Output } from './sysmaster/v1/Entry';
import type { GetDependenciesRequest as _sysmaster_v1_GetDependenciesRequest, GetDependenciesRequest__Output as _sysmaster_v1_GetDependenciesRequest__Output } from './sysmaster/v1/GetDependenciesRequest';
import type { GetDependenciesResponse as _sysmaster_v1_GetDependenciesResponse, GetDependenciesResponse__Output as _sysmaster_v1_GetDependenciesResponse__Output } from './sysmaster/v1/GetDependenciesResponse';
import type { GetUnitRequest as _sysmaster_v1_GetUnitRequest, GetUnitRequest__Output as _sysmaster_v1_GetUnitRequest__Output } from './sysmaster/v1/GetUnitRequest';
import type { HostEvent as _sysmaster_v1_HostEvent, HostEvent__Output as _sysmaster_v1_HostEvent__Output } from './sysmaster/v1/HostEvent';
import type { HostJobRequest as _sysmaster_v1_HostJobRequest, HostJobRequest__Output as _sysmaster_v1_HostJobRequest__Output } from './sysmaster/v1/HostJobRequest';
import type { HostJobResponse as _sysmaster_v1_HostJobResponse, HostJobResponse__Output as _sysmaster_v1_HostJobResponse__Output } from './sysmaster/v1/HostJobResponse';
import type { ImpliedDependency as _sysmaster_v1_ImpliedDependency, ImpliedDependency__Output as _sysmaster_v1_ImpliedDependency__Output } from './sysmaster/v1/ImpliedDependency';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from './sysmaster/v1/Job';
import type { JobQueueState as _sysmaster_v1_JobQueueState, JobQueueState__Output as _sysmaster_v1_JobQueueState__Output } from './sysmaster/v1/JobQueueState';
import type { JobsResponse as _sysmaster_v1_JobsResponse, JobsResponse__Output as _sysmaster_v1_JobsResponse__Output } from './sysmaster/v1/JobsResponse';
import type { KeepaliveResponse as _sysmaster_v1_KeepaliveResponse, KeepaliveResponse__Output as _sysmaster_v1_KeepaliveResponse__Output } from './sysmaster/v1/KeepaliveResponse';
import type { KillRequest as _sysmaster_v1_KillRequest, KillRequest__Output as _sysmaster_v1_KillRequest__Output } from './sysmaster/v1/KillRequest';
import type { KillUnitsRequest as _sysmaster_v1_KillUnitsRequest, KillUnitsRequest__Output as _sysmaster_v1_KillUnitsRequest__Output } from './sysmaster/v1/KillUnitsRequest';
import type { ListRequest as _sysmaster_v1_ListRequest, ListRequest__Output as _sysmaster_v1_ListRequest__Output } from './sysmaster/v1/ListRequest';
import type { ListResponse as _sysmaster_v1_ListResponse, ListResponse__Output as _sysmaster_v1_ListResponse__Output } from './sysmaster/v1/ListResponse';
import type { ListUnitFilesRequest as _sysmaster_v1_ListUnitFilesRequest, ListUnitFilesRequest__Output as _sysmaster_v1_ListUnitFilesRequest__Output } from './sysmaster/v1/ListUnitFilesRequest';
import type { ListUnitFilesResponse as _sysmaster_v1_ListUnitFilesResponse, ListUnitFilesResponse__Output as _sysmaster_v1_ListUnitFilesResponse__Output } from './sysmaster/v1/ListUnitFilesResponse';
import type { ListUnitsRequest as _sysmaster_v1_ListUnitsRequest, ListUnitsRequest__Output as _sysmaster_v1_ListUnitsRequest__Output } from './sysmaster/v1/ListUnitsRequest';
import type { ListUnitsResponse as _sysmaster_v1_ListUnitsResponse, ListUnitsResponse__Output as _sysmaster_v1_ListUnitsResponse__Output } from './sysmaster/v1/ListUnitsResponse';
import type { LoadRequest as _sysmaster_v1_LoadRequest, LoadRequest__Output as _sysmaster_v1_LoadRequest__Output } from './sysmaster/v1/LoadRequest';
import type { LoadResponse as _sysmaster_v1_LoadResponse, LoadResponse__Output as _sysmaster_v1_LoadResponse__Output } from './sysmaster/v1/LoadResponse';
import type { LogLine as _sysmaster_v1_LogLine, LogLine__Output as _sysmaster_v1_LogLine__Output } from './sysmaster/v1/LogLine';
import type { LogsRequest as _sysmaster_v1_LogsRequest, LogsRequest__Output as _sysmaster_v1_LogsRequest__Output } from './sysmaster/v1/LogsRequest';
import type { ManagerClient as _sysmaster_v1_ManagerClient, ManagerDefinition as _sysmaster_v1_ManagerDefinition } from './sysmaster/v1/Manager';
import type { ManagerEvent as _sysmaster_v1_ManagerEvent, ManagerEvent__Output as _sysmaster_v1_ManagerEvent__Output } from './sysmaster/v1/ManagerEvent';
import type { ManagerProcess as _sysmaster_v1_ManagerProcess, ManagerProcess__Output as _sysmaster_v1_ManagerProcess__Output } from './sysmaster/v1/ManagerProcess';
import type { ManagerProcessesResponse as _sysmaster_v1_ManagerProcessesResponse, ManagerProcessesResponse__Output as _sysmaster_v1_ManagerProcessesResponse__Output } from './sysmaster/v1/ManagerProcessesResponse';
import type { PresetAllRequest as _sysmaster_v1_PresetAllRequest, PresetAllRequest__Output as _sysmaster_v1_PresetAllRequest__Output } from './sysmaster/v1/PresetAllRequest';
import type { Process as _sysmaster_v1_Process, Process__Output as _sysmaster_v1_Process__Output } from './sysmaster/v1/Process';
import type { ReexecRequest as _sysmaster_v1_ReexecRequest, ReexecRequest__Output as _sysmaster_v1_ReexecRequest__Output } from './sysmaster/v1/ReexecRequest';
import type { ReexecResponse as _sysmaster_v1_ReexecResponse, ReexecResponse__Output as _sysmaster_v1_ReexecResponse__Output } from './sysmaster/v1/ReexecResponse';
import type { ReexecuteResponse as _sysmaster_v1_ReexecuteResponse, ReexecuteResponse__Output as _sysmaster_v1_ReexecuteResponse__Output } from './sysmaster/v1/ReexecuteResponse';
import type { Section as _sysmaster_v1_Section, Section__Output as _sysmaster_v1_Section__Output } from './sysmaster/v1/Section';
import type { SetDefaultTargetRequest as _sysmaster_v1_SetDefaultTargetRequest, SetDefaultTargetRequest__Output as _sysmaster_v1_SetDefaultTargetRequest__Output } from './sysmaster/v1/SetDefaultTargetRequest';
import type { SubscribeRequest as _sysmaster_v1_SubscribeRequest, SubscribeRequest__Output as _sysmaster_v1_SubscribeRequest__Output } from './sysmaster/v1/SubscribeRequest';
import type { TypeCondition as _sysmaster_v1_TypeCondition, TypeCondition__Output as _sysmaster_v1_TypeCondition__Output } from './sysmaster/v1/TypeCondition';
import type { UnitFile as _sysmaster_v1_UnitFile, UnitFile__Output as _sysmaster_v1_UnitFile__Output } from './sysmaster/v1/UnitFile';
import type { UnitFileChange as _sysmaster_v1_UnitFileChange, UnitFileChange__Output as _sysmaster_v1_UnitFileChange__Output } from './sysmaster/v1/UnitFileChange';
import type { UnitFileChangesResponse as _sysmaster_v1_UnitFileChangesResponse, UnitFileChangesResponse__Output as _sysmaster_v1_UnitFileChangesResponse__Output } from './sysmaster/v1/UnitFileChangesResponse';
import type { UnitFileState as _sysmaster_v1_UnitFileState, UnitFileState__Output as _sysmaster_v1_UnitFileState__Output } from './sysmaster/v1/UnitFileState';
import type { UnitFileStatesResponse as _sysmaster_v1_UnitFileStatesResponse, UnitFileStatesResponse__Output as _sysmaster_v1_UnitFileStatesResponse__Output } from './sysmaster/v1/UnitFileStatesResponse';
import type { UnitFileText as _sysmaster_v1_UnitFileText, UnitFileText__Output as _sysmaster_v1_UnitFileText__Output } from './sysmaster/v1/UnitFileText';
import type { UnitFilesRequest as _sysmaster_v1_UnitFilesRequest, UnitFilesRequest__Output as _sysmaster_v1_UnitFilesRequest__Output } from './sysmaster/v1/UnitFilesRequest';
import type { UnitInfo as _sysmaster_v1_UnitInfo, UnitInfo__Output as _sysmaster_v1_UnitInfo__Output } from './sysmaster/v1/UnitInfo';
import type { UnitJobRequest as _sysmaster_v1_UnitJobRequest, UnitJobRequest__Output as _sysmaster_v1_UnitJobRequest__Output } from './sysmaster/v1/UnitJobRequest';
import type { UnitNames as _sysmaster_v1_UnitNames, UnitNames__Output as _sysmaster_v1_UnitNames__Output } from './sysmaster/v1/UnitNames';
import type { UnitNamesRequest as _sysmaster_v1_UnitNamesRequest, UnitNamesRequest__Output as _sysmaster_v1_UnitNamesRequest__Output } from './sysmaster/v1/UnitNamesRequest';
import type { UnitRequest as _sysmaster_v1_UnitRequest, UnitRequest__Output as _sysmaster_v1_UnitRequest__Output } from './sysmaster/v1/UnitRequest';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from './sysmaster/v1/UnitStatus';
import type { UnitSummary as _sysmaster_v1_UnitSummary, UnitSummary__Output as _sysmaster_v1_UnitSummary__Output } from './sysmaster/v1/UnitSummary';
import type { UnitWorkerClient as _sysmaster_v1_UnitWorkerClient, UnitWorkerDefinition as _sysmaster_v1_UnitWorkerDefinition } from './sysmaster/v1/UnitWorker';
import type { WaitJobsRequest as _sysmaster_v1_WaitJobsRequest, WaitJobsRequest__Output as _sysmaster_v1_WaitJobsRequest__Output } from './sysmaster/v1/WaitJobsRequest';
import type { WatchJobQueueRequest as _sysmaster_v1_WatchJobQueueRequest, WatchJobQueueRequest__Output as _sysmaster_v1_WatchJobQueueRequest__Output } from './sysmaster/v1/WatchJobQueueRequest';
import type { WatchRequest as _sysmaster_v1_WatchRequest, WatchRequest__Output as _sysmaster_v1_WatchRequest__Output } from './sysmaster/v1/WatchRequest';
import type { WatchUnitsRequest as _sysmaster_v1_WatchUnitsRequest, WatchUnitsRequest__Output as _sysmaster_v1_WatchUnitsRequest__Output } from './sysmaster/v1/WatchUnitsRequest';
import type { WorkerHostClient as _sysmaster_v1_WorkerHostClient, WorkerHostDefinition as _sysmaster_v1_WorkerHostDefinition } from './sysmaster/v1/WorkerHost';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sysmaster: {
    v1: {
      ActiveState: EnumTypeDefinition
      CancelJobsRequest: MessageTypeDefinition<_sysmaster_v1_CancelJobsRequest, _sysmaster_v1_CancelJobsRequest__Output>
      Capabilities: MessageTypeDefinition<_sysmaster_v1_Capabilities, _sysmaster_v1_Capabilities__Output>
      CatUnitRequest: MessageTypeDefinition<_sysmaster_v1_CatUnitRequest, _sysmaster_v1_CatUnitRequest__Output>
      CatUnitResponse: MessageTypeDefinition<_sysmaster_v1_CatUnitResponse, _sysmaster_v1_CatUnitResponse__Output>
      CleanRequest: MessageTypeDefinition<_sysmaster_v1_CleanRequest, _sysmaster_v1_CleanRequest__Output>
      CleanUnitsRequest: MessageTypeDefinition<_sysmaster_v1_CleanUnitsRequest, _sysmaster_v1_CleanUnitsRequest__Output>
      CleanWhat: MessageTypeDefinition<_sysmaster_v1_CleanWhat, _sysmaster_v1_CleanWhat__Output>
      ConditionResult: MessageTypeDefinition<_sysmaster_v1_ConditionResult, _sysmaster_v1_ConditionResult__Output>
      ConfigError: MessageTypeDefinition<_sysmaster_v1_ConfigError, _sysmaster_v1_ConfigError__Output>
      DefaultTargetResponse: MessageTypeDefinition<_sysmaster_v1_DefaultTargetResponse, _sysmaster_v1_DefaultTargetResponse__Output>
      DependencyKind: EnumTypeDefinition
      DependencyNode: MessageTypeDefinition<_sysmaster_v1_DependencyNode, _sysmaster_v1_DependencyNode__Output>
      DependencyRules: MessageTypeDefinition<_sysmaster_v1_DependencyRules, _sysmaster_v1_DependencyRules__Output>
      DescribeRequest: MessageTypeDefinition<_sysmaster_v1_DescribeRequest, _sysmaster_v1_DescribeRequest__Output>
      DescribeResponse: MessageTypeDefinition<_sysmaster_v1_DescribeResponse, _sysmaster_v1_DescribeResponse__Output>
      Empty: MessageTypeDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty__Output>
      Entry: MessageTypeDefinition<_sysmaster_v1_Entry, _sysmaster_v1_Entry__Output>
      ErrorCode: EnumTypeDefinition
      GetDependenciesRequest: MessageTypeDefinition<_sysmaster_v1_GetDependenciesRequest, _sysmaster_v1_GetDependenciesRequest__Output>
      GetDependenciesResponse: MessageTypeDefinition<_sysmaster_v1_GetDependenciesResponse, _sysmaster_v1_GetDependenciesResponse__Output>
      GetUnitRequest: MessageTypeDefinition<_sysmaster_v1_GetUnitRequest, _sysmaster_v1_GetUnitRequest__Output>
      HostEvent: MessageTypeDefinition<_sysmaster_v1_HostEvent, _sysmaster_v1_HostEvent__Output>
      HostEventKind: EnumTypeDefinition
      HostJobRequest: MessageTypeDefinition<_sysmaster_v1_HostJobRequest, _sysmaster_v1_HostJobRequest__Output>
      HostJobResponse: MessageTypeDefinition<_sysmaster_v1_HostJobResponse, _sysmaster_v1_HostJobResponse__Output>
      ImpliedDependency: MessageTypeDefinition<_sysmaster_v1_ImpliedDependency, _sysmaster_v1_ImpliedDependency__Output>
      Job: MessageTypeDefinition<_sysmaster_v1_Job, _sysmaster_v1_Job__Output>
      JobMode: EnumTypeDefinition
      JobQueueState: MessageTypeDefinition<_sysmaster_v1_JobQueueState, _sysmaster_v1_JobQueueState__Output>
      JobType: EnumTypeDefinition
      JobsResponse: MessageTypeDefinition<_sysmaster_v1_JobsResponse, _sysmaster_v1_JobsResponse__Output>
      KeepaliveResponse: MessageTypeDefinition<_sysmaster_v1_KeepaliveResponse, _sysmaster_v1_KeepaliveResponse__Output>
      KillRequest: MessageTypeDefinition<_sysmaster_v1_KillRequest, _sysmaster_v1_KillRequest__Output>
      KillUnitsRequest: MessageTypeDefinition<_sysmaster_v1_KillUnitsRequest, _sysmaster_v1_KillUnitsRequest__Output>
      KillWhom: EnumTypeDefinition
      ListRequest: MessageTypeDefinition<_sysmaster_v1_ListRequest, _sysmaster_v1_ListRequest__Output>
      ListResponse: MessageTypeDefinition<_sysmaster_v1_ListResponse, _sysmaster_v1_ListResponse__Output>
      ListUnitFilesRequest: MessageTypeDefinition<_sysmaster_v1_ListUnitFilesRequest, _sysmaster_v1_ListUnitFilesRequest__Output>
      ListUnitFilesResponse: MessageTypeDefinition<_sysmaster_v1_ListUnitFilesResponse, _sysmaster_v1_ListUnitFilesResponse__Output>
      ListUnitsRequest: MessageTypeDefinition<_sysmaster_v1_ListUnitsRequest, _sysmaster_v1_ListUnitsRequest__Output>
      ListUnitsResponse: MessageTypeDefinition<_sysmaster_v1_ListUnitsResponse, _sysmaster_v1_ListUnitsResponse__Output>
      LoadRequest: MessageTypeDefinition<_sysmaster_v1_LoadRequest, _sysmaster_v1_LoadRequest__Output>
      LoadResponse: MessageTypeDefinition<_sysmaster_v1_LoadResponse, _sysmaster_v1_LoadResponse__Output>
      LogLine: MessageTypeDefinition<_sysmaster_v1_LogLine, _sysmaster_v1_LogLine__Output>
      LogsRequest: MessageTypeDefinition<_sysmaster_v1_LogsRequest, _sysmaster_v1_LogsRequest__Output>
      /**
       * Served by the core on /run/sysmaster/private (every RPC for root) and /run/sysmaster/public
       * (the read-only RPCs only). Every request is bounded before it runs (at most 4 MiB, strings of
       * 65,536 characters, 10,000 entries per repeated field: INVALID_ARGUMENT naming the field and the
       * bound) and waits its turn in a queue per caller uid, root first (ERR_BUSY when a caller has 512
       * waiting, a connection 256; 128 calls open per connection); Keepalive bypasses the queue.
       * The figures are packages/proto/src/limits.ts and admission.ts.
       */
      Manager: SubtypeConstructor<typeof grpc.Client, _sysmaster_v1_ManagerClient> & { service: _sysmaster_v1_ManagerDefinition }
      ManagerEvent: MessageTypeDefinition<_sysmaster_v1_ManagerEvent, _sysmaster_v1_ManagerEvent__Output>
      ManagerProcess: MessageTypeDefinition<_sysmaster_v1_ManagerProcess, _sysmaster_v1_ManagerProcess__Output>
      ManagerProcessesResponse: MessageTypeDefinition<_sysmaster_v1_ManagerProcessesResponse, _sysmaster_v1_ManagerProcessesResponse__Output>
      PresetAllRequest: MessageTypeDefinition<_sysmaster_v1_PresetAllRequest, _sysmaster_v1_PresetAllRequest__Output>
      Process: MessageTypeDefinition<_sysmaster_v1_Process, _sysmaster_v1_Process__Output>
      ReexecRequest: MessageTypeDefinition<_sysmaster_v1_ReexecRequest, _sysmaster_v1_ReexecRequest__Output>
      ReexecResponse: MessageTypeDefinition<_sysmaster_v1_ReexecResponse, _sysmaster_v1_ReexecResponse__Output>
      ReexecuteResponse: MessageTypeDefinition<_sysmaster_v1_ReexecuteResponse, _sysmaster_v1_ReexecuteResponse__Output>
      Section: MessageTypeDefinition<_sysmaster_v1_Section, _sysmaster_v1_Section__Output>
      SetDefaultTargetRequest: MessageTypeDefinition<_sysmaster_v1_SetDefaultTargetRequest, _sysmaster_v1_SetDefaultTargetRequest__Output>
      SubscribeRequest: MessageTypeDefinition<_sysmaster_v1_SubscribeRequest, _sysmaster_v1_SubscribeRequest__Output>
      TypeCondition: MessageTypeDefinition<_sysmaster_v1_TypeCondition, _sysmaster_v1_TypeCondition__Output>
      UnitFile: MessageTypeDefinition<_sysmaster_v1_UnitFile, _sysmaster_v1_UnitFile__Output>
      UnitFileChange: MessageTypeDefinition<_sysmaster_v1_UnitFileChange, _sysmaster_v1_UnitFileChange__Output>
      UnitFileChangesResponse: MessageTypeDefinition<_sysmaster_v1_UnitFileChangesResponse, _sysmaster_v1_UnitFileChangesResponse__Output>
      UnitFileState: MessageTypeDefinition<_sysmaster_v1_UnitFileState, _sysmaster_v1_UnitFileState__Output>
      UnitFileStatesResponse: MessageTypeDefinition<_sysmaster_v1_UnitFileStatesResponse, _sysmaster_v1_UnitFileStatesResponse__Output>
      UnitFileText: MessageTypeDefinition<_sysmaster_v1_UnitFileText, _sysmaster_v1_UnitFileText__Output>
      UnitFilesRequest: MessageTypeDefinition<_sysmaster_v1_UnitFilesRequest, _sysmaster_v1_UnitFilesRequest__Output>
      UnitInfo: MessageTypeDefinition<_sysmaster_v1_UnitInfo, _sysmaster_v1_UnitInfo__Output>
      UnitJobRequest: MessageTypeDefinition<_sysmaster_v1_UnitJobRequest, _sysmaster_v1_UnitJobRequest__Output>
      UnitNames: MessageTypeDefinition<_sysmaster_v1_UnitNames, _sysmaster_v1_UnitNames__Output>
      UnitNamesRequest: MessageTypeDefinition<_sysmaster_v1_UnitNamesRequest, _sysmaster_v1_UnitNamesRequest__Output>
      UnitRequest: MessageTypeDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_UnitRequest__Output>
      UnitStatus: MessageTypeDefinition<_sysmaster_v1_UnitStatus, _sysmaster_v1_UnitStatus__Output>
      UnitSummary: MessageTypeDefinition<_sysmaster_v1_UnitSummary, _sysmaster_v1_UnitSummary__Output>
      /**
       * Served by each worker on /run/sysmaster/workers/<type>.sock; the core is its only client.
       */
      UnitWorker: SubtypeConstructor<typeof grpc.Client, _sysmaster_v1_UnitWorkerClient> & { service: _sysmaster_v1_UnitWorkerDefinition }
      WaitJobsRequest: MessageTypeDefinition<_sysmaster_v1_WaitJobsRequest, _sysmaster_v1_WaitJobsRequest__Output>
      WatchJobQueueRequest: MessageTypeDefinition<_sysmaster_v1_WatchJobQueueRequest, _sysmaster_v1_WatchJobQueueRequest__Output>
      WatchRequest: MessageTypeDefinition<_sysmaster_v1_WatchRequest, _sysmaster_v1_WatchRequest__Output>
      WatchUnitsRequest: MessageTypeDefinition<_sysmaster_v1_WatchUnitsRequest, _sysmaster_v1_WatchUnitsRequest__Output>
      /**
       * The calls a worker makes on the core, served on /run/sysmaster/host.sock. A worker outlives
       * the core: while a core is being replaced these calls fail UNAVAILABLE and should be retried
       * (worker-kit's host client does), and a WatchUnits stream must be opened again.
       */
      WorkerHost: SubtypeConstructor<typeof grpc.Client, _sysmaster_v1_WorkerHostClient> & { service: _sysmaster_v1_WorkerHostDefinition }
    }
  }
}

