// Original file: protos/sysmaster/v1/init.proto


export interface ShutdownRequest {
  /**
   * poweroff, reboot, halt or kexec.
   */
  'kind'?: (string);
}

export interface ShutdownRequest__Output {
  /**
   * poweroff, reboot, halt or kexec.
   */
  'kind': (string);
}
