// Emergency actions (SuccessAction=, FailureAction=, JobTimeoutAction=, StartLimitAction=;
// systemd.unit(5)) mapped onto the shutdown the core can do: a kind for init's final step and
// a level. "polite" stops every unit first (systemd's shape: isolate to the kind's target);
// "force" skips stopping units and goes straight to the final step; "immediate" does the same
// here, since init's final step is already the last thing that happens (it kills what is left,
// syncs and unmounts).
//
// "exit" is the manager leaving, as systemd does it: exit.target is started (the shutdown
// sequence uses replace-irreversibly for it, not an isolate, exactly systemd's job), so an
// admin's exit.target or its drop-ins decide what runs and what is stopped on the way out (the
// shipped one requires shutdown.target, which every unit with default dependencies conflicts
// with); once its jobs are done, init's final step of kind "exit" runs. "exit-force" skips the
// units and goes straight to that final step. Neither starts poweroff.target. What the final
// step of "exit" is depends on where init runs (packages/init final-step.ts): in a sandbox or
// container init exits, ending it, which is what systemd does there; as the real system's PID 1
// init cannot exit (the kernel would panic), so it powers the machine off, which is where
// systemd ends too ("Doing poweroff instead of exit"; systemd on bare metal goes through
// poweroff.target, here exit.target is honoured on both).
import type { Logger } from '../log';
import type { ShutdownKind, ShutdownLevel } from '../manager-core';
import type { EmergencyAction } from '../units/unit-settings';

/** The kind each action's first word names (the actions are validated at load: unit-settings.ts). */
const KIND_OF_ACTION: Readonly<Record<string, ShutdownKind>> = { poweroff: 'poweroff', reboot: 'reboot', halt: 'halt', kexec: 'kexec', exit: 'exit' };

/** The shutdown an action asks for; null for none. */
export function shutdownOf(action: EmergencyAction): { kind: ShutdownKind; level: ShutdownLevel } | null {
  if (action === 'none') return null;
  const [base, suffix] = action.split('-') as [string, string | undefined];
  const kind: ShutdownKind = KIND_OF_ACTION[base] ?? 'poweroff';
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
