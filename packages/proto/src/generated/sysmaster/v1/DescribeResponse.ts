// Original file: protos/sysmaster/v1/worker.proto

import type { Capabilities as _sysmaster_v1_Capabilities, Capabilities__Output as _sysmaster_v1_Capabilities__Output } from '../../sysmaster/v1/Capabilities';

export interface DescribeResponse {
  'type'?: (string);
  'sections'?: (string)[];
  'capabilities'?: (_sysmaster_v1_Capabilities | null);
  'version'?: (string);
  'pid'?: (number);
}

export interface DescribeResponse__Output {
  'type': (string);
  'sections': (string)[];
  'capabilities': (_sysmaster_v1_Capabilities__Output | null);
  'version': (string);
  'pid': (number);
}
