// Original file: protos/sysmaster/v1/worker.proto


export interface ImpliedDependency {
  'kind'?: (string);
  'unit'?: (string);
}

export interface ImpliedDependency__Output {
  'kind': (string);
  'unit': (string);
}
