// The life cycle of a service, as one table.
//
// The sub-states are systemd's (systemd.service(5); `systemctl status` prints them). An event
// here is the step the unit takes next, named after the state it leads to; the table says from
// which states each step may be taken, so a step taken from the wrong place (a bug) is refused
// with ERR_WRONG_STATE instead of corrupting the unit. Which step comes next is decided by
// service-lifecycle.ts from the configuration and what the processes did:
//
//   dead/failed -> condition (ExecCondition) -> start-pre -> start -> start-post
//     -> running (or exited with RemainAfterExit, or the stop path for a finished oneshot)
//   running -> reload (ExecReload) | reload-signal -> reload-notify (Type=notify-reload) -> running
//   running/exited -> stop (ExecStop) -> stop-sigterm -> stop-sigkill -> stop-post (ExecStopPost)
//     -> final-sigterm -> final-sigkill -> dead | failed | auto-restart
//   auto-restart (RestartSec=) -> auto-restart-queued (the core was asked for a restart job)
//     -> the Start of that job: condition | start-pre | start; or failed when the core refuses
//     the job (the start limit), or dead on a Stop
//   dead/failed -> cleaning (sctl clean removes the unit's directories, clean.ts) -> dead/failed
//   the watchdog (and the "abort" timeout mode) enters stop-watchdog / final-watchdog instead of
//   the sigterm steps: the same path with WatchdogSignal= and TimeoutAbortSec=.
//
// The second table, REACTIONS, is the `state × event → action` half: what a request (Start, Stop,
// Reload) or the exit of the main process does in each sub-state. It is a total Record, so a new
// sub-state cannot be added without deciding what each event does there.
//
// Winding down only moves forward along STOP_ORDER, but any step may be skipped (no ExecStop:
// straight to stop-sigterm; nothing left to signal: straight to stop-post or the end), so every
// later stop state is reachable from every earlier one and from every running state.
import type { ActiveStateMap, TransitionTable } from '@sysmaster/worker-kit';

export type ServiceState =
  | 'dead' | 'condition' | 'start-pre' | 'start' | 'start-post' | 'running' | 'exited'
  | 'reload' | 'reload-signal' | 'reload-notify'
  | 'stop' | 'stop-watchdog' | 'stop-sigterm' | 'stop-sigkill' | 'stop-post'
  | 'final-watchdog' | 'final-sigterm' | 'final-sigkill'
  | 'auto-restart' | 'auto-restart-queued' | 'failed' | 'cleaning';

/** The steps a service takes: every state is entered by the step of the same name, plus reset-failed. */
export type ServiceEvent = ServiceState | 'reset-failed';

/**
 * Why a run ended (UnitStatus.result). start-limit-hit: the core refused the restart job of an
 * automatic restart because the unit hit its start limit (the core enforces the limit, for every
 * start); exec-condition marks, while the unit winds down, a start skipped by ExecCondition=
 * (the unit then comes to rest with result success: it is not failed); oom-kill: the main
 * process was SIGKILLed while the kernel's OOM killer struck in the unit's cgroup.
 */
export type ServiceResult =
  | 'success' | 'exit-code' | 'signal' | 'core-dump' | 'timeout' | 'watchdog' | 'resources' | 'protocol' | 'exec-condition'
  | 'start-limit-hit' | 'oom-kill';

export const SERVICE_ACTIVE_STATE: ActiveStateMap<ServiceState> = {
  dead: 'inactive',
  condition: 'activating',
  'start-pre': 'activating',
  start: 'activating',
  'start-post': 'activating',
  running: 'active',
  exited: 'active',
  reload: 'reloading',
  'reload-signal': 'reloading',
  'reload-notify': 'reloading',
  stop: 'deactivating',
  'stop-watchdog': 'deactivating',
  'stop-sigterm': 'deactivating',
  'stop-sigkill': 'deactivating',
  'stop-post': 'deactivating',
  'final-watchdog': 'deactivating',
  'final-sigterm': 'deactivating',
  'final-sigkill': 'deactivating',
  'auto-restart': 'activating',
  'auto-restart-queued': 'activating',
  failed: 'failed',
  cleaning: 'maintenance',
};

/** The signal states: the worker signals the unit's processes and waits for them to go. */
export type SignalState = 'stop-watchdog' | 'stop-sigterm' | 'stop-sigkill' | 'final-watchdog' | 'final-sigterm' | 'final-sigkill';
export const SIGNAL_STATES: ReadonlySet<ServiceState> = new Set<SignalState>([
  'stop-watchdog', 'stop-sigterm', 'stop-sigkill', 'final-watchdog', 'final-sigterm', 'final-sigkill',
]);

/** Winding down, in order; a unit only moves forward along it. */
const STOP_ORDER = [
  'stop', 'stop-watchdog', 'stop-sigterm', 'stop-sigkill', 'stop-post', 'final-watchdog', 'final-sigterm', 'final-sigkill',
] as const satisfies readonly ServiceState[];
const END = ['dead', 'failed', 'auto-restart'] as const satisfies readonly ServiceState[];
/** Starting (again) from a state where nothing runs; failed when the start fails at once. */
const BEGIN = ['condition', 'start-pre', 'start', 'failed'] as const satisfies readonly ServiceState[];

