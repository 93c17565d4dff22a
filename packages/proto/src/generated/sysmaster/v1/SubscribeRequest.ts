// Original file: protos/sysmaster/v1/manager.proto


/**
 * Subscribe takes no argument: every unit and job event is sent.
 */
export interface SubscribeRequest {
}

/**
 * Subscribe takes no argument: every unit and job event is sent.
 */
export interface SubscribeRequest__Output {
}
