// Original file: protos/sysmaster/v1/worker.proto


export interface Capabilities {
  'can_reload'?: (boolean);
  'can_kill'?: (boolean);
  'can_reexec'?: (boolean);
  'once_only'?: (boolean);
  'has_processes'?: (boolean);
}

export interface Capabilities__Output {
  'can_reload': (boolean);
  'can_kill': (boolean);
  'can_reexec': (boolean);
  'once_only': (boolean);
  'has_processes': (boolean);
}
