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
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  reload: 'reload',
  try_restart: 'try_restart',
  reload_or_restart: 'reload_or_restart',
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
  | 'start'
  | 1
  | 'stop'
  | 2
  | 'restart'
  | 3
  | 'reload'
  | 4
  | 'try_restart'
  | 5
  | 'reload_or_restart'
  | 6
  | 'verify_active'
  | 7

/**
 * The job types a worker may ask for (systemctl's verbs). Not prefixed, so no other enum of
 * sysmaster.v1 may reuse these names; systemd spells them with "-" where these have "_".
 */
export type JobType__Output = typeof JobType[keyof typeof JobType]
