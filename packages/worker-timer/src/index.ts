// @sysmaster/worker-timer: the timer unit type (sm-timer), built on worker-kit and the protos.
// TimerUnits holds the timers (timer-units.ts); readTimerConfig reads a [Timer] section
// (timer-config.ts); the schedule is timer-schedule.ts; every OS effect is behind TimerEnvironment.
export { TimerUnits } from './timer-units';
export type { TimerState, TimerUnitsOptions } from './timer-units';
export { readTimerConfig } from './timer-config';
export type { TimerConfig, TimerLoad, MonotonicBase, MonotonicValue, CalendarValue } from './timer-config';
export { linuxTimerEnvironment } from './timer-env';
export type { TimerEnvironment } from './timer-env';
export { TIMER_WORKER, start } from './start';
