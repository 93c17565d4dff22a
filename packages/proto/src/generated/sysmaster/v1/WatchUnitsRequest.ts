// Original file: protos/sysmaster/v1/worker.proto


/**
 * Which units WatchUnits follows.
 */
export interface WatchUnitsRequest {
  /**
   * The units to watch, by full name (at most 1,000).
   */
  'units'?: (string)[];
}

/**
 * Which units WatchUnits follows.
 */
export interface WatchUnitsRequest__Output {
  /**
   * The units to watch, by full name (at most 1,000).
   */
  'units': (string)[];
}
