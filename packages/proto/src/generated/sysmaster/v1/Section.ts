// Original file: protos/sysmaster/v1/common.proto

import type { Entry as _sysmaster_v1_Entry, Entry__Output as _sysmaster_v1_Entry__Output } from '../../sysmaster/v1/Entry';

export interface Section {
  'name'?: (string);
  'entries'?: (_sysmaster_v1_Entry)[];
}

export interface Section__Output {
  'name': (string);
  'entries': (_sysmaster_v1_Entry__Output)[];
}
