// The sm-target process: TargetUnits served through worker-kit's runWorker.
import { runWorkerProcess, type WorkerDefinition } from '@sysmaster/worker-kit';
import { TargetUnits } from './target-units';

/** The target type as the core sees it through Describe. */
export const TARGET_WORKER: WorkerDefinition = {
  type: 'target',
  sections: [],
  capabilities: { can_reload: false, can_kill: false, can_reexec: true, once_only: false, has_processes: false, has_logs: false },
  // systemd.target(5): a target is ordered after what it pulls in, and list-dependencies expands it.
  dependencyRules: { order_after_wanted: true, expand_in_tree: true },
  create: (host) => new TargetUnits({ host }),
};

/** Runs the target worker until SIGTERM; exits 1 when it cannot serve its socket at all. */
export async function start(): Promise<void> {
  await runWorkerProcess(TARGET_WORKER);
}
