// The life cycle of a socket unit, as one table (docs/coding-habits.md habit 3).
//
// systemd's socket has thirteen sub-states: dead → start-pre (ExecStartPre=, no fds yet) →
// start-post (the fds are open, ExecStartPost=) → listening (the fds are polled) → running (the
// service was triggered, or runs, and owns the traffic) → listening again when the service
// stops; stop-pre (ExecStopPre=, fds still open) → stop-post (closed, ExecStopPost=) → dead, or
// failed (a bind that did not work, a command that failed, the trigger limit, a service that
// cannot be started). A socket without Exec*= commands skips their states. Not built: start-chown
// (SocketUser=/SocketGroup= are applied by the worker itself, in no child), and stop-pre-sig*,
// final-sig*, which kill the leftover processes of a socket's cgroup (the commands here run
// without one; a command that times out is killed with KillSignal=, then SIGKILL, in its state).
import { defineStateMachine, type ActiveStateMap, type Logger, type StateMachine } from '@sysmaster/worker-kit';

export type SocketState = 'dead' | 'start-pre' | 'start-post' | 'listening' | 'running' | 'stop-pre' | 'stop-post' | 'failed';

/** What moves a socket: requests, a pending connection, the service's state, failures. */
export type SocketEvent = 'start' | 'trigger' | 'service-running' | 'service-stopped' | 'stop' | 'fail' | 'reset-failed'
  | 'start-pre' | 'start-post' | 'stop-pre' | 'stop-post';

/** systemd's results of a socket unit that this worker produces. */
export type SocketResult = 'success' | 'resources' | 'trigger-limit-hit' | 'service-start-limit-hit'
  | 'exit-code' | 'signal' | 'core-dump' | 'timeout';

export const ACTIVE_STATE: ActiveStateMap<SocketState> = {
  dead: 'inactive',
  'start-pre': 'activating',
  'start-post': 'activating',
  listening: 'active',
  running: 'active',
  'stop-pre': 'deactivating',
  'stop-post': 'deactivating',
  failed: 'failed',
};

export const SOCKET_TRANSITIONS = {
  dead: { start: 'listening', 'start-pre': 'start-pre', 'start-post': 'start-post', fail: 'failed', 'reset-failed': 'dead' },
  'start-pre': { start: 'listening', 'start-post': 'start-post', 'stop-post': 'stop-post', stop: 'dead', fail: 'failed' },
  'start-post': { start: 'listening', 'stop-pre': 'stop-pre', 'stop-post': 'stop-post', stop: 'dead', fail: 'failed' },
  listening: { trigger: 'running', 'service-running': 'running', 'stop-pre': 'stop-pre', 'stop-post': 'stop-post', stop: 'dead', fail: 'failed' },
  running: { 'service-stopped': 'listening', 'stop-pre': 'stop-pre', 'stop-post': 'stop-post', stop: 'dead', fail: 'failed' },
  'stop-pre': { 'stop-post': 'stop-post', stop: 'dead', fail: 'failed' },
  'stop-post': { stop: 'dead', fail: 'failed' },
  failed: { start: 'listening', 'start-pre': 'start-pre', 'start-post': 'start-post', fail: 'failed', 'reset-failed': 'dead' },
} as const satisfies Record<SocketState, Partial<Record<SocketEvent, SocketState>>>;

export function socketMachine(log?: Logger): StateMachine<SocketState, SocketEvent> {
  return defineStateMachine<SocketState, SocketEvent>(SOCKET_TRANSITIONS, { ...(log ? { log } : {}), name: 'socket' });
}

/** Whether a service in `activeState` counts as running for its socket (it owns the traffic). */
export function serviceRuns(activeState: string): boolean {
  return activeState === 'active' || activeState === 'activating' || activeState === 'reloading' || activeState === 'deactivating';
}
