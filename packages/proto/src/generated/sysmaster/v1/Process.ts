// Original file: protos/sysmaster/v1/manager.proto


/**
 * A process of a unit's cgroup.
 */
export interface Process {
  /**
   * The process id.
   */
  'pid'?: (number);
  /**
   * The command line as /proc/PID/cmdline shows it, arguments joined by spaces.
   */
  'command'?: (string);
}

/**
 * A process of a unit's cgroup.
 */
export interface Process__Output {
  /**
   * The process id.
   */
  'pid': (number);
  /**
   * The command line as /proc/PID/cmdline shows it, arguments joined by spaces.
   */
  'command': (string);
}
