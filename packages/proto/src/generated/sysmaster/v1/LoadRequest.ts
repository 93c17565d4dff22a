// Original file: protos/sysmaster/v1/worker.proto

import type { Section as _sysmaster_v1_Section, Section__Output as _sysmaster_v1_Section__Output } from '../../sysmaster/v1/Section';

/**
 * One unit's configuration as the core read it, for Load.
 */
export interface LoadRequest {
  /**
   * The unit's full name, e.g. "getty@tty1.service".
   */
  'name'?: (string);
  /**
   * The file the unit was loaded from ("" for a unit without a fragment).
   */
  'fragment_path'?: (string);
  /**
   * The drop-in files merged into it, in the order applied.
   */
  'dropin_paths'?: (string)[];
  /**
   * The sections owned by this worker, verbatim (fragment and drop-ins merged in order).
   */
  'sections'?: (_sysmaster_v1_Section)[];
  /**
   * Values the core resolved for `%` specifiers: keys are the specifier letters ("n", "N", "p",
   * "i", "I", "f", "H", "m", "b", "v", …), values their expansion for this unit.
   */
  'specifiers'?: ({[key: string]: string});
  /**
   * Settings from the [Unit] section a worker may need (e.g. "Description"), key to last value.
   */
  'unit_settings'?: ({[key: string]: string});
}

/**
 * One unit's configuration as the core read it, for Load.
 */
export interface LoadRequest__Output {
  /**
   * The unit's full name, e.g. "getty@tty1.service".
   */
  'name': (string);
  /**
   * The file the unit was loaded from ("" for a unit without a fragment).
   */
  'fragment_path': (string);
  /**
   * The drop-in files merged into it, in the order applied.
   */
  'dropin_paths': (string)[];
  /**
   * The sections owned by this worker, verbatim (fragment and drop-ins merged in order).
   */
  'sections': (_sysmaster_v1_Section__Output)[];
  /**
   * Values the core resolved for `%` specifiers: keys are the specifier letters ("n", "N", "p",
   * "i", "I", "f", "H", "m", "b", "v", …), values their expansion for this unit.
   */
  'specifiers': ({[key: string]: string});
  /**
   * Settings from the [Unit] section a worker may need (e.g. "Description"), key to last value.
   */
  'unit_settings': ({[key: string]: string});
}
