// The hand-over of listening fds from a socket unit to its service, across processes.
//
// The socket worker owns the fds; the service worker must put them at 3, 4, … of the service's
// main process (LISTEN_FDS, LISTEN_FDNAMES, LISTEN_PID). Neither asks the other over the
// contract: the fds already live in a third process, the socket unit's fd holder (an idle
// `sleep infinity` named `sm-socket-fds@<unit>` in argv[0], with the fds at 3, 4, …, started when
// the socket starts listening and ended when it stops). That holder is what lets the fds outlive
// a SIGKILL of the socket worker; it also serves the service worker, which copies the fds out of
// it with pidfd_getfd(2) (both workers run as root) right before it spawns the service.
//
// What the service worker needs to find them is one small JSON file per listening socket unit,
// $SYSMASTER_RUNTIME_DIR/sockets/<unit>.json (default /run/sysmaster/sockets/):
//
//   { "unit": "echo.socket", "service": "echo.service", "holderPid": 1234,
//     "names": ["echo.socket", "echo.socket"] }
//
// `names` has one entry per fd, in fd order (fd 3 + i is names[i]). The file is written
// atomically (temp file, fsync, rename) before the socket first polls, so it exists whenever a
// trigger can happen, and removed when the socket stops. The service worker passes the fds of
// every record whose `service` is the service being started, in the order of the unit names,
// and checks argv[0] of the holder before copying (a reused pid is not trusted). The reader is
// packages/worker-service/src/socket-fds.ts; this format is the contract between the two.
import fs from 'node:fs';
import path from 'node:path';
import { runtimePaths } from '@sysmaster/proto';
import { writeJsonAtomic } from '@sysmaster/worker-kit';
import type { HandoverRecord } from './os';

/** The folder of the hand-over records. */
export function handoverDir(): string {
  return path.join(runtimePaths().dir, 'sockets');
}

/** argv[0] of the fd holder of `unit`: what proves a pid is still that holder. */
export function holderArgv0(unit: string): string {
  return `sm-socket-fds@${unit}`;
}

/** Writes the record of `unit`, or removes it when `record` is null. */
export function writeHandoverRecord(dir: string, unit: string, record: HandoverRecord | null): void {
  const file = path.join(dir, `${unit}.json`);
  if (record === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeJsonAtomic(file, record);
}
