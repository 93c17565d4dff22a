// Original file: protos/sysmaster/v1/worker.proto


export interface DescribeRequest {
}

export interface DescribeRequest__Output {
}
