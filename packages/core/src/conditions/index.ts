// The Condition*= and Assert*= checks of systemd.unit(5): parsing at load time, evaluation when
// a start job runs, and the seam (ConditionEnv) through which every check reads the machine.
export { parseConditions } from './parse';
export type { ParsedConditions } from './parse';
export { evaluateConditions, describeCondition } from './evaluate';
export type { EvaluationResult } from './evaluate';
export { realConditionEnv } from './real-env';
export { detectVirtualization } from './virtualization';
export type { Virtualization } from './virtualization';
export type { Condition, ConditionEnv, FileFacts, FileKind, ProcessCredentials } from './types';
export { memoryConditionEnv } from './memory-env';
export type { MemoryEntry, MemoryEnvSpec } from './memory-env';
