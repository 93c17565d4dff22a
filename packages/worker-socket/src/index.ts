// @sysmaster/worker-socket: the socket unit type (sm-socket), socket activation (Accept=no and Accept=yes).
export { SocketUnits } from './socket-units';
export type { SocketUnitsOptions } from './socket-units';
export { SocketUnit, listenSpec } from './socket-unit';
export type { SocketRuntime } from './socket-unit';
export { parseSocketConfig, socketProperties, defaultService } from './config';
export type { SocketConfig, ParsedSocket } from './config';
export type { SocketOptions } from './socket-options';
export { parseListen } from './listen-address';
export type { ListenAddress, ListenKind } from './listen-address';
export { ACTIVE_STATE, SOCKET_TRANSITIONS } from './states';
export type { SocketState, SocketEvent, SocketResult } from './states';
export type { SocketOs, HandoverRecord } from './os';
export { handoverDir, holderArgv0 } from './handover';
export { SOCKET_WORKER, start } from './start';
