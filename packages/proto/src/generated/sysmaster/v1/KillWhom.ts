// Original file: protos/sysmaster/v1/worker.proto

/**
 * Whom a Kill request signals (systemctl kill --kill-whom=).
 */
export const KillWhom = {
  /**
   * Every process of the unit (its cgroup). The default.
   */
  all: 'all',
  /**
   * The main process only.
   */
  main: 'main',
  /**
   * The control process (the current Exec*Pre/Post/Reload/Stop command) only.
   */
  control: 'control',
} as const;

/**
 * Whom a Kill request signals (systemctl kill --kill-whom=).
 */
export type KillWhom =
  /**
   * Every process of the unit (its cgroup). The default.
   */
  | 'all'
  | 0
  /**
   * The main process only.
   */
  | 'main'
  | 1
  /**
   * The control process (the current Exec*Pre/Post/Reload/Stop command) only.
   */
  | 'control'
  | 2

/**
 * Whom a Kill request signals (systemctl kill --kill-whom=).
 */
export type KillWhom__Output = typeof KillWhom[keyof typeof KillWhom]
