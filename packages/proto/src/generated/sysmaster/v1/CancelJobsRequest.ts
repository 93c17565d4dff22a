// Original file: protos/sysmaster/v1/manager.proto


export interface CancelJobsRequest {
  'ids'?: (number)[];
}

export interface CancelJobsRequest__Output {
  'ids': (number)[];
}
