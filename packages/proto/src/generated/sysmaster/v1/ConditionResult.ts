// Original file: protos/sysmaster/v1/manager.proto

import type { Long } from '@grpc/proto-loader';

export interface ConditionResult {
  'checked'?: (boolean);
  'passed'?: (boolean);
  'timestamp_usec'?: (number | string | Long);
  'failures'?: (string)[];
}

export interface ConditionResult__Output {
  'checked': (boolean);
  'passed': (boolean);
  'timestamp_usec': (number);
  'failures': (string)[];
}
