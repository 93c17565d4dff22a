// Emergency actions (SuccessAction=, FailureAction=, JobTimeoutAction=, StartLimitAction=;
// systemd.unit(5)) mapped onto the shutdown the core can do: a kind for init's final step and
// a level. "polite" stops every unit first (systemd's shape: isolate to the kind's target);
// "force" skips stopping units and goes straight to the final step; "immediate" does the same
// here, since init's final step is already the last thing that happens (it kills what is left,
// syncs and unmounts). "exit" is the manager leaving: for a system manager, in a sandbox or
// not, that is a poweroff.
import type { Logger } from '../log';
import type { ShutdownKind, ShutdownLevel } from '../manager-core';
import type { EmergencyAction } from '../units/unit-settings';

export function shutdownOf(action: EmergencyAction): { kind: ShutdownKind; level: ShutdownLevel } | null {
  if (action === 'none') return null;
  const [base, suffix] = action.split('-') as [string, string | undefined];
  const kind: ShutdownKind = base === 'reboot' ? 'reboot' : base === 'halt' ? 'halt' : base === 'kexec' ? 'kexec' : 'poweroff';
  const level: ShutdownLevel = suffix === 'force' ? 'force' : suffix === 'immediate' ? 'immediate' : 'polite';
  return { kind, level };
}

export interface EmergencyPort {
  log: Logger;
  /** Records RebootArgument= for the final step (absent: only logged). */
  writeRebootArgument?: (argument: string) => void;
  shutdown(kind: ShutdownKind, level: ShutdownLevel): void;
}

/**
 * Runs an emergency action for `unit` (none does nothing): logs why, records a reboot argument,
 * and begins the shutdown from a microtask (never from inside the event that caused it).
 */
export function runEmergencyAction(port: EmergencyPort, action: EmergencyAction, unit: string, why: string, rebootArgument: string): void {
  const plan = shutdownOf(action);
  if (!plan) return;
  port.log.warn(`${why}: ${action}`, { unit, action });
  if (rebootArgument && plan.kind === 'reboot') {
    if (port.writeRebootArgument) port.writeRebootArgument(rebootArgument);
    else port.log.info(`reboot argument "${rebootArgument}" (no place to record it)`);
  }
  queueMicrotask(() => port.shutdown(plan.kind, plan.level));
}
