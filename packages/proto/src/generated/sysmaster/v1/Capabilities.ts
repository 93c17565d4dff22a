// Original file: protos/sysmaster/v1/worker.proto


/**
 * What a worker can do. A false capability means the matching RPC answers UNIMPLEMENTED.
 */
export interface Capabilities {
  /**
   * Reload is supported.
   */
  'can_reload'?: (boolean);
  /**
   * Kill is supported (the type runs processes).
   */
  'can_kill'?: (boolean);
  /**
   * Reexec (live upgrade in place, same pid) is supported: the worker keeps its units, their
   * processes, its listening socket and the fds it needs across the exec, and its state in its
   * state files (see UnitWorker.Reexec). Such a worker must report image_started_usec: the core
   * (sctl daemon-reexec) waits for the same pid to answer Describe with a later one.
   */
  'can_reexec'?: (boolean);
  /**
   * A unit of this type may only be started once per boot (e.g. a device-like type).
   */
  'once_only'?: (boolean);
  /**
   * Units of this type run processes in cgroups: the core asks Status for live cgroup counters
   * and shows the process tree.
   */
  'has_processes'?: (boolean);
  /**
   * Logs is supported: units of this type have a log the worker can read back.
   */
  'has_logs'?: (boolean);
}

/**
 * What a worker can do. A false capability means the matching RPC answers UNIMPLEMENTED.
 */
export interface Capabilities__Output {
  /**
   * Reload is supported.
   */
  'can_reload': (boolean);
  /**
   * Kill is supported (the type runs processes).
   */
  'can_kill': (boolean);
  /**
   * Reexec (live upgrade in place, same pid) is supported: the worker keeps its units, their
   * processes, its listening socket and the fds it needs across the exec, and its state in its
   * state files (see UnitWorker.Reexec). Such a worker must report image_started_usec: the core
   * (sctl daemon-reexec) waits for the same pid to answer Describe with a later one.
   */
  'can_reexec': (boolean);
  /**
   * A unit of this type may only be started once per boot (e.g. a device-like type).
   */
  'once_only': (boolean);
  /**
   * Units of this type run processes in cgroups: the core asks Status for live cgroup counters
   * and shows the process tree.
   */
  'has_processes': (boolean);
  /**
   * Logs is supported: units of this type have a log the worker can read back.
   */
  'has_logs': (boolean);
}
