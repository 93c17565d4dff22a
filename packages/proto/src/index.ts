// @sysmaster/proto: the gRPC contracts (protos/sysmaster/v1) as typed, promise-based clients and
// servers, the shared error type, and the well-known runtime paths.
export { SysmasterError, ERROR_STATUS, MAX_ERROR_TEXT, boundErrorText, toServiceError, fromServiceError } from './errors';
export type { ErrorCode } from './errors';
export { runtimeDir, runtimePaths, workerSocket, configDir, logDir, persistentStateDir } from './paths';
export { connect, retrying, implement, createServer, injectConnections, serveOnPath, serveOnFd } from './rpc';
export type { Client, RetryPolicy, Handlers, CallOptions, HandlerErrorReporter, ImplementOptions, PeerIdentifier } from './rpc';
export type { ServiceName } from './services';
export { Admission, DEFAULT_ADMISSION_LIMITS, callerOf, labelSocket } from './admission';
export type { AdmissionLimits, Caller } from './admission';
export { REQUEST_LIMITS, checkRequest, limitsOf } from './limits';
export type { RequestLimits } from './limits';
export * as grpc from '@grpc/grpc-js';
export {
  ACTIVE_STATES, UP_STATES, DOWN_STATES, RUNNING_STATES, isActiveState, inStates,
  JOB_TYPES, isJobType, jobTypeFromWire, jobTypeToWire, startsUnit, JOB_MODES, isJobMode, jobModeFromWire, jobModeToWire,
  KILL_WHOM, isKillWhom, signalFromWire, cleanNothing, DEPENDENCY_KINDS,
} from './vocabulary';
export type { ActiveState, JobType, JobMode, KillWhom, DependencyKind } from './vocabulary';

export type { Empty, Empty__Output } from './generated/sysmaster/v1/Empty';
export type { Entry, Entry__Output } from './generated/sysmaster/v1/Entry';
export type { Section, Section__Output } from './generated/sysmaster/v1/Section';
export type { ConfigError, ConfigError__Output } from './generated/sysmaster/v1/ConfigError';
export type { UnitStatus, UnitStatus__Output } from './generated/sysmaster/v1/UnitStatus';
export type { DescribeResponse, DescribeResponse__Output } from './generated/sysmaster/v1/DescribeResponse';
export type { Capabilities, Capabilities__Output } from './generated/sysmaster/v1/Capabilities';
export type { LoadRequest, LoadRequest__Output } from './generated/sysmaster/v1/LoadRequest';
export type { LoadResponse, LoadResponse__Output } from './generated/sysmaster/v1/LoadResponse';
export type { ImpliedDependency, ImpliedDependency__Output } from './generated/sysmaster/v1/ImpliedDependency';
export type { KillRequest, KillRequest__Output } from './generated/sysmaster/v1/KillRequest';
export type { CleanWhat, CleanWhat__Output } from './generated/sysmaster/v1/CleanWhat';
export type { HostJobRequest, HostJobRequest__Output } from './generated/sysmaster/v1/HostJobRequest';
export type { HostEvent, HostEvent__Output } from './generated/sysmaster/v1/HostEvent';
export type { HostEventKind__Output as HostEventKind } from './generated/sysmaster/v1/HostEventKind';
export type { InitStatus, InitStatus__Output } from './generated/sysmaster/v1/InitStatus';
export type { ShutdownRequest, ShutdownRequest__Output } from './generated/sysmaster/v1/ShutdownRequest';
export type { Job, Job__Output } from './generated/sysmaster/v1/Job';
export type { JobsResponse, JobsResponse__Output } from './generated/sysmaster/v1/JobsResponse';
export type { UnitJobRequest, UnitJobRequest__Output } from './generated/sysmaster/v1/UnitJobRequest';
export type { UnitInfo, UnitInfo__Output } from './generated/sysmaster/v1/UnitInfo';
export type { UnitSummary, UnitSummary__Output } from './generated/sysmaster/v1/UnitSummary';
export type { ListUnitsRequest, ListUnitsRequest__Output } from './generated/sysmaster/v1/ListUnitsRequest';
export type { ManagerEvent, ManagerEvent__Output } from './generated/sysmaster/v1/ManagerEvent';
export type { LogLine, LogLine__Output } from './generated/sysmaster/v1/LogLine';
export type { Process, Process__Output } from './generated/sysmaster/v1/Process';
export type { KeepaliveResponse, KeepaliveResponse__Output } from './generated/sysmaster/v1/KeepaliveResponse';
export type { ManagerProcess, ManagerProcess__Output } from './generated/sysmaster/v1/ManagerProcess';
export type { LogsRequest, LogsRequest__Output } from './generated/sysmaster/v1/LogsRequest';
export type { DependencyRules, DependencyRules__Output } from './generated/sysmaster/v1/DependencyRules';
export type { HostJobResponse, HostJobResponse__Output } from './generated/sysmaster/v1/HostJobResponse';
export type { WatchUnitsRequest, WatchUnitsRequest__Output } from './generated/sysmaster/v1/WatchUnitsRequest';
export type { JobQueueState, JobQueueState__Output } from './generated/sysmaster/v1/JobQueueState';
export { CONTRACT_VERSION, IMAGE_STARTED_USEC, contractMismatch } from './contract';
