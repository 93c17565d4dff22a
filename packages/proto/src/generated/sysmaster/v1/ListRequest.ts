// Original file: protos/sysmaster/v1/worker.proto


/**
 * List takes no argument.
 */
export interface ListRequest {
}

/**
 * List takes no argument.
 */
export interface ListRequest__Output {
}
