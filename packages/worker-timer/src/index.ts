// @sysmaster/worker-timer: the timer unit type (sm-timer), built on worker-kit and the protos only.
export { TimerUnits, formatTimerTimestamp } from './timer-units';
export type { TimerState, TimerUnitsOptions } from './timer-units';
export { readTimerConfig } from './timer-config';
export type { TimerConfig, TimerLoad, MonotonicBase, MonotonicValue, CalendarValue } from './timer-config';
export { computeSchedule, batchedWake, randomDelay, stableHash } from './timer-schedule';
export type { Instant, Schedule, ScheduleContext, ScheduleState } from './timer-schedule';
export { linuxTimerEnvironment, MAX_WAKE_MS } from './timer-env';
export type { TimerEnvironment } from './timer-env';
export { TIMER_WORKER, start } from './start';
