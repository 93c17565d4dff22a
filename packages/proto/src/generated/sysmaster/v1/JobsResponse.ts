// Original file: protos/sysmaster/v1/manager.proto

import type { Job as _sysmaster_v1_Job, Job__Output as _sysmaster_v1_Job__Output } from '../../sysmaster/v1/Job';

export interface JobsResponse {
  'jobs'?: (_sysmaster_v1_Job)[];
}

export interface JobsResponse__Output {
  'jobs': (_sysmaster_v1_Job__Output)[];
}
