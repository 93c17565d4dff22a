// What sctl says about a job that did not succeed, in systemctl's words (bus-wait-for-jobs.c):
// the job result picks the sentence, and for a failed job the unit's own result says why.

const SERVICE_RESULT_REASONS: Record<string, string> = {
  'protocol': 'the service did not take the steps required by its unit configuration',
  'timeout': 'a timeout was exceeded',
  'exit-code': 'the control process exited with error code',
  'signal': 'a fatal signal was delivered to the control process',
  'core-dump': 'a fatal signal was delivered causing the control process to dump core',
  'watchdog': 'the service failed to send watchdog ping',
  'start-limit-hit': 'start of the service was attempted too often',
  'resources': 'of unavailable resources or another system error',
  'oom-kill': 'the control process was killed by the OOM killer',
  'exec-condition': 'the control process exited with an unclean status',
};

/** Job results that count as success. */
export function jobSucceeded(result: string): boolean {
  return result === 'done' || result === 'skipped';
}

/** The lines to print for a finished job, [] when it succeeded. */
export function jobFailureLines(unit: string, result: string, unitResult: string, jobType = 'start'): string[] {
  const see = `See "sctl status ${unit}" and "sctl logs ${unit}" for details.`;
  switch (result) {
    case 'done': case 'skipped': return [];
    case 'canceled': return [`Job for ${unit} canceled.`];
    case 'timeout': return [`Job for ${unit} timed out.`];
    case 'dependency': return [`A dependency job for ${unit} failed.`, see];
    case 'invalid': return [`${unit} is not active, cannot reload.`];
    case 'assert': return [`Assertion failed on job for ${unit}.`];
    case 'unsupported': return [`Operation on or unit type of ${unit} not supported on this system.`];
    case 'collected': return [`Queued job for ${unit} was garbage collected.`];
    case 'once': return [`Unit ${unit} was started already once and can't be started again.`];
    default: {
      const reason = SERVICE_RESULT_REASONS[unitResult];
      const lines = [reason ? `Job for ${unit} failed because ${reason}.` : `Job for ${unit} failed.`, see];
      if (unitResult === 'start-limit-hit') {
        // systemctl's way out of a start limit.
        const verb = jobType === 'restart' ? 'restart' : 'start';
        lines.push(`To force a start use "sctl reset-failed ${unit}"`, `followed by "sctl ${verb} ${unit}" again.`);
      }
      return lines;
    }
  }
}
