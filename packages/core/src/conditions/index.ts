// The Condition*= and Assert*= checks of systemd.unit(5): parsing at load time, evaluation when
// a start job runs, and the seam (ConditionEnv) through which every check reads the machine.
export { parseConditions } from './parse';
export { evaluateConditions } from './evaluate';
export { realConditionEnv } from './real-env';
export { detectVirtualization } from './virtualization';
export type { Condition, ConditionEnv } from './types';
export { memoryConditionEnv } from './memory-env';
export type { MemoryEnvSpec } from './memory-env';
