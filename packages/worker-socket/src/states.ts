// The life cycle of a socket unit, as one table (docs/coding-habits.md habit 3).
//
// systemd's socket has thirteen sub-states; the ones built here are those of a socket without
// Exec*= commands: dead → listening (the fds exist and are polled) → running (the service was
// triggered, or runs, and owns the traffic) → listening again when the service stops, and failed
// (a bind that did not work, the trigger limit, a service that cannot be started). The states of
// the Exec*= commands (start-pre, start-chown, start-post, stop-pre*, stop-post, final-sig*) come
// with those commands; they are not in this type, so the map below stays total.
import { defineStateMachine, type ActiveStateMap, type Logger, type StateMachine } from '@sysmaster/worker-kit';

export type SocketState = 'dead' | 'listening' | 'running' | 'failed';

/** What moves a socket: requests, a pending connection, the service's state, failures. */
export type SocketEvent = 'start' | 'trigger' | 'service-running' | 'service-stopped' | 'stop' | 'fail' | 'reset-failed';

/** systemd's results of a socket unit that this worker produces. */
export type SocketResult = 'success' | 'resources' | 'trigger-limit-hit' | 'service-start-limit-hit';

export const ACTIVE_STATE: ActiveStateMap<SocketState> = {
  dead: 'inactive',
  listening: 'active',
  running: 'active',
  failed: 'failed',
};

export const SOCKET_TRANSITIONS = {
  dead: { start: 'listening', fail: 'failed', 'reset-failed': 'dead' },
  listening: { trigger: 'running', 'service-running': 'running', stop: 'dead', fail: 'failed' },
  running: { 'service-stopped': 'listening', stop: 'dead', fail: 'failed' },
  failed: { start: 'listening', fail: 'failed', 'reset-failed': 'dead' },
} as const satisfies Record<SocketState, Partial<Record<SocketEvent, SocketState>>>;

export function socketMachine(log?: Logger): StateMachine<SocketState, SocketEvent> {
  return defineStateMachine<SocketState, SocketEvent>(SOCKET_TRANSITIONS, { ...(log ? { log } : {}), name: 'socket' });
}

/** Whether a service in `activeState` counts as running for its socket (it owns the traffic). */
export function serviceRuns(activeState: string): boolean {
  return activeState === 'active' || activeState === 'activating' || activeState === 'reloading' || activeState === 'deactivating';
}