function moves(...states: ServiceState[]): Partial<Record<ServiceEvent, ServiceState>> {
  return Object.fromEntries(states.map((s) => [s, s]));
}
const WIND_DOWN = [...STOP_ORDER, ...END];
const after = (state: (typeof STOP_ORDER)[number]): ServiceState[] => [...STOP_ORDER.slice(STOP_ORDER.indexOf(state) + 1), ...END];
const RUNNING_ON = ['running', 'exited', 'reload', 'reload-signal', 'reload-notify'] as const satisfies readonly ServiceState[];

export const SERVICE_TRANSITIONS: TransitionTable<ServiceState, ServiceEvent> = {
  dead: moves(...BEGIN, 'cleaning'),
  failed: { ...moves(...BEGIN, 'cleaning'), 'reset-failed': 'dead' },
  cleaning: moves('dead', 'failed'),
  'auto-restart': moves('auto-restart-queued', 'dead'),
  'auto-restart-queued': moves(...BEGIN, 'dead'),
  condition: moves('start-pre', 'start', ...WIND_DOWN),
  'start-pre': moves('start', ...WIND_DOWN),
  start: moves('start-post', 'running', 'exited', ...WIND_DOWN),
  'start-post': moves('running', 'exited', ...WIND_DOWN),
  running: moves('exited', 'reload', 'reload-signal', 'reload-notify', ...WIND_DOWN),
  exited: moves('reload', ...WIND_DOWN),
  reload: moves(...RUNNING_ON.filter((s) => s !== 'reload'), ...WIND_DOWN),
  'reload-signal': moves('running', 'exited', 'reload-notify', ...WIND_DOWN),
  'reload-notify': moves('running', 'exited', ...WIND_DOWN),
  stop: moves(...after('stop')),
  'stop-watchdog': moves(...after('stop-watchdog')),
  'stop-sigterm': moves(...after('stop-sigterm')),
  'stop-sigkill': moves(...after('stop-sigkill')),
  'stop-post': moves(...after('stop-post')),
  'final-watchdog': moves(...after('final-watchdog')),
  'final-sigterm': moves(...after('final-sigterm')),
  'final-sigkill': moves(...after('final-sigkill')),
};

/** What a Start does: begin a run (an automatic restart when the worker asked for one), re-announce the state, or refuse. */
type StartAction = 'begin' | 'restart-or-announce' | 'announce' | 'refuse';
/**
 * What a Stop does: re-announce a unit at rest (releasing its fd store), re-announce one already
 * stopping, give up a pending automatic restart, run the stop path, or abort a start.
 */
type StopAction = 'at-rest' | 'announce' | 'cancel-restart' | 'stop' | 'abort-start';
/** What a Reload does: reload in place, or refuse (only an active unit reloads). */
type ReloadAction = 'reload' | 'refuse';
/**
 * What the exit of the main process does: end the start step (next command of a oneshot, or on),
 * end the run of an active unit, or only record the result for the step in progress.
 */
type MainExitAction = 'start-step' | 'running' | 'record';

export interface Reactions { start: StartAction; stop: StopAction; reload: ReloadAction; 'main-exit': MainExitAction }

const AT_REST: Reactions = { start: 'begin', stop: 'at-rest', reload: 'refuse', 'main-exit': 'record' };
const STARTING: Reactions = { start: 'announce', stop: 'abort-start', reload: 'refuse', 'main-exit': 'record' };
const UP: Reactions = { start: 'announce', stop: 'stop', reload: 'reload', 'main-exit': 'running' };
const RELOADING: Reactions = { start: 'announce', stop: 'stop', reload: 'refuse', 'main-exit': 'record' };
const STOPPING: Reactions = { start: 'refuse', stop: 'announce', reload: 'refuse', 'main-exit': 'record' };
const RESTARTING: Reactions = { start: 'announce', stop: 'cancel-restart', reload: 'refuse', 'main-exit': 'record' };

export const REACTIONS: Record<ServiceState, Reactions> = {
  dead: AT_REST,
  failed: AT_REST,
  condition: STARTING,
  'start-pre': STARTING,
  start: { ...STARTING, 'main-exit': 'start-step' },
  'start-post': STARTING,
  running: UP,
  exited: UP,
  reload: RELOADING,
  'reload-signal': { ...RELOADING, 'main-exit': 'running' },
  'reload-notify': { ...RELOADING, 'main-exit': 'running' },
  stop: STOPPING,
  'stop-watchdog': STOPPING,
  'stop-sigterm': STOPPING,
  'stop-sigkill': STOPPING,
  'stop-post': STOPPING,
  'final-watchdog': STOPPING,
  'final-sigterm': STOPPING,
  'final-sigkill': STOPPING,
  'auto-restart': RESTARTING,
  'auto-restart-queued': { ...RESTARTING, start: 'restart-or-announce' },
  cleaning: STOPPING,
};
