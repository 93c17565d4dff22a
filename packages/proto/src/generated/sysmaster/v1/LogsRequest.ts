// Original file: protos/sysmaster/v1/manager.proto

import type { Long } from '@grpc/proto-loader';

export interface LogsRequest {
  'name'?: (string);
  'lines'?: (number);
  'follow'?: (boolean);
  'since_usec'?: (number | string | Long);
}

export interface LogsRequest__Output {
  'name': (string);
  'lines': (number);
  'follow': (boolean);
  'since_usec': (number);
}
