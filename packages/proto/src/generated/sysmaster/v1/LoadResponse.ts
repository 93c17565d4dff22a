// Original file: protos/sysmaster/v1/worker.proto

import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from '../../sysmaster/v1/ConfigError';
import type { ImpliedDependency as _sysmaster_v1_ImpliedDependency, ImpliedDependency__Output as _sysmaster_v1_ImpliedDependency__Output } from '../../sysmaster/v1/ImpliedDependency';

export interface LoadResponse {
  'errors'?: (_sysmaster_v1_ConfigError)[];
  'dependencies'?: (_sysmaster_v1_ImpliedDependency)[];
  'properties'?: ({[key: string]: string});
}

export interface LoadResponse__Output {
  'errors': (_sysmaster_v1_ConfigError__Output)[];
  'dependencies': (_sysmaster_v1_ImpliedDependency__Output)[];
  'properties': ({[key: string]: string});
}
