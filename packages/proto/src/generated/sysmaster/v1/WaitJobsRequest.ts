// Original file: protos/sysmaster/v1/manager.proto


export interface WaitJobsRequest {
  'ids'?: (number)[];
}

export interface WaitJobsRequest__Output {
  'ids': (number)[];
}
