// Original file: protos/sysmaster/v1/manager.proto

import type { UnitFileChange as _sysmaster_v1_UnitFileChange, UnitFileChange__Output as _sysmaster_v1_UnitFileChange__Output } from '../../sysmaster/v1/UnitFileChange';
import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';

export interface UnitFileChangesResponse {
  'changes'?: (_sysmaster_v1_UnitFileChange)[];
  'warnings'?: (string)[];
  'jobs'?: (_sysmaster_v1_Job)[];
}

export interface UnitFileChangesResponse__Output {
  'changes': (_sysmaster_v1_UnitFileChange__Output)[];
  'warnings': (string)[];
  'jobs': (_sysmaster_v1_Job__Output)[];
}
