// Original file: protos/sysmaster/v1/worker.proto


/**
 * Which of a unit's resources Clean removes (systemctl clean --what=); "all" sets every flag.
 */
export interface CleanWhat {
  /**
   * RuntimeDirectory= (below /run).
   */
  'runtime'?: (boolean);
  /**
   * StateDirectory= (below /var/lib).
   */
  'state'?: (boolean);
  /**
   * CacheDirectory= (below /var/cache).
   */
  'cache'?: (boolean);
  /**
   * LogsDirectory= (below /var/log).
   */
  'logs'?: (boolean);
  /**
   * ConfigurationDirectory= (below /etc).
   */
  'configuration'?: (boolean);
  /**
   * The file-descriptor store (FileDescriptorStoreMax=).
   */
  'fdstore'?: (boolean);
}

/**
 * Which of a unit's resources Clean removes (systemctl clean --what=); "all" sets every flag.
 */
export interface CleanWhat__Output {
  /**
   * RuntimeDirectory= (below /run).
   */
  'runtime': (boolean);
  /**
   * StateDirectory= (below /var/lib).
   */
  'state': (boolean);
  /**
   * CacheDirectory= (below /var/cache).
   */
  'cache': (boolean);
  /**
   * LogsDirectory= (below /var/log).
   */
  'logs': (boolean);
  /**
   * ConfigurationDirectory= (below /etc).
   */
  'configuration': (boolean);
  /**
   * The file-descriptor store (FileDescriptorStoreMax=).
   */
  'fdstore': (boolean);
}
