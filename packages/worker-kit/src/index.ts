// @sysmaster/worker-kit: what any unit-type worker, ours or a third party's, builds on.
// runWorker() serves the UnitWorker contract (protos/sysmaster/v1/worker.proto) around a
// UnitTypeWorker; defineStateMachine() and ActiveStateMap keep life cycles as typed tables;
// SectionReader turns Load sections into typed config with located ConfigErrors;
// writeJsonAtomic()/DurableJsonRecords persist runtime state crash-safely; createLogger() logs JSON;
// createHostClient() (also host.core inside runWorker) calls the core's WorkerHost across core restarts;
// serveLogFile() serves UnitWorker.Logs from a unit's log file (tail, follow, since with its time index).
export { createLogger } from './logger';
export type { Logger } from './logger';
export { defineStateMachine } from './state-machine';
export type { ActiveState, ActiveStateMap, StateMachine, TransitionTable } from './state-machine';
export { ConfigError, SectionReader, managerTimeoutUsec } from './config';
export type { ValueParser, UnknownKeyMessage } from './config';
export { writeJsonAtomic, readJsonFile, DurableJsonRecords } from './state-file';
export { runWorker, runWorkerProcess } from './worker';
export { createHostClient } from './host-client';
export type { HostClient, HostClientOptions, UnitWatch } from './host-client';
export { createRecordingHost } from './host-recorder';
export { serveLogFile, tailLines, followFile, LOG_INDEX_SUFFIX } from './file-log';
export type { RecordingHost } from './host-recorder';
export type { WorkerDefinition, WorkerHost, UnitTypeWorker, KillWhom, LogSink, RunWorkerOptions, RunningWorker } from './worker-types';
export type { HandedOver, ReexecSys } from './reexec';
