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
// How a restart happens (systemd's service_enter_restart, which enqueues a restart job): the
// unit waits in auto-restart for the delay, then enters auto-restart-queued and asks the core for a
// restart job (WorkerHost.EnqueueJob), so the start limit (StartLimitIntervalSec=/StartLimitBurst=)
// is checked in one place, the core, for every start. The Start of that job — which may follow the
// job's own Stop, which leaves the unit dead for a moment — is the automatic restart and is counted
// in UnitStatus.restarts; any other Start begins a fresh count. When the core refuses the job the
// unit fails: result start-limit-hit for the start limit, resources for anything else (a shutdown,
// the core unreachable), as systemd fails a unit whose restart job cannot be enqueued. A Stop while
// the restart is pending cancels it.
import { constants as osConstants } from 'node:os';
import { fromServiceError } from '@sysmaster/proto';
import type { ExitStatusSet, ServiceConfig } from './config';
import type { ExitStatus } from './os';
import type { ServiceResult } from './states';
import type { UnitScope } from './unit-state';

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

/** The restart part of one unit: RestartSec=, the restart job asked of the core, and its outcome. */
export class AutoRestart {
  constructor(
    private readonly unit: UnitScope,
    /** The core refused the restart job: the unit fails with `result`. */
    private readonly refused: (result: ServiceResult, message: string) => void,
  ) {}

  /** A run ended and Restart= restarts it: auto-restart for RestartSec=, then the restart job. */
  enter(reason: string): void {
    this.unit.state.set('auto-restart', reason);
    this.arm();
  }

  /** Arms the delay of the next consecutive restart (RestartSec=, grown by RestartSteps=). */
  arm(): void {
    const { state, timers, config } = this.unit;
    timers.arm('state', restartDelay(config, state.runtime.restarts + 1), () => {
      state.cause = 'self';
      state.runtime.restartQueued = true;
      state.set('auto-restart-queued', 'RestartSec= elapsed; a restart job is requested');
      this.request();
    });
  }

  /** Asks the core for the restart job; a refusal that comes while the restart is still pending fails the unit. */
  request(): void {
    const { ctx, name, state } = this.unit;
    const r = state.runtime;
    r.restartQueued = true; // also for a unit taken over in auto-restart-queued from a state file without the flag
    ctx.log.info(`${name}: asking the core to restart it (restart ${r.restarts + 1})`);
    ctx.requestRestart(name).then(
      (job) => ctx.log.info(`${name}: restart job ${job} enqueued`),
      (error: unknown) => {
        if (!r.restartQueued || r.sub !== 'auto-restart-queued') return; // a Stop or the job's Start came first
        r.restartQueued = false;
        const e = fromServiceError(error);
        state.cause = 'self';
        this.refused(e.code === 'ERR_START_LIMIT' ? 'start-limit-hit' : 'resources', e.message);
      },
    );
  }

  /** A Start arrived: true when it is the automatic restart asked for, which it counts. */
  claim(): boolean {
    const r = this.unit.state.runtime;
    if (!r.restartQueued) return false;
    r.restartQueued = false;
    r.restarts++;
    return true;
  }

  /** Forgets a pending restart (a Stop, a reset-failed). */
  cancel(): void {
    this.unit.state.runtime.restartQueued = false;
  }
}
