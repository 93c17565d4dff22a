// The life cycle of a socket unit, as one table (docs/coding-habits.md habit 3).
//
// systemd's socket has thirteen sub-states: dead → start-pre (ExecStartPre=, no fds yet) →
// start-post (the fds are open, ExecStartPost=) → listening (the fds are polled) → running (the
// service was triggered, or runs, and owns the traffic) → listening again when the service
// stops; stop-pre (ExecStopPre=, fds still open) → stop-post (closed, ExecStopPost=) → dead, or
// failed (a bind that did not work, a command that failed, the trigger limit, a service that
// cannot be started). start-chown is passed through when SocketUser=/SocketGroup= are set (the
// worker chowns in-process, where systemd forks a child). After ExecStopPre= and at the end of a
// stop, what is left in the socket's cgroup gets KillSignal= (stop-pre-sigterm, final-sigterm),
// then SIGKILL after TimeoutSec= (stop-pre-sigkill, final-sigkill); an empty cgroup skips them.
// A socket without Exec*= commands skips their states.
import { defineStateMachine, type ActiveStateMap, type Logger, type StateMachine } from '@sysmaster/worker-kit';

export type SocketState = 'dead' | 'start-pre' | 'start-chown' | 'start-post' | 'listening' | 'running'
  | 'stop-pre' | 'stop-pre-sigterm' | 'stop-pre-sigkill' | 'stop-post' | 'final-sigterm' | 'final-sigkill' | 'failed';

/** What moves a socket: requests, a pending connection, the service's state, failures. */
export type SocketEvent = 'start' | 'trigger' | 'service-running' | 'service-stopped' | 'stop' | 'fail' | 'reset-failed'
  | 'start-pre' | 'start-chown' | 'start-post' | 'stop-pre' | 'stop-pre-sigterm' | 'stop-pre-sigkill' | 'stop-post'
  | 'final-sigterm' | 'final-sigkill';

/** systemd's results of a socket unit that this worker produces. */
export type SocketResult = 'success' | 'resources' | 'trigger-limit-hit' | 'service-start-limit-hit'
  | 'exit-code' | 'signal' | 'core-dump' | 'timeout';

export const ACTIVE_STATE: ActiveStateMap<SocketState> = {
  dead: 'inactive',
  'start-pre': 'activating',
  'start-chown': 'activating',
  'start-post': 'activating',
  listening: 'active',
  running: 'active',
  'stop-pre': 'deactivating',
  'stop-pre-sigterm': 'deactivating',
  'stop-pre-sigkill': 'deactivating',
  'stop-post': 'deactivating',
  'final-sigterm': 'deactivating',
  'final-sigkill': 'deactivating',
  failed: 'failed',
};

/** The first states of a start with Exec*= commands or ownership to apply. */
const STARTING = { 'start-pre': 'start-pre', 'start-chown': 'start-chown', 'start-post': 'start-post' } as const;
/** Where every state that has begun may go on its way down. */
const STOPPING = { 'stop-post': 'stop-post', 'final-sigterm': 'final-sigterm', stop: 'dead', fail: 'failed' } as const;

export const SOCKET_TRANSITIONS = {
  dead: { start: 'listening', ...STARTING, fail: 'failed', 'reset-failed': 'dead' },
  'start-pre': { start: 'listening', 'start-chown': 'start-chown', 'start-post': 'start-post', ...STOPPING },
  'start-chown': { start: 'listening', 'start-post': 'start-post', ...STOPPING },
  'start-post': { start: 'listening', 'stop-pre': 'stop-pre', ...STOPPING },
  listening: { trigger: 'running', 'service-running': 'running', 'stop-pre': 'stop-pre', ...STOPPING },
  running: { 'service-stopped': 'listening', 'stop-pre': 'stop-pre', ...STOPPING },
  'stop-pre': { 'stop-pre-sigterm': 'stop-pre-sigterm', ...STOPPING },
  'stop-pre-sigterm': { 'stop-pre-sigkill': 'stop-pre-sigkill', ...STOPPING },
  'stop-pre-sigkill': STOPPING,
  'stop-post': STOPPING,
  'final-sigterm': { 'final-sigkill': 'final-sigkill', stop: 'dead', fail: 'failed' },
  'final-sigkill': { stop: 'dead', fail: 'failed' },
  failed: { start: 'listening', ...STARTING, fail: 'failed', 'reset-failed': 'dead' },
} as const satisfies Record<SocketState, Partial<Record<SocketEvent, SocketState>>>;

export function socketMachine(log?: Logger): StateMachine<SocketState, SocketEvent> {
  return defineStateMachine<SocketState, SocketEvent>(SOCKET_TRANSITIONS, { ...(log ? { log } : {}), name: 'socket' });
}

/** Whether a service in `activeState` counts as running for its socket (it owns the traffic). */
export function serviceRuns(activeState: string): boolean {
  return activeState === 'active' || activeState === 'activating' || activeState === 'reloading' || activeState === 'deactivating';
}
