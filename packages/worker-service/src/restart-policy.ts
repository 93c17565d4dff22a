// How a process ending becomes a result, and whether and when a run that ended is restarted.
//
// Results (systemd.service(5)): an exit status of 0 or one listed in SuccessExitStatus= is
// clean; so is, for a main process, death by SIGHUP, SIGINT, SIGTERM or SIGPIPE (systemd's
// "clean daemon" signals) or a signal listed in SuccessExitStatus=. Anything else is exit-code,
// signal or core-dump. A process whose end we only learned from a pidfd (re-adopted after a
// worker restart, not our child) has no status and counts as clean: we cannot tell otherwise.
//
// Restart= decides from the result of the run, with the table of systemd.service(5):
//
//   cause \ Restart=          no  always  on-success  on-failure  on-abnormal  on-abort  on-watchdog
//   clean exit code/signal         X       X
//   unclean exit code              X                   X
//   unclean signal                 X                   X           X            X
//   timeout                        X                   X           X
//   watchdog                       X                   X           X                      X
//
// (resources and protocol failures restart like a timeout, as in systemd; a start skipped by
// ExecCondition= is never restarted.) RestartPreventExitStatus= vetoes a restart and
// RestartForceExitStatus= forces one, whatever the policy; a stop that was asked for never
// restarts. The delay grows from RestartSec= to RestartMaxDelaySec= in RestartSteps=
// exponential steps: delay(n) = RestartSec × (Max / RestartSec)^((n-1)/Steps) for the n-th
// consecutive restart (100 ms to 1.6 s in 4 steps: 100, 200, 400, 800, 1600 ms), Max after.
//
// The start limit (StartLimitIntervalSec=/StartLimitBurst= of [Unit], handed over in Load's
// unit_settings) is the core's to enforce, but an automatic restart must not outrun the core's
// refusal (with RestartSec=0 a crashing unit would restart several times before the core's
// Stop arrives). So the worker keeps the same count for itself: when a restart would be the
// start beyond the burst, the unit fails instead, with its restart counter raised so the core
// sees the attempted restart, counts it, and reports start-limit-hit.
import { constants as osConstants } from 'node:os';
import type { ExitStatusSet, ServiceConfig, StartLimit } from './config';
import type { ExitStatus } from './os';
import type { ServiceResult } from './states';

const CLEAN_SIGNALS = new Set(['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGPIPE']);

export function signalNumber(name: string | null): number {
  return name === null ? 0 : (osConstants.signals[name as NodeJS.Signals] ?? 0);
}

/** The result of a process ending with `status`; `main` enables the clean-daemon signals. */
export function classifyExit(status: ExitStatus, success: ExitStatusSet, main: boolean): ServiceResult {
  if (status.code === null && status.signal === null) return 'success';
  if (status.code !== null) return status.code === 0 || success.codes.includes(status.code) ? 'success' : 'exit-code';
  if ((main && CLEAN_SIGNALS.has(status.signal ?? '')) || success.signals.includes(signalNumber(status.signal))) return 'success';
  return status.core ? 'core-dump' : 'signal';
}

/** The result of an ExecCondition= command: 1-254 skip the start, 255 and signals fail it. */
export function classifyCondition(status: ExitStatus): ServiceResult {
  if (status.code === null && status.signal === null) return 'success';
  if (status.code === 0) return 'success';
  if (status.code !== null) return status.code < 255 ? 'exec-condition' : 'exit-code';
  return status.core ? 'core-dump' : 'signal';
}

function listed(set: ExitStatusSet, status: ExitStatus | null): boolean {
  if (!status) return false;
  if (status.code !== null) return set.codes.includes(status.code);
  return status.signal !== null && set.signals.includes(signalNumber(status.signal));
}

/**
 * Whether a run that ended with `result` restarts. `mainStatus` is how the last main process
 * ended (null when none ended), for RestartPreventExitStatus=/RestartForceExitStatus=.
 */
export function shouldRestart(config: ServiceConfig, result: ServiceResult, mainStatus: ExitStatus | null, stopRequested: boolean): boolean {
  if (stopRequested || result === 'exec-condition') return false;
  if (listed(config.restartPreventExitStatus, mainStatus)) return false;
  if (listed(config.restartForceExitStatus, mainStatus)) return true;
  switch (config.restart) {
    case 'no': return false;
    case 'always': return true;
    case 'on-success': return result === 'success';
    case 'on-failure': return result !== 'success';
    case 'on-abnormal': return result !== 'success' && result !== 'exit-code';
    case 'on-abort': return result === 'signal' || result === 'core-dump';
    case 'on-watchdog': return result === 'watchdog';
  }
}

/** The delay (usec) before the `n`-th consecutive automatic restart (n >= 1). */
export function restartDelay(config: ServiceConfig, n: number): number {
  const base = config.restartSec;
  const max = config.restartMaxDelaySec;
  const steps = config.restartSteps;
  if (n <= 1 || steps === 0 || base === 0 || !Number.isFinite(max) || base >= max) return base;
  if (n > steps) return max;
  return Math.round(base * Math.pow(max / base, (n - 1) / steps));
}

/** StartLimitIntervalSec= (usec, 0: no limit) and StartLimitBurst=. */

/** The starts of one unit within its StartLimitIntervalSec= (monotonic usec). */
export class StartCounter {
  private starts: number[] = [];

  /** Records a start at `now`. */
  record(now: number): void { this.starts.push(now); }
  /** True when one more start at `now` would exceed the burst within the interval. */
  wouldRefuse(limit: StartLimit, now: number): boolean {
    if (limit.intervalUsec === 0 || limit.burst === 0) return false;
    this.starts = this.starts.filter((t) => now - t < limit.intervalUsec);
    return this.starts.length >= limit.burst;
  }
  reset(): void { this.starts = []; }
}
