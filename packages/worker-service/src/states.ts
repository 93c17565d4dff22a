// The life cycle of a service, as one table.
//
// The sub-states are systemd's (systemd.service(5), `systemctl status` prints them). An event
// here is the step the unit takes next, named after the state it leads to; the table says from
// which states each step may be taken, so a step taken from the wrong place (a bug) is refused
// with ERR_WRONG_STATE instead of corrupting the unit. Which step comes next is decided by
// service-unit.ts from the configuration and what the processes did:
//
//   dead/failed/auto-restart -start-pre-> start-pre -start-> start -start-post-> start-post
//     -running-> running (or -exited-> exited with RemainAfterExit, or -stop-> for a finished
//     oneshot)
//   running/exited -stop-> stop (ExecStop) -stop-sigterm-> stop-sigterm -stop-sigkill->
//     stop-sigkill -stop-post-> stop-post (ExecStopPost) -final-sigterm-> final-sigterm
//     -final-sigkill-> final-sigkill -> dead | failed | auto-restart
//
// A step whose work is empty is skipped (no ExecStop: straight to stop-sigterm; nothing left to
// signal: straight to stop-post or the end), which is why the winding-down states can be
// reached from every running state.
import type { ActiveStateMap, TransitionTable } from '@sysmaster/worker-kit';

export type ServiceState =
  | 'dead' | 'start-pre' | 'start' | 'start-post' | 'running' | 'exited'
  | 'stop' | 'stop-sigterm' | 'stop-sigkill' | 'stop-post' | 'final-sigterm' | 'final-sigkill'
  | 'auto-restart' | 'failed';

/** The steps a service takes: every state is entered by the step of the same name, plus reset-failed. */
export type ServiceEvent = ServiceState | 'reset-failed';

/** Why a run ended (UnitStatus.result). */
export type ServiceResult = 'success' | 'exit-code' | 'signal' | 'core-dump' | 'timeout' | 'resources';

export const SERVICE_ACTIVE_STATE: ActiveStateMap<ServiceState> = {
  dead: 'inactive',
  'start-pre': 'activating',
  start: 'activating',
  'start-post': 'activating',
  running: 'active',
  exited: 'active',
  stop: 'deactivating',
  'stop-sigterm': 'deactivating',
  'stop-sigkill': 'deactivating',
  'stop-post': 'deactivating',
  'final-sigterm': 'deactivating',
  'final-sigkill': 'deactivating',
  'auto-restart': 'activating',
  failed: 'failed',
};

/** The ends of a run: where a unit goes once nothing of it is left. */
const END = { dead: 'dead', failed: 'failed', 'auto-restart': 'auto-restart' } as const;
/** Winding down from any running state, skipping the steps that have nothing to do. */
const WIND_DOWN = { 'stop-sigterm': 'stop-sigterm', 'stop-post': 'stop-post', 'final-sigterm': 'final-sigterm', ...END } as const;
/** Starting (again) from a state where nothing runs. */
const BEGIN = { 'start-pre': 'start-pre', start: 'start', failed: 'failed' } as const;

export const SERVICE_TRANSITIONS: TransitionTable<ServiceState, ServiceEvent> = {
  dead: { ...BEGIN },
  failed: { ...BEGIN, 'reset-failed': 'dead' },
  'auto-restart': { ...BEGIN, dead: 'dead' },
  'start-pre': { start: 'start', ...WIND_DOWN },
  start: { 'start-post': 'start-post', running: 'running', exited: 'exited', stop: 'stop', ...WIND_DOWN },
  'start-post': { running: 'running', exited: 'exited', stop: 'stop', ...WIND_DOWN },
  running: { exited: 'exited', stop: 'stop', ...WIND_DOWN },
  exited: { stop: 'stop', ...WIND_DOWN },
  stop: { ...WIND_DOWN },
  'stop-sigterm': { 'stop-sigkill': 'stop-sigkill', 'stop-post': 'stop-post', 'final-sigterm': 'final-sigterm', ...END },
  'stop-sigkill': { 'stop-post': 'stop-post', 'final-sigterm': 'final-sigterm', ...END },
  'stop-post': { 'final-sigterm': 'final-sigterm', ...END },
  'final-sigterm': { 'final-sigkill': 'final-sigkill', ...END },
  'final-sigkill': { ...END },
};

/** The states in which the worker is signalling the unit's processes and waits for them to go. */
export const SIGNAL_STATES: ReadonlySet<ServiceState> = new Set(['stop-sigterm', 'stop-sigkill', 'final-sigterm', 'final-sigkill']);
