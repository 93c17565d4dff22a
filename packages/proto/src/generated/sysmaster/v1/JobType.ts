// Original file: protos/sysmaster/v1/worker.proto

/**
 * The job types a worker may ask for (systemctl's verbs). Not prefixed, so no other enum of
 * sysmaster.v1 may reuse these names; systemd spells them with "-" where these have "_".
 */
export const JobType = {
  /**
   * Never sent on purpose: refused as INVALID_ARGUMENT.
   */
  no_job: 'no_job',
  /**
   * Start the unit and what it pulls in (Requires=, Wants=, …).
   */
  start: 'start',
  /**
   * Stop the unit, and the units that require it.
   */
  stop: 'stop',
  /**
   * Stop, then start the unit; a unit that is not running is started.
   */
  restart: 'restart',
  /**
   * Reload the unit's configuration in place.
   */
  reload: 'reload',
  /**
   * Restart the unit if it is running; otherwise do nothing.
   */
  try_restart: 'try_restart',
  /**
   * Reload the unit if it can reload, restart it otherwise.
   */
  reload_or_restart: 'reload_or_restart',
  /**
   * Succeed if the unit is active; start nothing.
   */
  verify_active: 'verify_active',
} as const;

/**
 * The job types a worker may ask for (systemctl's verbs). Not prefixed, so no other enum of
 * sysmaster.v1 may reuse these names; systemd spells them with "-" where these have "_".
 */
export type JobType =
  /**
   * Never sent on purpose: refused as INVALID_ARGUMENT.
   */
  | 'no_job'
  | 0
  /**
   * Start the unit and what it pulls in (Requires=, Wants=, …).
   */
  | 'start'
  | 1
  /**
   * Stop the unit, and the units that require it.
   */
  | 'stop'
  | 2
  /**
   * Stop, then start the unit; a unit that is not running is started.
   */
  | 'restart'
  | 3
  /**
   * Reload the unit's configuration in place.
   */
  | 'reload'
  | 4
  /**
   * Restart the unit if it is running; otherwise do nothing.
   */
  | 'try_restart'
  | 5
  /**
   * Reload the unit if it can reload, restart it otherwise.
   */
  | 'reload_or_restart'
  | 6
  /**
   * Succeed if the unit is active; start nothing.
   */
  | 'verify_active'
  | 7

/**
 * The job types a worker may ask for (systemctl's verbs). Not prefixed, so no other enum of
 * sysmaster.v1 may reuse these names; systemd spells them with "-" where these have "_".
 */
export type JobType__Output = typeof JobType[keyof typeof JobType]
