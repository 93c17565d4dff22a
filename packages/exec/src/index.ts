// @sysmaster/exec: the execution context of unit processes (systemd.exec(5), and the cgroup
// half of systemd.resource-control(5)): what a worker's state machine calls around each run of
// a command (the service worker's runs, the socket worker's Exec*= commands).
//
//   load:        parseExecSettings(reader, specifiers)           → ExecSettings (+ ConfigErrors in reader)
//   each start:  prepareLaunch(exec, os, { unit, invocationId }) → Launch (users, env, dirs, cwd)
//                cgroupSettingsWithoutHierarchy(exec)            → notices when there is no cgroup at all
//                applyCgroupSettings(os, cgroupDir, exec)        → notices for `sctl status`
//   each spawn:  spawnRequest(launch, command, where)            → the @sysmaster/sys ExecContext
//   each stop:   finishRun(exec, os, { unit, restarting })       (RuntimeDirectory= removal)
//   status:      readCgroupCounters(os, cgroupDir)
//
// Every OS effect goes through ExecOs (os-needs.ts), which ServiceOs is meant to extend.
export { EXEC_KEYS, defaultExecSettings } from './settings';
export type { ExecSettings } from './settings';
export type { ExecOs, DirectoryRoots } from './os-needs';
export { RealExecOs, defaultDirectoryRoots } from './real-exec-os';
export { parseExecSettings, execProperties } from './parse';
export { prepareLaunch, spawnRequest, finishRun } from './launch';
export type { Launch, SpawnWhere } from './launch';
export { applyCgroupSettings, cgroupSettingsWithoutHierarchy, readCgroupCounters } from './cgroup';
export { oomScoreNotices } from './oom';
