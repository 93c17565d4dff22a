// Original file: protos/sysmaster/v1/worker.proto

import type { ConfigError as _sysmaster_v1_ConfigError, ConfigError__Output as _sysmaster_v1_ConfigError__Output } from '../../sysmaster/v1/ConfigError';
import type { ImpliedDependency as _sysmaster_v1_ImpliedDependency, ImpliedDependency__Output as _sysmaster_v1_ImpliedDependency__Output } from '../../sysmaster/v1/ImpliedDependency';

/**
 * The worker's verdict on one unit's configuration (Load).
 */
export interface LoadResponse {
  /**
   * Problems found; a non-empty list means the unit is not usable ("bad-setting").
   */
  'errors'?: (_sysmaster_v1_ConfigError)[];
  /**
   * Dependencies the type implies whatever DefaultDependencies= says, e.g. a socket unit's
   * Triggers= (and Before=) on its service, a timer's on the unit it activates.
   */
  'dependencies'?: (_sysmaster_v1_ImpliedDependency)[];
  /**
   * The type's settings as systemd property names and printable values, for `sctl show`.
   */
  'properties'?: ({[key: string]: string});
  /**
   * Problems that do not make the unit unusable (an ignored or not yet enforced setting): the
   * core logs them and `sctl status` shows them; the unit loads.
   */
  'warnings'?: (_sysmaster_v1_ConfigError)[];
  /**
   * The type's default dependencies (systemd.<type>(5), "Default Dependencies"), which the core
   * adds only when the unit does not set DefaultDependencies=no, e.g. a service's Requires= and
   * After= sysinit.target, Conflicts= and Before= shutdown.target.
   */
  'default_dependencies'?: (_sysmaster_v1_ImpliedDependency)[];
  /**
   * Whether Reload can work for this unit (systemd's CanReload=), e.g. a service with
   * ExecReload=. A reload job on a unit that cannot reload is refused up front, and
   * reload-or-restart restarts it instead. Ignored when Describe's can_reload is false.
   */
  'can_reload'?: (boolean);
}

/**
 * The worker's verdict on one unit's configuration (Load).
 */
export interface LoadResponse__Output {
  /**
   * Problems found; a non-empty list means the unit is not usable ("bad-setting").
   */
  'errors': (_sysmaster_v1_ConfigError__Output)[];
  /**
   * Dependencies the type implies whatever DefaultDependencies= says, e.g. a socket unit's
   * Triggers= (and Before=) on its service, a timer's on the unit it activates.
   */
  'dependencies': (_sysmaster_v1_ImpliedDependency__Output)[];
  /**
   * The type's settings as systemd property names and printable values, for `sctl show`.
   */
  'properties': ({[key: string]: string});
  /**
   * Problems that do not make the unit unusable (an ignored or not yet enforced setting): the
   * core logs them and `sctl status` shows them; the unit loads.
   */
  'warnings': (_sysmaster_v1_ConfigError__Output)[];
  /**
   * The type's default dependencies (systemd.<type>(5), "Default Dependencies"), which the core
   * adds only when the unit does not set DefaultDependencies=no, e.g. a service's Requires= and
   * After= sysinit.target, Conflicts= and Before= shutdown.target.
   */
  'default_dependencies': (_sysmaster_v1_ImpliedDependency__Output)[];
  /**
   * Whether Reload can work for this unit (systemd's CanReload=), e.g. a service with
   * ExecReload=. A reload job on a unit that cannot reload is refused up front, and
   * reload-or-restart restarts it instead. Ignored when Describe's can_reload is false.
   */
  'can_reload': (boolean);
}
