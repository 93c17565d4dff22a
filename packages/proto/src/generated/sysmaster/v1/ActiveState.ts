// Original file: protos/sysmaster/v1/common.proto

/**
 * The generic state every unit type maps its sub-states onto (systemd's "ActiveState").
 * The values are spelled exactly as systemd prints them, so every language sees the same words;
 * they are not prefixed, so no other enum of package sysmaster.v1 may reuse these names.
 */
export const ActiveState = {
  /**
   * Not running, and the last run (if any) did not fail. The default.
   */
  inactive: 'inactive',
  /**
   * Starting: between a start request (or an automatic restart) and readiness.
   */
  activating: 'activating',
  /**
   * Running (or, for a unit without processes, started).
   */
  active: 'active',
  /**
   * Running and reloading its configuration.
   */
  reloading: 'reloading',
  /**
   * Stopping.
   */
  deactivating: 'deactivating',
  /**
   * Not running, and the last run failed; `result` says why.
   */
  failed: 'failed',
  /**
   * Not running, being cleaned up (systemd's "maintenance", e.g. while cleaning directories).
   */
  maintenance: 'maintenance',
} as const;

/**
 * The generic state every unit type maps its sub-states onto (systemd's "ActiveState").
 * The values are spelled exactly as systemd prints them, so every language sees the same words;
 * they are not prefixed, so no other enum of package sysmaster.v1 may reuse these names.
 */
export type ActiveState =
  /**
   * Not running, and the last run (if any) did not fail. The default.
   */
  | 'inactive'
  | 0
  /**
   * Starting: between a start request (or an automatic restart) and readiness.
   */
  | 'activating'
  | 1
  /**
   * Running (or, for a unit without processes, started).
   */
  | 'active'
  | 2
  /**
   * Running and reloading its configuration.
   */
  | 'reloading'
  | 3
  /**
   * Stopping.
   */
  | 'deactivating'
  | 4
  /**
   * Not running, and the last run failed; `result` says why.
   */
  | 'failed'
  | 5
  /**
   * Not running, being cleaned up (systemd's "maintenance", e.g. while cleaning directories).
   */
  | 'maintenance'
  | 6

/**
 * The generic state every unit type maps its sub-states onto (systemd's "ActiveState").
 * The values are spelled exactly as systemd prints them, so every language sees the same words;
 * they are not prefixed, so no other enum of package sysmaster.v1 may reuse these names.
 */
export type ActiveState__Output = typeof ActiveState[keyof typeof ActiveState]
