// Original file: protos/sysmaster/v1/init.proto


/**
 * Which final step Init.Shutdown performs.
 */
export interface ShutdownRequest {
  /**
   * poweroff, reboot, halt or kexec; or exit (the manager leaving, SuccessAction=exit and friends:
   * a sandbox ends, the real system powers off).
   */
  'kind'?: (string);
}

/**
 * Which final step Init.Shutdown performs.
 */
export interface ShutdownRequest__Output {
  /**
   * poweroff, reboot, halt or kexec; or exit (the manager leaving, SuccessAction=exit and friends:
   * a sandbox ends, the real system powers off).
   */
  'kind': (string);
}
