// Original file: protos/sysmaster/v1/manager.proto


/**
 * The filters of ListUnits; every filter that is given must match.
 */
export interface ListUnitsRequest {
  /**
   * Include units that are inactive and not referenced by a job (like `--all`).
   */
  'all'?: (boolean);
  /**
   * Only units whose load, active or sub state is one of these (like `--state`).
   */
  'states'?: (string)[];
  /**
   * Only units of these types, e.g. "service" (like `--type`).
   */
  'types'?: (string)[];
  /**
   * Only units whose name matches one of these shell globs.
   */
  'patterns'?: (string)[];
}

/**
 * The filters of ListUnits; every filter that is given must match.
 */
export interface ListUnitsRequest__Output {
  /**
   * Include units that are inactive and not referenced by a job (like `--all`).
   */
  'all': (boolean);
  /**
   * Only units whose load, active or sub state is one of these (like `--state`).
   */
  'states': (string)[];
  /**
   * Only units of these types, e.g. "service" (like `--type`).
   */
  'types': (string)[];
  /**
   * Only units whose name matches one of these shell globs.
   */
  'patterns': (string)[];
}
