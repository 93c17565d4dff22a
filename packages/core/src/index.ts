// @sysmaster/core: the core manager's engine, exported for tests and tools.
export { start } from './start';
export { createCore } from './core';
export type { CoreOptions, CoreRuntime } from './core';
export { Manager } from './manager';
export type { ManagerOptions, WorkerPort } from './manager';
export type * from './manager-core';
export { JobEngine } from './job/engine';
export { buildTransaction, findOrderingCycle } from './job/transaction';
export { mergeJobTypes, MERGE_TABLE } from './job/merge';
export type { MergeableJobType, RequestJobType } from './job/merge';
export type { EngineJobType, JobGraph, UnitDriver, GraphUnit } from './job/types';
export { UnitTable } from './units/unit-table';
export { DependencyIndex } from './units/dependency-index';
export { readUnitDefinition, formatConfigError } from './units/unit-definition';
export { WorkerPool } from './workers/pool';
export { readRegistrations, parseRegistration, workerSearchPath } from './workers/registry';
export { readSystemConfig, parseSystemConfig } from './system-config';
export { openStore, memoryStore } from './store';
