// systemctl clean for a service (UnitWorker.Clean): removes the directories its [Service]
// section names — RuntimeDirectory= below /run, StateDirectory= below /var/lib, CacheDirectory=
// below /var/cache, LogsDirectory= below /var/log, ConfigurationDirectory= below /etc — and its
// file-descriptor store, as CleanWhat selects (systemctl(1) clean --what=). Only a unit at rest
// (dead or failed) is cleaned; the caller refuses any other. The removal is synchronous, so the
// sub-state "cleaning" (active state maintenance, as systemd shows it) is entered and left within
// one request: a Watch follower still sees it. A removal that fails leaves the unit failed with
// result resources and answers ERR_SYSTEM naming the directory, as systemd's clean does.
import path from 'node:path';
import { SysmasterError, type CleanWhat__Output } from '@sysmaster/proto';
import type { ExecSettings } from '@sysmaster/exec';
import type { ServiceOs } from './os';

/** The directory settings Clean may remove, by CleanWhat flag. */
const DIRECTORY_FLAGS = ['runtime', 'state', 'cache', 'logs', 'configuration'] as const satisfies ReadonlyArray<keyof ExecSettings['directories'] & keyof CleanWhat__Output>;

/** The absolute directories of `exec` that `what` selects, outermost roots as directoryRoots() says. */
export function directoriesToClean(exec: ExecSettings, os: Pick<ServiceOs, 'directoryRoots'>, what: CleanWhat__Output): string[] {
  const roots = os.directoryRoots();
  return DIRECTORY_FLAGS.filter((kind) => what[kind]).flatMap((kind) => exec.directories[kind].map((relative) => path.join(roots[kind], relative)));
}

/** Removes each directory; throws ERR_SYSTEM for the first that cannot be removed. */
export function removeDirectories(os: Pick<ServiceOs, 'removeTree'>, unit: string, directories: string[]): void {
  for (const directory of directories) {
    try {
      os.removeTree(directory);
    } catch (error) {
      throw new SysmasterError('ERR_SYSTEM', `Cannot clean ${unit}: removing ${directory} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
