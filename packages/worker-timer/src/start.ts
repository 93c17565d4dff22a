// The sm-timer process: TimerUnits served through worker-kit's runWorker.
import { runWorkerProcess, type WorkerDefinition } from '@sysmaster/worker-kit';
import { TimerUnits } from './timer-units';

/** The timer type as the core sees it through Describe. */
export const TIMER_WORKER: WorkerDefinition = {
  type: 'timer',
  sections: ['Timer'],
  capabilities: { can_reload: false, can_kill: false, can_reexec: true, once_only: false, has_processes: false, has_logs: false },
  create: (host) => new TimerUnits({ host }),
};

/** Runs the timer worker until SIGTERM; exits 1 when it cannot serve its socket at all. */
export async function start(): Promise<void> {
  await runWorkerProcess(TIMER_WORKER);
}
