// Original file: protos/sysmaster/v1/common.proto


/**
 * An empty request or reply.
 */
export interface Empty {
}

/**
 * An empty request or reply.
 */
export interface Empty__Output {
}
