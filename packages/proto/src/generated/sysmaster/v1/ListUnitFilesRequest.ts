// Original file: protos/sysmaster/v1/manager.proto


/**
 * The filters of ListUnitFiles; every filter that is given must match.
 */
export interface ListUnitFilesRequest {
  /**
   * Only files whose enablement state is one of these (like `--state`).
   */
  'states'?: (string)[];
  /**
   * Only files of these unit types, e.g. "service" (like `--type`).
   */
  'types'?: (string)[];
  /**
   * Only files whose name matches one of these shell globs.
   */
  'patterns'?: (string)[];
}

/**
 * The filters of ListUnitFiles; every filter that is given must match.
 */
export interface ListUnitFilesRequest__Output {
  /**
   * Only files whose enablement state is one of these (like `--state`).
   */
  'states': (string)[];
  /**
   * Only files of these unit types, e.g. "service" (like `--type`).
   */
  'types': (string)[];
  /**
   * Only files whose name matches one of these shell globs.
   */
  'patterns': (string)[];
}
