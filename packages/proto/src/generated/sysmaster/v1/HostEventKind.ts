// Original file: protos/sysmaster/v1/worker.proto

/**
 * What the core does with a HostEvent.
 */
export const HostEventKind = {
  /**
   * Logged at info level and published to `sctl` subscribers.
   */
  info: 'info',
  /**
   * Logged as a warning, published, and kept with the unit: `sctl status` shows the last ones.
   */
  warning: 'warning',
  /**
   * A message a unit's process sent (sd_notify assignments in `fields`): logged at debug level
   * and published, so `sctl status` shows the latest STATUS= without waiting for a state change.
   */
  notify: 'notify',
} as const;

/**
 * What the core does with a HostEvent.
 */
export type HostEventKind =
  /**
   * Logged at info level and published to `sctl` subscribers.
   */
  | 'info'
  | 0
  /**
   * Logged as a warning, published, and kept with the unit: `sctl status` shows the last ones.
   */
  | 'warning'
  | 1
  /**
   * A message a unit's process sent (sd_notify assignments in `fields`): logged at debug level
   * and published, so `sctl status` shows the latest STATUS= without waiting for a state change.
   */
  | 'notify'
  | 2

/**
 * What the core does with a HostEvent.
 */
export type HostEventKind__Output = typeof HostEventKind[keyof typeof HostEventKind]
