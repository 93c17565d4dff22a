// Original file: protos/sysmaster/v1/worker.proto

/**
 * How a new job treats the jobs already queued (systemctl --job-mode=). Spelled with "_" where
 * systemd has "-".
 */
export const JobMode = {
  /**
   * The default: replace conflicting jobs.
   */
  replace: 'replace',
  /**
   * Fail when the new jobs conflict with jobs already queued.
   */
  fail: 'fail',
  /**
   * Start the unit and stop every unit it does not need (except IgnoreOnIsolate=yes ones).
   */
  isolate: 'isolate',
  /**
   * Ignore every dependency: only the named unit gets a job, and no ordering is honoured.
   */
  ignore_dependencies: 'ignore_dependencies',
  /**
   * Ignore the requirement dependencies; ordering is still honoured.
   */
  ignore_requirements: 'ignore_requirements',
  /**
   * Cancel every queued job, then queue the new ones.
   */
  flush: 'flush',
  /**
   * As replace, and no later request may replace the jobs queued now.
   */
  replace_irreversibly: 'replace_irreversibly',
} as const;

/**
 * How a new job treats the jobs already queued (systemctl --job-mode=). Spelled with "_" where
 * systemd has "-".
 */
export type JobMode =
  /**
   * The default: replace conflicting jobs.
   */
  | 'replace'
  | 0
  /**
   * Fail when the new jobs conflict with jobs already queued.
   */
  | 'fail'
  | 1
  /**
   * Start the unit and stop every unit it does not need (except IgnoreOnIsolate=yes ones).
   */
  | 'isolate'
  | 2
  /**
   * Ignore every dependency: only the named unit gets a job, and no ordering is honoured.
   */
  | 'ignore_dependencies'
  | 3
  /**
   * Ignore the requirement dependencies; ordering is still honoured.
   */
  | 'ignore_requirements'
  | 4
  /**
   * Cancel every queued job, then queue the new ones.
   */
  | 'flush'
  | 5
  /**
   * As replace, and no later request may replace the jobs queued now.
   */
  | 'replace_irreversibly'
  | 6

/**
 * How a new job treats the jobs already queued (systemctl --job-mode=). Spelled with "_" where
 * systemd has "-".
 */
export type JobMode__Output = typeof JobMode[keyof typeof JobMode]
