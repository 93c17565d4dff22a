import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from './sysmaster/v1/ConfigError';
import type { Empty as _sysmaster_v1_Empty, Empty__Output as _sysmaster_v1_Empty__Output } from './sysmaster/v1/Empty';
import type { Entry as _sysmaster_v1_Entry, Entry__Output as _sysmaster_v1_Entry__Output } from './sysmaster/v1/Entry';
import type { InitClient as _sysmaster_v1_InitClient, InitDefinition as _sysmaster_v1_InitDefinition } from './sysmaster/v1/Init';
import type { InitStatus as _sysmaster_v1_InitStatus, InitStatus__Output as _sysmaster_v1_InitStatus__Output } from './sysmaster/v1/InitStatus';
import type { LogLine as _sysmaster_v1_LogLine, LogLine__Output as _sysmaster_v1_LogLine__Output } from './sysmaster/v1/LogLine';
import type { LogsRequest as _sysmaster_v1_LogsRequest, LogsRequest__Output as _sysmaster_v1_LogsRequest__Output } from './sysmaster/v1/LogsRequest';
import type { Section as _sysmaster_v1_Section, Section__Output as _sysmaster_v1_Section__Output } from './sysmaster/v1/Section';
import type { ShutdownRequest as _sysmaster_v1_ShutdownRequest, ShutdownRequest__Output as _sysmaster_v1_ShutdownRequest__Output } from './sysmaster/v1/ShutdownRequest';
import type { TypeCondition as _sysmaster_v1_TypeCondition, TypeCondition__Output as _sysmaster_v1_TypeCondition__Output } from './sysmaster/v1/TypeCondition';
import type { UnitStatus as _sysmaster_v1_UnitStatus, UnitStatus__Output as _sysmaster_v1_UnitStatus__Output } from './sysmaster/v1/UnitStatus';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sysmaster: {
    v1: {
      ActiveState: EnumTypeDefinition
      ConfigError: MessageTypeDefinition<_sysmaster_v1_ConfigError, _sysmaster_v1_ConfigError__Output>
      Empty: MessageTypeDefinition<_sysmaster_v1_Empty, _sysmaster_v1_Empty__Output>
      Entry: MessageTypeDefinition<_sysmaster_v1_Entry, _sysmaster_v1_Entry__Output>
      ErrorCode: EnumTypeDefinition
      /**
       * Served by init on /run/sysmaster/init.sock (mode 0600); the core is its client.
       */
      Init: SubtypeConstructor<typeof grpc.Client, _sysmaster_v1_InitClient> & { service: _sysmaster_v1_InitDefinition }
      InitStatus: MessageTypeDefinition<_sysmaster_v1_InitStatus, _sysmaster_v1_InitStatus__Output>
      LogLine: MessageTypeDefinition<_sysmaster_v1_LogLine, _sysmaster_v1_LogLine__Output>
      LogsRequest: MessageTypeDefinition<_sysmaster_v1_LogsRequest, _sysmaster_v1_LogsRequest__Output>
      Section: MessageTypeDefinition<_sysmaster_v1_Section, _sysmaster_v1_Section__Output>
      ShutdownRequest: MessageTypeDefinition<_sysmaster_v1_ShutdownRequest, _sysmaster_v1_ShutdownRequest__Output>
      TypeCondition: MessageTypeDefinition<_sysmaster_v1_TypeCondition, _sysmaster_v1_TypeCondition__Output>
      UnitStatus: MessageTypeDefinition<_sysmaster_v1_UnitStatus, _sysmaster_v1_UnitStatus__Output>
    }
  }
}

