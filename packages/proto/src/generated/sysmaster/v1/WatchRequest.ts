// Original file: protos/sysmaster/v1/worker.proto


/**
 * Watch takes no argument: every unit of the worker is watched.
 */
export interface WatchRequest {
}

/**
 * Watch takes no argument: every unit of the worker is watched.
 */
export interface WatchRequest__Output {
}
