// Original file: /work/main/protos/sysmaster/v1/worker.proto


export interface WatchRequest {
}

export interface WatchRequest__Output {
}
