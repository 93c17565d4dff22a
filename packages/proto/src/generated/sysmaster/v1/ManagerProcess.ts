// Original file: protos/sysmaster/v1/manager.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One manager process.
 */
export interface ManagerProcess {
  /**
   * "init", "sysmaster", or the worker's process name ("sm-service").
   */
  'name'?: (string);
  /**
   * "init", "core" or "worker".
   */
  'role'?: (string);
  /**
   * Its pid (0 while it is being started).
   */
  'pid'?: (number);
  /**
   * When its current code was loaded: the process image's start (usec, realtime).
   */
  'image_started_usec'?: (number | string | Long);
  /**
   * How many times it was started since boot (1 when never replaced; a worker: 1 + restarts).
   */
  'starts'?: (number);
  /**
   * How many times it re-executed itself in place (daemon-reexec).
   */
  'reexecs'?: (number);
  /**
   * Why it was last replaced ("" when never): "killed by SIGKILL", "hung: missed 3 keepalives", …
   */
  'last_replacement'?: (string);
  /**
   * A worker's state in the core's pool ("ready", "reexecuting", "backoff", "failed", …); "running"
   * for init and the core.
   */
  'state'?: (string);
  /**
   * Its version ("" when it does not say).
   */
  'version'?: (string);
  /**
   * The contract revision it speaks (0: not stated).
   */
  'contract_version'?: (number);
}

/**
 * One manager process.
 */
export interface ManagerProcess__Output {
  /**
   * "init", "sysmaster", or the worker's process name ("sm-service").
   */
  'name': (string);
  /**
   * "init", "core" or "worker".
   */
  'role': (string);
  /**
   * Its pid (0 while it is being started).
   */
  'pid': (number);
  /**
   * When its current code was loaded: the process image's start (usec, realtime).
   */
  'image_started_usec': (number);
  /**
   * How many times it was started since boot (1 when never replaced; a worker: 1 + restarts).
   */
  'starts': (number);
  /**
   * How many times it re-executed itself in place (daemon-reexec).
   */
  'reexecs': (number);
  /**
   * Why it was last replaced ("" when never): "killed by SIGKILL", "hung: missed 3 keepalives", …
   */
  'last_replacement': (string);
  /**
   * A worker's state in the core's pool ("ready", "reexecuting", "backoff", "failed", …); "running"
   * for init and the core.
   */
  'state': (string);
  /**
   * Its version ("" when it does not say).
   */
  'version': (string);
  /**
   * The contract revision it speaks (0: not stated).
   */
  'contract_version': (number);
}
