// Original file: protos/sysmaster/v1/manager.proto

import type { Long } from '@grpc/proto-loader';

/**
 * What Keepalive answers: enough for init to tell a live core from a hung one.
 */
export interface KeepaliveResponse {
  /**
   * The core's pid.
   */
  'pid'?: (number);
  /**
   * How many unit jobs are queued or running.
   */
  'jobs'?: (number);
  /**
   * "initializing", "starting", "running", "degraded", "stopping".
   */
  'system_state'?: (string);
  /**
   * The contract revision the core speaks (see DescribeResponse.contract_version).
   */
  'contract_version'?: (number);
  /**
   * When the core's process image started (usec, realtime); changes at each daemon-reexec.
   */
  'image_started_usec'?: (number | string | Long);
}

/**
 * What Keepalive answers: enough for init to tell a live core from a hung one.
 */
export interface KeepaliveResponse__Output {
  /**
   * The core's pid.
   */
  'pid': (number);
  /**
   * How many unit jobs are queued or running.
   */
  'jobs': (number);
  /**
   * "initializing", "starting", "running", "degraded", "stopping".
   */
  'system_state': (string);
  /**
   * The contract revision the core speaks (see DescribeResponse.contract_version).
   */
  'contract_version': (number);
  /**
   * When the core's process image started (usec, realtime); changes at each daemon-reexec.
   */
  'image_started_usec': (number);
}
