// @sysmaster/worker-service: the service unit type (sm-service). ServiceUnits holds the units and
// their state file; ServiceUnit is one unit's state machine over the ServiceOs seam.
export { serviceWorker, start } from './start';
export { ServiceUnits } from './service-units';
export type { ServiceUnitsOptions } from './service-units';
export { ServiceUnit } from './service-unit';
export type { ServiceRuntime } from './service-unit';
export { parseServiceConfig, SERVICE_KEYS } from './config';
export type { ServiceConfig, ServiceType, RestartPolicy, NotifyAccess, KillMode, ParsedService } from './config';
export { SERVICE_ACTIVE_STATE, SERVICE_TRANSITIONS } from './states';
export type { ServiceState, ServiceEvent, ServiceResult } from './states';
export type { ServiceOs, SpawnRequest, ExitStatus, Stdio, NotifyDatagram, NotifyListener } from './os';
export { RealServiceOs } from './real-os';
