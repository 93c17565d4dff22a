// Original file: protos/sysmaster/v1/worker.proto


export interface WatchRequest {
}

export interface WatchRequest__Output {
}
