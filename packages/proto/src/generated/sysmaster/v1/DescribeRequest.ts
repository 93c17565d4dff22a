// Original file: protos/sysmaster/v1/worker.proto


/**
 * Describe takes no argument.
 */
export interface DescribeRequest {
}

/**
 * Describe takes no argument.
 */
export interface DescribeRequest__Output {
}
