// Original file: protos/sysmaster/v1/common.proto

import type { Entry as _sysmaster_v1_Entry, Entry__Output as _sysmaster_v1_Entry__Output } from '../../sysmaster/v1/Entry';

/**
 * One section of a unit file, e.g. [Service], with its assignments in file order
 * (fragment first, then drop-ins in lexical order).
 */
export interface Section {
  /**
   * The section name without brackets, e.g. "Service".
   */
  'name'?: (string);
  /**
   * The assignments of the section, in the order they take effect.
   */
  'entries'?: (_sysmaster_v1_Entry)[];
  /**
   * The file whose "[Name]" header opened the section first (the fragment, or the first drop-in
   * that has it), so a problem with a missing key can name a place.
   */
  'file'?: (string);
  /**
   * The 1-based line of that header.
   */
  'line'?: (number);
}

/**
 * One section of a unit file, e.g. [Service], with its assignments in file order
 * (fragment first, then drop-ins in lexical order).
 */
export interface Section__Output {
  /**
   * The section name without brackets, e.g. "Service".
   */
  'name': (string);
  /**
   * The assignments of the section, in the order they take effect.
   */
  'entries': (_sysmaster_v1_Entry__Output)[];
  /**
   * The file whose "[Name]" header opened the section first (the fragment, or the first drop-in
   * that has it), so a problem with a missing key can name a place.
   */
  'file': (string);
  /**
   * The 1-based line of that header.
   */
  'line': (number);
}
