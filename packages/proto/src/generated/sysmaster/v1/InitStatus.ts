// Original file: protos/sysmaster/v1/init.proto

import type { Long } from '@grpc/proto-loader';

export interface InitStatus {
  'pid'?: (number);
  'core_pid'?: (number);
  'core_starts'?: (number);
  'orphans_reaped'?: (number | string | Long);
  'boot_usec'?: (number | string | Long);
  'state'?: (string);
  'in_namespace'?: (boolean);
}

export interface InitStatus__Output {
  'pid': (number);
  'core_pid': (number);
  'core_starts': (number);
  'orphans_reaped': (number);
  'boot_usec': (number);
  'state': (string);
  'in_namespace': (boolean);
}
