// @sysmaster/init: PID 1 of sysmaster-ts. It mounts the API filesystems, keeps the core alive,
// reaps orphans, re-executes itself on request and performs the final step of shutdown.
export { start, POWEROFF_CALL_TIMEOUT_MS, CORE_SHUTDOWN_FALLBACK_MS } from './init';
export { loadConfig, parseConfig, defaultConfig, defaultCoreCommand } from './config';
export type { InitConfig, ConfigProblem } from './config';
export { Supervisor, BOOT_GRACE_MS, MAX_RESTART_DELAY_MS } from './supervisor';
export type { CoreState, CoreEvent, SupervisorDeps, SupervisorSettings, SupervisorStatus, AdoptState } from './supervisor';
export { runFinalStep, processesToStop, unmountAll, KILL_WAIT_MS } from './final-step';
export type { FinalStepDeps } from './final-step';
export { coreEnvironment, coreSpawnContext, decodeState, encodeState, STATE_VARIABLE } from './core-launch';
export type { InitState } from './core-launch';
export { API_MOUNTS, planMounts, parseMountinfo, detectRole, enterInitScope, INITIAL_PID_NS } from './system-setup';
export type { InitRole, MountSpec, MountEntry } from './system-setup';
export type { InitSys, Clock, ExitInfo, SpawnContext } from './sys-seam';
