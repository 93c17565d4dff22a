// @sysmaster/worker-target: the target unit type (sm-target).
export { TargetUnits } from './target-units';
export type { TargetState, TargetUnitsOptions, Clock } from './target-units';
export { TARGET_WORKER, start } from './start';
