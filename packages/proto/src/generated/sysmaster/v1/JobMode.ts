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
  fail: 'fail',
  isolate: 'isolate',
  ignore_dependencies: 'ignore_dependencies',
  ignore_requirements: 'ignore_requirements',
  flush: 'flush',
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
  | 'fail'
  | 1
  | 'isolate'
  | 2
  | 'ignore_dependencies'
  | 3
  | 'ignore_requirements'
  | 4
  | 'flush'
  | 5
  | 'replace_irreversibly'
  | 6

/**
 * How a new job treats the jobs already queued (systemctl --job-mode=). Spelled with "_" where
 * systemd has "-".
 */
export type JobMode__Output = typeof JobMode[keyof typeof JobMode]
