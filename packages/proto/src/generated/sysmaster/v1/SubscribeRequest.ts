// Original file: protos/sysmaster/v1/manager.proto


export interface SubscribeRequest {
}

export interface SubscribeRequest__Output {
}
