// The core's last act under init: handing the final step over, and what SIGTERM means around it.
//
// Once every unit is stopped the core calls Init.Shutdown. init answers and, on its next turn,
// SIGTERMs every process left (final-step.ts in @sysmaster/init), the core included. The answer
// and the signal race: both leave init within microseconds, and the core's event loop often runs
// the signal handler before the answer's callback. So the core must not wait for the answer to
// learn that SIGTERM now means "leave": from the moment it asks, SIGTERM ends it. A core that
// ignored that SIGTERM cost the whole final step its grace period (ShutdownTimeoutSec, 10 s),
// until init's SIGKILL. Nor does it wait for the signal once init answered: it exits then (init
// stopped supervising it before answering could matter: its Shutdown handler begins the final
// step, supervisor stopped, in the same event-loop turn as the answer, before it can see the
// core's exit), which spares the tree a core that is slow to get to its SIGTERM handler.
//
// Before the request, under init, SIGTERM is ignored: init owns shutdown (a stray `kill` of the
// core must not power the machine off). Without init (a bare dev run) SIGTERM means poweroff.
//
//   stage \ SIGTERM   under init          without init
//   serving           ignore              poweroff
//   asked             exit 0              exit 0        (init is sweeping; the units are stopped)
//
// and the answer, or its absence, ends the core too (exit 0; the API is closed first when init did
// not answer, as the core then is the last of the manager).
import type { ShutdownKind } from './manager-core';

/** What the handover needs: init's Shutdown call, the core's teardown, exit, a log. */
export interface HandoverDeps {
  underInit: boolean;
  /** Init.Shutdown over a fresh channel; rejects when init does not answer. */
  askInit(kind: ShutdownKind): Promise<void>;
  /** Stops watching the workers and closes the store (called once, whichever path gets there first). */
  closeRuntime(): void;
  /** Closes the API server; awaited before exiting when init did not answer. */
  closeApi(): Promise<void>;
  /** Starts an orderly poweroff (SIGTERM without init). */
  powerOff(): void;
  exit(code: number): void;
  log: { info(message: string): void };
}

export interface Handover {
  /** The core's finalStep: asks init to take over, or exits when init does not answer. */
  finalStep(kind: ShutdownKind): Promise<void>;
  /** The SIGTERM/SIGINT handler (see the table above). */
  onTerm(signal: string): void;
}

export function createHandover(deps: HandoverDeps): Handover {
  let asked = false;
  let closed = false;
  const closeOnce = (): void => {
    if (closed) return;
    closed = true;
    deps.closeRuntime();
  };
  return {
    async finalStep(kind) {
      // Set before the request leaves: init's sweep may be handled before its answer.
      asked = true;
      try {
        await deps.askInit(kind);
        deps.log.info(`init performs the final step of ${kind}: the core exits`);
        closeOnce(); // init ends the workers now: they must not be started again
        deps.exit(0);
      } catch (error) {
        deps.log.info(`init did not answer (${(error as Error).message}); the core exits (${kind})`);
        closeOnce();
        await deps.closeApi().catch(() => undefined);
        deps.exit(0);
      }
    },
    onTerm(signal) {
      if (asked) {
        // init's final step is sweeping every process: leave at once instead of costing it the
        // whole SIGTERM grace period (the units are stopped).
        deps.log.info(`${signal} during the final step: the core exits`);
        closeOnce();
        deps.exit(0);
        return;
      }
      if (deps.underInit) deps.log.info(`${signal} ignored: init owns shutdown`);
      else deps.powerOff();
    },
  };
}
