// Original file: protos/sysmaster/v1/worker.proto


export interface HostJobResponse {
  'job_id'?: (number);
}

export interface HostJobResponse__Output {
  'job_id': (number);
}
