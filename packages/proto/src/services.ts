// The services of the contract by name, with their generated definitions: the one list that
// rpc.ts (clients, servers) and limits.ts (request bounds) are keyed by.
import type { InitDefinition } from './generated/sysmaster/v1/Init';
import type { ManagerDefinition } from './generated/sysmaster/v1/Manager';
import type { UnitWorkerDefinition } from './generated/sysmaster/v1/UnitWorker';
import type { WorkerHostDefinition } from './generated/sysmaster/v1/WorkerHost';

/** Every service of the contract, by name, with its generated definition. */
export interface ServiceDefinitions {
  Init: InitDefinition;
  Manager: ManagerDefinition;
  UnitWorker: UnitWorkerDefinition;
  WorkerHost: WorkerHostDefinition;
}
export type ServiceName = keyof ServiceDefinitions;
