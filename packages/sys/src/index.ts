// @sysmaster/sys: the system calls Node lacks, for a service manager (docs/architecture.md "The C
// boundary: packages/sys").
export * from './types';
export { SysError, isErrno } from './errors';
export { spawn, execve, setChildSubreaper, onChildExit, reaperStats } from './process';
export { pidfdOpen, watchProcessExit, pollReadable } from './watch';
export {
  setCloexec, setNonblock, markFdsCloexec, closeFd, dupFd, listen, mkfifo, setPipeSize, openSpecial, openMessageQueue, unlinkMessageQueue,
  loopbackUp, peerCredentials, acceptConnection,
} from './fd';
export { notifySocket, recvNotify, pidfdGetfd } from './notify';
export { spawnFdHolder, takeFdsFromHolder, endFdHolder } from './fd-holder';
export { mount, umount, sync, reboot, rebootCall, REBOOT_ARGUMENT_MAX, type MountFlag } from './system';
export { cgroup2Root, cgroupOfPid } from './cgroup';
export { parseMountinfo } from './mountinfo';
export type { MountInfoEntry } from './mountinfo';
