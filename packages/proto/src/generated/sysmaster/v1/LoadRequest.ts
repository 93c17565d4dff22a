// Original file: protos/sysmaster/v1/worker.proto

import type { Section as _sysmaster_v1_Section, Section__Output as _sysmaster_v1_Section__Output } from '../../sysmaster/v1/Section';

export interface LoadRequest {
  'name'?: (string);
  'fragment_path'?: (string);
  'dropin_paths'?: (string)[];
  'sections'?: (_sysmaster_v1_Section)[];
  'specifiers'?: ({[key: string]: string});
  'unit_settings'?: ({[key: string]: string});
}

export interface LoadRequest__Output {
  'name': (string);
  'fragment_path': (string);
  'dropin_paths': (string)[];
  'sections': (_sysmaster_v1_Section__Output)[];
  'specifiers': ({[key: string]: string});
  'unit_settings': ({[key: string]: string});
}
