// @sysmaster/example-worker-flag: the flag unit type, the worker-kit tutorial's worker.
export { FLAG_WORKER, FlagUnits } from './flag';
