import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Capabilities as _sysmaster_v1_Capabilities, Capabilities__Output as _sysmaster_v1_Capabilities__Output } from './sysmaster/v1/Capabilities';
import type { CleanRequest as _sysmaster_v1_CleanRequest, CleanRequest__Output as _sysmaster_v1_CleanRequest__Output } from './sysmaster/v1/CleanRequest';
import type { CleanWhat as _sysmaster_v1_CleanWhat, CleanWhat__Output as _sysmaster_v1_CleanWhat__Output } from './sysmaster/v1/CleanWhat';
import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from './sysmaster/v1/ConfigError';
import type { DependencyRules as _sysmaster_v1_DependencyRules, DependencyRules__Output as _sysmaster_v1_DependencyRules__Output } from './sysmaster/v1/DependencyRules';
import type { DescribeRequest as _sysmaster_v1_DescribeRequest, DescribeRequest__Output as _sysmaster_v1_DescribeRequest__Output } from './sysmaster/v1/DescribeRequest';
import type { DescribeResponse as _sysmaster_v1_DescribeResponse, DescribeResponse__Output as _sysmaster_v1_DescribeResponse__Output } from './sysmaster/v1/DescribeResponse';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from './sysmaster/v1/Empty';
import type { Entry as _sysmaster_v1_Entry, Entry__Output as _sysmaster_v1_Entry__Output } from './sysmaster/v1/Entry';
import type { HostEvent as _sysmaster_v1_HostEvent, HostEvent__Output as _sysmaster_v1_HostEvent__Output } from './sysmaster/v1/HostEvent';
import type { HostJobRequest as _sysmaster_v1_HostJobRequest, HostJobRequest__Output as _sysmaster_v1_HostJobRequest__Output } from './sysmaster/v1/HostJobRequest';
import type { HostJobResponse as _sysmaster_v1_HostJobResponse, HostJobResponse__Output as _sysmaster_v1_HostJobResponse__Output } from './sysmaster/v1/HostJobResponse';
import type { ImpliedDependency as _sysmaster_v1_ImpliedDependency, ImpliedDependency__Output as _sysmaster_v1_ImpliedDependency__Output } from './sysmaster/v1/ImpliedDependency';
import type { JobQueueState as _sysmaster_v1_JobQueueState, JobQueueState__Output as _sysmaster_v1_JobQueueState__Output } from './sysmaster/v1/JobQueueState';
import type { KillRequest as _sysmaster_v1_KillRequest, KillRequest__Output as _sysmaster_v1_KillRequest__Output } from './sysmaster/v1/KillRequest';
import type { ListRequest as _sysmaster_v1_ListRequest, ListRequest__Output as _sysmaster_v1_ListRequest__Output } from './sysmaster/v1/ListRequest';
import type { ListResponse as _sysmaster_v1_ListResponse, ListResponse__Output as _sysmaster_v1_ListResponse__Output } from './sysmaster/v1/ListResponse';
import type { LoadRequest as _sysmaster_v1_LoadRequest, LoadRequest__Output as _sysmaster_v1_LoadRequest__Output } from './sysmaster/v1/LoadRequest';
import type { LoadResponse as _sysmaster_v1_LoadResponse, LoadResponse__Output as _sysmaster_v1_LoadResponse__Output } from './sysmaster/v1/LoadResponse';
import type { LogLine as _sysmaster_v1_LogLine, LogLine__Output as _sysmaster_v1_LogLine__Output } from './sysmaster/v1/LogLine';
import type { LogsRequest as _sysmaster_v1_LogsRequest, LogsRequest__Output as _sysmaster_v1_LogsRequest__Output } from './sysmaster/v1/LogsRequest';
import type { ReexecRequest as _sysmaster_v1_ReexecRequest, ReexecRequest__Output as _sysmaster_v1_ReexecRequest__Output } from './sysmaster/v1/ReexecRequest';
import type { ReexecResponse as _sysmaster_v1_ReexecResponse, ReexecResponse__Output as _sysmaster_v1_ReexecResponse__Output } from './sysmaster/v1/ReexecResponse';
import type { Section as _sysmaster_v1_Section, Section__Output as _sysmaster_v1_Section__Output } from './sysmaster/v1/Section';
import type { TypeCondition as _sysmaster_v1_TypeCondition, TypeCondition__Output as _sysmaster_v1_TypeCondition__Output } from './sysmaster/v1/TypeCondition';
import type { UnitRequest as _sysmaster_v1_UnitRequest, UnitRequest__Output as _sysmaster_v1_UnitRequest__Output } from './sysmaster/v1/UnitRequest';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from './sysmaster/v1/UnitStatus';
import type { UnitWorkerClient as _sysmaster_v1_UnitWorkerClient, UnitWorkerDefinition as _sysmaster_v1_UnitWorkerDefinition } from './sysmaster/v1/UnitWorker';
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
      Capabilities: MessageTypeDefinition<_sysmaster_v1_Capabilities, _sysmaster_v1_Capabilities__Output>
      CleanRequest: MessageTypeDefinition<_sysmaster_v1_CleanRequest, _sysmaster_v1_CleanRequest__Output>
      CleanWhat: MessageTypeDefinition<_sysmaster_v1_CleanWhat, _sysmaster_v1_CleanWhat__Output>
      ConfigError: MessageTypeDefinition<_sysmaster_v1_ConfigError, _sysmaster_v1_ConfigError__Output>
      DependencyKind: EnumTypeDefinition
      DependencyRules: MessageTypeDefinition<_sysmaster_v1_DependencyRules, _sysmaster_v1_DependencyRules__Output>
      DescribeRequest: MessageTypeDefinition<_sysmaster_v1_DescribeRequest, _sysmaster_v1_DescribeRequest__Output>
      DescribeResponse: MessageTypeDefinition<_sysmaster_v1_DescribeResponse, _sysmaster_v1_DescribeResponse__Output>
      Empty: MessageTypeDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty__Output>
      Entry: MessageTypeDefinition<_sysmaster_v1_Entry, _sysmaster_v1_Entry__Output>
      ErrorCode: EnumTypeDefinition
      HostEvent: MessageTypeDefinition<_sysmaster_v1_HostEvent, _sysmaster_v1_HostEvent__Output>
      HostEventKind: EnumTypeDefinition
      HostJobRequest: MessageTypeDefinition<_sysmaster_v1_HostJobRequest, _sysmaster_v1_HostJobRequest__Output>
      HostJobResponse: MessageTypeDefinition<_sysmaster_v1_HostJobResponse, _sysmaster_v1_HostJobResponse__Output>
      ImpliedDependency: MessageTypeDefinition<_sysmaster_v1_ImpliedDependency, _sysmaster_v1_ImpliedDependency__Output>
      JobMode: EnumTypeDefinition
      JobQueueState: MessageTypeDefinition<_sysmaster_v1_JobQueueState, _sysmaster_v1_JobQueueState__Output>
      JobType: EnumTypeDefinition
      KillRequest: MessageTypeDefinition<_sysmaster_v1_KillRequest, _sysmaster_v1_KillRequest__Output>
      KillWhom: EnumTypeDefinition
      ListRequest: MessageTypeDefinition<_sysmaster_v1_ListRequest, _sysmaster_v1_ListRequest__Output>
      ListResponse: MessageTypeDefinition<_sysmaster_v1_ListResponse, _sysmaster_v1_ListResponse__Output>
      LoadRequest: MessageTypeDefinition<_sysmaster_v1_LoadRequest, _sysmaster_v1_LoadRequest__Output>
      LoadResponse: MessageTypeDefinition<_sysmaster_v1_LoadResponse, _sysmaster_v1_LoadResponse__Output>
      LogLine: MessageTypeDefinition<_sysmaster_v1_LogLine, _sysmaster_v1_LogLine__Output>
      LogsRequest: MessageTypeDefinition<_sysmaster_v1_LogsRequest, _sysmaster_v1_LogsRequest__Output>
      ReexecRequest: MessageTypeDefinition<_sysmaster_v1_ReexecRequest, _sysmaster_v1_ReexecRequest__Output>
      ReexecResponse: MessageTypeDefinition<_sysmaster_v1_ReexecResponse, _sysmaster_v1_ReexecResponse__Output>
      Section: MessageTypeDefinition<_sysmaster_v1_Section, _sysmaster_v1_Section__Output>
      TypeCondition: MessageTypeDefinition<_sysmaster_v1_TypeCondition, _sysmaster_v1_TypeCondition__Output>
      UnitRequest: MessageTypeDefinition<_sysmaster_v1_UnitRequest, _sysmaster_v1_UnitRequest__Output>
      UnitStatus: MessageTypeDefinition<_sysmaster_v1_UnitStatus, _sysmaster_v1_UnitStatus__Output>
      /**
       * Served by each worker on /run/sysmaster/workers/<type>.sock; the core is its only client.
       */
      UnitWorker: SubtypeConstructor<typeof grpc.Client, _sysmaster_v1_UnitWorkerClient> & { service: _sysmaster_v1_UnitWorkerDefinition }
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

