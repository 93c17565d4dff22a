// Original file: protos/sysmaster/v1/manager.proto


export interface UnitSummary {
  'name'?: (string);
  'description'?: (string);
  'load_state'?: (string);
  'active_state'?: (string);
  'sub_state'?: (string);
  'job_id'?: (number);
  'job_type'?: (string);
}

export interface UnitSummary__Output {
  'name': (string);
  'description': (string);
  'load_state': (string);
  'active_state': (string);
  'sub_state': (string);
  'job_id': (number);
  'job_type': (string);
}
