// Original file: protos/sysmaster/v1/worker.proto


export interface ListRequest {
}

export interface ListRequest__Output {
}
