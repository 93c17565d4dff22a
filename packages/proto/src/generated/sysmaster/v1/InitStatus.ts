// Original file: protos/sysmaster/v1/init.proto

import type { Long } from '@grpc/proto-loader';

/**
 * What Init.Status reports.
 */
export interface InitStatus {
  /**
   * init's pid (1 when it is the system's or a namespace's init).
   */
  'pid'?: (number);
  /**
   * The core's current pid, 0 while it is being (re)started.
   */
  'core_pid'?: (number);
  /**
   * How many times init has started a core since it booted.
   */
  'core_starts'?: (number);
  /**
   * How many orphans init has reaped.
   */
  'orphans_reaped'?: (number | string | Long);
  /**
   * When init started (usec, realtime).
   */
  'boot_usec'?: (number | string | Long);
  /**
   * "booting", "running", "shutting-down".
   */
  'state'?: (string);
  /**
   * True when init runs as PID 1 of a non-initial PID namespace (a sandbox or container).
   */
  'in_namespace'?: (boolean);
  /**
   * The contract revision init speaks (see DescribeResponse.contract_version in worker.proto).
   */
  'contract_version'?: (number);
  /**
   * When init's current process image started (usec, realtime); changes at each Reexec.
   */
  'image_started_usec'?: (number | string | Long);
  /**
   * How many times init re-executed itself since boot.
   */
  'reexecs'?: (number);
  /**
   * Why the last core was replaced ("" when none was): "exited with status 1", "killed by
   * SIGKILL", "hung: missed 3 keepalives", "re-executed (daemon-reexec)".
   */
  'last_core_replacement'?: (string);
}

/**
 * What Init.Status reports.
 */
export interface InitStatus__Output {
  /**
   * init's pid (1 when it is the system's or a namespace's init).
   */
  'pid': (number);
  /**
   * The core's current pid, 0 while it is being (re)started.
   */
  'core_pid': (number);
  /**
   * How many times init has started a core since it booted.
   */
  'core_starts': (number);
  /**
   * How many orphans init has reaped.
   */
  'orphans_reaped': (number);
  /**
   * When init started (usec, realtime).
   */
  'boot_usec': (number);
  /**
   * "booting", "running", "shutting-down".
   */
  'state': (string);
  /**
   * True when init runs as PID 1 of a non-initial PID namespace (a sandbox or container).
   */
  'in_namespace': (boolean);
  /**
   * The contract revision init speaks (see DescribeResponse.contract_version in worker.proto).
   */
  'contract_version': (number);
  /**
   * When init's current process image started (usec, realtime); changes at each Reexec.
   */
  'image_started_usec': (number);
  /**
   * How many times init re-executed itself since boot.
   */
  'reexecs': (number);
  /**
   * Why the last core was replaced ("" when none was): "exited with status 1", "killed by
   * SIGKILL", "hung: missed 3 keepalives", "re-executed (daemon-reexec)".
   */
  'last_core_replacement': (string);
}
