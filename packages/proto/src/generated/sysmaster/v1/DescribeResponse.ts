// Original file: protos/sysmaster/v1/worker.proto

import type { Capabilities as _sysmaster_v1_Capabilities, Capabilities__Output as _sysmaster_v1_Capabilities__Output } from '../../sysmaster/v1/Capabilities';
import type { DependencyRules as _sysmaster_v1_DependencyRules, DependencyRules__Output as _sysmaster_v1_DependencyRules__Output } from '../../sysmaster/v1/DependencyRules';
import type { Long } from '@grpc/proto-loader';

/**
 * What a worker is (Describe). The core asks each worker process once, when it adopts or
 * starts it, and refuses a worker whose type is not the one it was registered for.
 */
export interface DescribeResponse {
  /**
   * The unit type, equal to the unit-file suffix without the dot, e.g. "service".
   */
  'type'?: (string);
  /**
   * The sections this worker owns, e.g. ["Service"]. A type with no section of its own (target)
   * lists none.
   */
  'sections'?: (string)[];
  /**
   * What the worker can do; a false capability means the matching RPC answers UNIMPLEMENTED.
   */
  'capabilities'?: (_sysmaster_v1_Capabilities | null);
  /**
   * The worker's version, for `sctl show` and upgrade checks.
   */
  'version'?: (string);
  /**
   * The worker's pid, so the core can tell a restarted worker from a reconnection.
   */
  'pid'?: (number);
  /**
   * Rules the core applies to the dependencies of units of this type.
   */
  'dependency_rules'?: (_sysmaster_v1_DependencyRules | null);
  /**
   * The revision of this contract the worker speaks (CONTRACT_VERSION in @sysmaster/proto, 1
   * for this file). The core refuses a worker that states another revision, naming both; 0 (a
   * worker written before the field) is accepted with a warning.
   */
  'contract_version'?: (number);
  /**
   * When this process image started (usec, realtime): it changes at each Reexec while the pid
   * stays, so the core can tell the new code from the old one still answering.
   */
  'image_started_usec'?: (number | string | Long);
  /**
   * How many times this worker process re-executed itself since it was started (its pid stayed),
   * for `sctl status`: a new core cannot count the re-execs that happened before it.
   */
  'reexecs'?: (number);
}

/**
 * What a worker is (Describe). The core asks each worker process once, when it adopts or
 * starts it, and refuses a worker whose type is not the one it was registered for.
 */
export interface DescribeResponse__Output {
  /**
   * The unit type, equal to the unit-file suffix without the dot, e.g. "service".
   */
  'type': (string);
  /**
   * The sections this worker owns, e.g. ["Service"]. A type with no section of its own (target)
   * lists none.
   */
  'sections': (string)[];
  /**
   * What the worker can do; a false capability means the matching RPC answers UNIMPLEMENTED.
   */
  'capabilities': (_sysmaster_v1_Capabilities__Output | null);
  /**
   * The worker's version, for `sctl show` and upgrade checks.
   */
  'version': (string);
  /**
   * The worker's pid, so the core can tell a restarted worker from a reconnection.
   */
  'pid': (number);
  /**
   * Rules the core applies to the dependencies of units of this type.
   */
  'dependency_rules': (_sysmaster_v1_DependencyRules__Output | null);
  /**
   * The revision of this contract the worker speaks (CONTRACT_VERSION in @sysmaster/proto, 1
   * for this file). The core refuses a worker that states another revision, naming both; 0 (a
   * worker written before the field) is accepted with a warning.
   */
  'contract_version': (number);
  /**
   * When this process image started (usec, realtime): it changes at each Reexec while the pid
   * stays, so the core can tell the new code from the old one still answering.
   */
  'image_started_usec': (number);
  /**
   * How many times this worker process re-executed itself since it was started (its pid stayed),
   * for `sctl status`: a new core cannot count the re-execs that happened before it.
   */
  'reexecs': (number);
}
